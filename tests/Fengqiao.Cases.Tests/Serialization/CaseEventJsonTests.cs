using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Serialization;

public class CaseEventJsonTests
{
    private static readonly CaseReport Joined = new(CaseChannel.Hotline12345, new CaseCategory("noise"), CasePriority.Emergency,
        new CaseLocation(OtherGrid, "和平路 1 号", 30.25, 120.1699999), new Reporter("李四"), "又响了", "12345-001")
    {
        Tier = CaseTier.Difficult,
    };

    private static readonly TimeLimit Odd = TimeLimit.WorkingTime(Duration.FromSeconds(5430));

    private static readonly CaseHandOffTerms Terms = new("(2026)甘0981民诉前调1号", "CourtPreFilingDiversion", "debt", Street)
    {
        Mediator = new Fengqiao.Cases.Organisation.ActorId("m1"),
        RuleId = "court-divert-suitable",
        Returns = "earlier/key",
        SentBy = new Fengqiao.Cases.Organisation.ActorId("judge"),
        AgreementTakesEffect = Instant.FromUtc(2026, 11, 3, 2, 0, 7),
        MediationTerminated = Instant.FromUtc(2026, 11, 4, 3, 0),
        MediationRecord = "调解记录 \"两天\"\n",
        TrafficAccident = true,
    };

    // One sample of every payload type, every optional field set (and awkward text). A payload type missing here fails
    // Serialize_EveryPayloadType_RoundTrips, so a new kind of event cannot ship without its JSON.
    private static readonly Dictionary<Type, CaseEventPayload> Samples = new CaseEventPayload[]
    {
        RegisteredEvent().Payload,
        new CaseReportJoined(Joined, new CaseId("case-9"), "同一事项") { QueryCodeDigest = QueryCodeDigest.Parse(new string('B', 64)) },
        new CaseReporterErased("reporter", "个人信息保护法 第四十七条"),
        new CaseClockStageChanged(CaseClockKind.SignFor, SlaStage.Warning, "yellow"),
        new CaseDeadlineReprojected(CaseClockKind.Unit, Instant.FromUtc(2027, 2, 10, 9, 30), new LocalDate(2027, 2, 10),
            Instant.FromUtc(2027, 2, 15, 9, 30), new LocalDate(2027, 2, 15), true, "State Council notice for 2027 \"假设\"; 2027.csv"),
        new CaseSupervisionOverdue(2, Street),
        new CaseSummonsOverdue(3, OtherGrid),
        new CasePolicyFailed("escalation", "it threw InvalidOperationException: \"ladder\"\n"),
        new CasePolicyRecovered("escalation"),
        new CaseAccepted(),
        new CaseDeclined("不属于受理范围"),
        new CaseDispatched(Street) { RelayLevel = "street" },
        new CaseClaimed(new Fengqiao.Cases.Organisation.ActorId("w1")),
        new CaseStarted(),
        new CaseResolved("已修复 \"两天\"\n<b>&</b>"),
        new CaseSubmittedForReview(),
        new CaseApproved(),
        new CaseRejected("答复不规范"),
        new CaseCalledBack("未接通"),
        new CaseRated(CaseRating.BasicallySatisfied),
        new CaseClosed(),
        new CaseReturned("非本单位职责"),
        new CaseSuspended("等待鉴定"),
        new CaseResumed(),
        new CaseExtensionRequested("需协调", Odd),
        new CaseExtensionGranted(TimeLimit.CalendarDays(2, CutOff.EndOfDay)),
        new CaseExtensionDenied("理由不充分"),
        new CaseEscalated(Street, "社区超期") { RelayLevel = "street" },
        new CaseReopened("群众不满意"),
        new CaseMerged(new CaseId("case-9"), "同一事项"),
        new CaseWithdrawn("已自行解决"),
        new CaseHandedOff(OtherGrid, "诉前调解") { Terms = Terms },
        new CaseHandedBack("调解不成") { Return = new CaseHandOffReturn(Street, "转回立案", Terms with { Key = "(2026)甘0981民诉前调1号/filing" }) },
        new CaseSupervised("请尽快办理"),
        new CaseSupervisionIssued(Street, OtherGrid, Odd, CaseSupervisionGrade.Red, "两日内办结", 2, 3) { Instruction = 7 },
        new CaseInstructed("请街道牵头") { Unit = Housing, Limit = TimeLimit.WorkingHours(4) },
        new CaseDeputyAssigned(new Fengqiao.Cases.Organisation.ActorId("deputy-7"), "代表跟踪督办"),
        new CaseSummoned(Street, [OtherGrid, new Fengqiao.Cases.Organisation.OrgUnitId("dept-housing")], TimeLimit.WorkingHours(4), "现场会"),
        new CaseReportedIn(OtherGrid, 3),
        new CaseHandOffAccepted("(2026)甘0981民诉前调1号"),
        new CaseHandOffDeclined("(2026)甘0981民诉前调1号", "已申请仲裁 \"不予受理\"\n"),
        new CaseHandOffConcluded("(2026)甘0981民诉前调1号", "Agreement", "调解协议：分两期 <b>&</b>"),
        new CaseHandOffExtended("(2026)甘0981民诉前调1号", TimeLimit.CalendarDays(15, CutOff.EndOfDay), "双方同意延长"),
        new CaseHandOffPaused("(2026)甘0981民诉前调1号", "伤残鉴定"),
        new CaseHandOffResumed("(2026)甘0981民诉前调1号"),
        new CaseHandOffOverdue("(2026)甘0981民诉前调1号/filing"),
        new CaseWarningActed("warning.grid-cluster", "warning.grid-cluster:Grid:grid-017:case-12"),
        new CaseWrittenReportFiled(Street, OtherGrid, "专班书面报送：\"低保\"\n<b>&</b>"),
        new CaseDeputyScored(new Fengqiao.Cases.Organisation.ActorId("deputy-7"), 45, "噪声问题依然存在"),
        new CasePostHandedOver(Street, "grid-co-manager", Odd, "grid-manager", "协管员入户核实"),
    }.ToDictionary(p => p.GetType());

    public static TheoryData<string> PayloadTypes() =>
        [.. typeof(CaseEventPayload).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEventPayload)) && !t.IsAbstract).Select(t => t.Name).Order()];

    [Theory]
    [MemberData(nameof(PayloadTypes))]
    public void Serialize_EveryPayloadType_RoundTrips(string typeName)
    {
        var type = typeof(CaseEventPayload).Assembly.GetTypes().Single(t => t.Name == typeName && t.IsSubclassOf(typeof(CaseEventPayload)));
        Assert.True(Samples.TryGetValue(type, out var payload),
            $"{typeName} has no sample here: add one with every field set, and make CaseEventJson write and read it.");
        var e = new CaseEvent(new CaseId("case-1"), payload is CaseRegistration ? 1 : 7, Instant.FromUtc(2026, 11, 2, 1, 30, 15), Dispatcher,
            CaseState.InProgress, CaseState.Escalated, payload)
        {
            Cause = new CaseEventCause("escalate-overdue", [new("clock", "Unit"), new("stage", "Overdue")]),
        };

        var json = CaseEventJson.Serialize(e);
        var back = CaseEventJson.Deserialize(CaseEventJson.SerializeToUtf8Bytes(e));

        Assert.Equal(e, back);
        Assert.Equal(json, CaseEventJson.Serialize(back));

        // Every data property of the payload has its own field: none is silently left out.
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name is not ("EqualityContract" or "Trigger"))
            .Select(p => p.Name)
            .ToList();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(properties.Count, data.Count);

        // The one field whose stored name is not its property's: a query code's digest has been "queryCodeHash" since
        // stores first wrote digests, and old bodies keep it.
        Assert.Equal(properties.Select(p => p == "QueryCodeDigest" ? "queryCodeHash" : char.ToLowerInvariant(p[0]) + p[1..]).Order(), data.Order());
    }

    [Theory]
    [MemberData(nameof(PayloadTypes))]
    public void SerializeApart_EveryPayloadTypeInTheCompactForm_RoundTripsAndIsShorterThanTheLongForm(string typeName)
    {
        var type = typeof(CaseEventPayload).Assembly.GetTypes().Single(t => t.Name == typeName && t.IsSubclassOf(typeof(CaseEventPayload)));
        Assert.True(Samples.TryGetValue(type, out var payload), $"{typeName} has no sample here.");
        var code = ((CaseRegistration)Samples[typeof(CaseRegistration)]).QueryCodeDigest;
        var e = new CaseEvent(new CaseId("case-1"), payload is CaseRegistration ? 1 : 7, Instant.FromUtc(2026, 11, 2, 1, 30, 15), CaseActor.Citizen(code),
            CaseState.InProgress, CaseState.Escalated, payload)
        {
            Cause = new CaseEventCause("escalate-overdue", [new("clock", "Unit"), new("stage", "Overdue")]),
        };

        var compact = CaseEventJson.SerializeApart(e);
        var longForm = CaseEventJson.SerializeApart(e, CaseEventJson.FormatVersion);

        Assert.StartsWith("{\"f\":3,", compact.Body, StringComparison.Ordinal);
        Assert.StartsWith("{\"format\":2,", longForm.Body, StringComparison.Ordinal);
        Assert.Equal(e, CaseEventJson.DeserializeApart(compact.Body, compact.PersonalData));
        Assert.Equal(e, CaseEventJson.DeserializeApart(longForm.Body, longForm.PersonalData));
        Assert.True(compact.Body.Length < longForm.Body.Length, $"compact {compact.Body.Length} characters, long {longForm.Body.Length}");
        var row = CaseEventJson.SerializeApart(e, CaseEventJson.RowFormatVersion);
        Assert.StartsWith("{\"f\":4,", row.Body, StringComparison.Ordinal);
        Assert.Equal(e, CaseEventJson.DeserializeApart(row.Body, e.CaseId, e.Version, row.PersonalData));
        Assert.Equal(compact.Body.Length - "\"c\":\"case-1\",\"v\":7,".Length, row.Body.Length);
    }

    [Fact]
    public void SerializeApart_FieldsAtTheirDefaults_AreLeftOutAndReadBack()
    {
        var reprojected = new CaseDeadlineReprojected(CaseClockKind.Unit, Instant.FromUtc(2027, 2, 10, 9, 30), new LocalDate(2027, 2, 10),
            Instant.FromUtc(2027, 2, 15, 9, 30), new LocalDate(2027, 2, 15), false, null);
        var unchanged = new CaseEvent(new CaseId("case-1"), 3, Instant.FromUtc(2026, 11, 2, 1, 30), Dispatcher, CaseState.InProgress, CaseState.InProgress, reprojected);
        var empty = new CaseEvent(new CaseId("case-1"), 4, Instant.FromUtc(2026, 11, 2, 1, 31), Dispatcher, CaseState.Dispatched, CaseState.Accepted, new CaseAccepted());

        var reprojectedBody = CaseEventJson.SerializeApart(unchanged).Body;
        var emptyBody = CaseEventJson.SerializeApart(empty).Body;

        using (var document = System.Text.Json.JsonDocument.Parse(reprojectedBody))
        {
            Assert.False(document.RootElement.TryGetProperty("e", out _), reprojectedBody);
            Assert.False(document.RootElement.GetProperty("d").TryGetProperty("ip", out _), reprojectedBody);
        }

        using (var document = System.Text.Json.JsonDocument.Parse(emptyBody))
        {
            Assert.False(document.RootElement.TryGetProperty("d", out _), emptyBody);
        }

        Assert.Equal(unchanged, CaseEventJson.Deserialize(reprojectedBody));
        Assert.Equal(empty, CaseEventJson.Deserialize(emptyBody));
    }

    [Fact]
    public void SerializeApart_InstantsOffAWholeSecondAndEmptyThresholds_RoundTrip()
    {
        var registered = RegisteredEvent();
        var registration = (CaseRegistration)registered.Payload;
        var e = registered with
        {
            At = Instant.FromUtc(2026, 11, 2, 1, 30).PlusNanoseconds(123_456_789),
            Payload = registration with { Sla = registration.Sla with { Thresholds = [] } },
        };

        var parts = CaseEventJson.SerializeApart(e);

        Assert.Contains("\"t\":\"2026-11-02T01:30:00.123456789Z\"", parts.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"th\"", parts.Body, StringComparison.Ordinal);
        Assert.Equal(e, CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData));
    }

    [Theory]
    [InlineData(true, CaseTier.Simple)]
    [InlineData(false, CaseTier.Difficult)]
    public void SerializeApart_ARegistrationWithATier_RoundTripsTheTierWithItsShortName(bool compact, CaseTier tier)
    {
        var registered = RegisteredEvent();
        var registration = (CaseRegistration)registered.Payload;
        var e = registered with { Payload = registration with { Report = registration.Report with { Tier = tier } } };

        var parts = CaseEventJson.SerializeApart(e, compact ? CaseEventJson.CompactFormatVersion : CaseEventJson.FormatVersion);
        var back = CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData);
        var erased = CaseEventJson.DeserializeApart(parts.Body, null);

        Assert.Contains(compact ? $"\"ti\":{(int)tier}" : $"\"tier\":{(int)tier}", parts.Body, StringComparison.Ordinal);
        Assert.Equal(e, back);
        Assert.Equal(tier, ((CaseRegistration)back.Payload).Report.Tier);
        // Erasing the personal data keeps the tier: it is a fact about the matter, not the person.
        Assert.Equal(tier, ((CaseRegistration)erased.Payload).Report.Tier);
    }

    [Fact]
    public void SerializeApart_ARegistrationWithoutATier_WritesNoTierField()
    {
        var registered = RegisteredEvent();

        var parts = CaseEventJson.SerializeApart(registered, CaseEventJson.CompactFormatVersion);

        Assert.Null(((CaseRegistration)registered.Payload).Report.Tier);
        Assert.DoesNotContain("\"ti\":", parts.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SerializeApart_RelayBudgets_RoundTripWithTheLevelKeysAsWritten(bool compact)
    {
        var registered = RegisteredEvent();
        var registration = (CaseRegistration)registered.Payload;
        var budgets = new Dictionary<string, TimeLimit> { ["street"] = TimeLimit.WorkingDays(1), ["handle"] = TimeLimit.WorkingHours(8) };
        var e = registered with
        {
            Payload = registration with { Sla = registration.Sla with { RelayBudgets = budgets.ToImmutableSortedDictionary(StringComparer.Ordinal) } },
        };

        var parts = CaseEventJson.SerializeApart(e, compact ? CaseEventJson.CompactFormatVersion : CaseEventJson.FormatVersion);
        var back = CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData);

        // A level key that happens to be a field name ("handle") is not shortened: it is the county's word.
        Assert.Contains(compact ? "\"rl\":{\"handle\":" : "\"relay\":{\"handle\":", parts.Body, StringComparison.Ordinal);
        Assert.Equal(e, back);
        Assert.Equal(TimeLimit.WorkingDays(1), ((CaseRegistration)back.Payload).Sla.RelayBudgets["street"]);
    }

    [Theory]
    [InlineData("\"f\":3", "\"f\":4", "$.format")]
    [InlineData("\"k\":11", "\"k\":9999", "$.type")]
    [InlineData("\"d\":{\"u\":\"", "\"d\":{\"surprise\":1,\"u\":\"", "$.data.surprise")]
    public void Deserialize_ABadCompactField_NamesIt(string find, string replace, string field)
    {
        var e = new CaseEvent(new CaseId("case-1"), 2, Instant.FromUtc(2026, 11, 2, 1, 30), Dispatcher, CaseState.Registered, CaseState.Dispatched, new CaseDispatched(Street));
        var body = CaseEventJson.SerializeApart(e).Body;
        Assert.Contains(find, body, StringComparison.Ordinal);

        var error = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.Deserialize(body.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void SerializeApart_ReportText_IsKeptApartAndReadsAsErasedWithoutItsDocument()
    {
        var e = RegisteredEvent();
        var text = ((CaseRegistration)e.Payload).Report.Text;

        var parts = CaseEventJson.SerializeApart(e);

        Assert.DoesNotContain(text, parts.Body, StringComparison.Ordinal);
        Assert.Contains(text, parts.PersonalData!, StringComparison.Ordinal);
        Assert.Equal(e, CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData));
        var erased = (CaseRegistration)CaseEventJson.DeserializeApart(parts.Body, null).Payload;
        Assert.Equal(CaseReport.ErasedText, erased.Report.Text);
        Assert.True(erased.Report.IsPersonalDataErased);
    }

    [Fact]
    public void DeserializeApart_BodyWrittenWithTheTextInline_ReadsItWithOrWithoutItsDocument()
    {
        var e = RegisteredEvent();
        var report = ((CaseRegistration)e.Payload).Report;
        var parts = CaseEventJson.SerializeApart(e);

        // The form written before the text moved apart: the text in the body's report, the document without it.
        var body = System.Text.Json.Nodes.JsonNode.Parse(parts.Body)!;
        body["d"]!["r"]!["tx"] = report.Text;
        var personal = System.Text.Json.Nodes.JsonNode.Parse(parts.PersonalData!)!.AsObject();
        personal.Remove("text");
        var document = personal.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        body["d"]!["r"]!["pe"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(document)));

        Assert.Equal(e, CaseEventJson.DeserializeApart(body.ToJsonString(), document));
        Assert.Equal(report.Text, ((CaseRegistration)CaseEventJson.DeserializeApart(body.ToJsonString(), null).Payload).Report.Text);
    }

    [Fact]
    public void DeserializeApart_TextBothInTheBodyAndInTheDocument_IsRefusedNamingTheField()
    {
        var e = RegisteredEvent();
        var parts = CaseEventJson.SerializeApart(e);
        var body = System.Text.Json.Nodes.JsonNode.Parse(parts.Body)!;
        body["d"]!["r"]!["tx"] = "另一段文字";

        var error = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.DeserializeApart(body.ToJsonString(), parts.PersonalData));

        Assert.Contains("both in the body and in the personal data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeApart_AnUnknownFormat_IsRefused()
    {
        var e = new CaseEvent(new CaseId("case-1"), 2, Instant.FromUtc(2026, 11, 2, 1, 30), Dispatcher, CaseState.Registered, CaseState.Dispatched, new CaseDispatched(Street));

        Assert.Throws<ArgumentOutOfRangeException>(() => CaseEventJson.SerializeApart(e, 1));
    }

    [Fact]
    public void Serialize_EachPayloadType_HasItsOwnDiscriminator()
    {
        var types = Samples.Values.Select(p =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(CaseEventJson.Serialize(
                new CaseEvent(new CaseId("case-1"), p is CaseRegistration ? 1 : 2, Instant.FromUtc(2026, 11, 2, 1, 0), Dispatcher, CaseState.Registered, CaseState.Registered, p)));
            return document.RootElement.GetProperty("type").GetString();
        }).ToList();

        Assert.Equal(types.Count, types.Distinct().Count());
    }

    [Fact]
    public void Deserialize_TheRegistration_EqualsTheOriginal()
    {
        var e = RegisteredEvent();

        var back = CaseEventJson.Deserialize(CaseEventJson.Serialize(e));

        Assert.Equal(e, back);
        Assert.Equal(((CaseRegistration)e.Payload).Sla, ((CaseRegistration)back.Payload).Sla);
    }

    [Fact]
    public void RandomDeskHistories_SerializeAndDeserialize_ToEqualEventsAndTheSameReplay()
    {
        PropertyCheck.ForAll(FengqiaoArbitraries.DeskScripts(), script =>
        {
            var county = new BareCounty();
            foreach (var id in DeskScriptRunner.RunAsync(county, script).GetAwaiter().GetResult().Cases)
            {
                var history = county.Desk.GetHistoryAsync(id).AsTask().GetAwaiter().GetResult();
                var back = history.Select(e => CaseEventJson.Deserialize(CaseEventJson.Serialize(e))).ToList();

                Assert.Equal(history, back, CaseComparison.Events);
                Assert.Equal(Fingerprint(Case.Replay(history, Calendar)), Fingerprint(Case.Replay(back, Calendar)));
                Assert.Equal(history.Select(CaseEventJson.Serialize), back.Select(CaseEventJson.Serialize));
            }
        }, runsScale: 0.3);
    }

    [Fact]
    public void CaseSlaTerms_WithEqualThresholdsInNewArrays_AreEqual()
    {
        var a = ((CaseRegistration)RegisteredEvent().Payload).Sla;
        var b = a with { Thresholds = [.. a.Thresholds] };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Thresholds = a.Thresholds.RemoveAt(0) });
        Assert.NotEqual(a, b with { SignFor = null });
    }

    [Theory]
    [InlineData("{\"format\":2,", "$", "(byte ")]
    [InlineData("[]", "$", null)]
    [InlineData("{\"format\":1}", "format", null)]
    [InlineData("{\"format\":2,\"caseId\":\"case-1\",\"version\":1}", "at", null)]
    public void Deserialize_BrokenDocuments_NameTheFieldOrOffset(string json, string field, string? offset)
    {
        var e = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.Deserialize(json));

        Assert.Contains($"'{(field == "$" ? "$" : "$." + field)}'", e.Message, StringComparison.Ordinal);
        if (offset is not null)
        {
            Assert.Contains(offset, e.Message, StringComparison.Ordinal);
            Assert.NotNull(e.Offset);
        }
    }

    [Theory]
    [InlineData("\"type\":\"registration\"", "\"type\":\"teleported\"", "$.type")]
    [InlineData("\"from\":0", "\"from\":42", "$.from")]
    [InlineData("\"at\":\"", "\"at\":\"yesterday", "$.at")]
    [InlineData("\"channel\":\"qr-code\"", "\"channel\":\"carrier-pigeon\"", "$.data.report.channel")]
    [InlineData("\"queryCodeHash\":\"", "\"queryCodeHash\":\"X", "$.data.queryCodeHash")]
    [InlineData("\"lifecycleVersion\"", "\"surprise\":1,\"lifecycleVersion\"", "$.data.surprise")]
    [InlineData("\"version\":1", "\"version\":\"1\"", "$.version")]
    [InlineData("\"name\":\"张三\"", "\"name\":null", "$.data.report.reporter.name")]
    [InlineData("\"grid\":\"grid-1\"", "\"grid\":\" grid-1\"", "$.data.report.location.grid")]
    public void Deserialize_ABadField_NamesItWithoutItsValue(string find, string replace, string field)
    {
        var json = CaseEventJson.Serialize(RegisteredEvent());
        Assert.Contains(find, json, StringComparison.Ordinal);
        var broken = json.Replace(find, replace, StringComparison.Ordinal);

        var e = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.Deserialize(Encoding.UTF8.GetBytes(broken)));

        Assert.Equal(field, e.Field);
        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", e.Message, StringComparison.Ordinal);
    }

    private static CaseEvent RegisteredEvent()
    {
        var kit = new BareCounty();
        var c = kit.RegisterAsync().GetAwaiter().GetResult();
        var registered = kit.HistoryAsync(c.Id).GetAwaiter().GetResult()[0];
        var registration = (CaseRegistration)registered.Payload;
        Assert.False(registration.Sla.Thresholds.IsDefaultOrEmpty);
        // Every optional limit set, the accept limit (受理时限) too.
        return registered with { Payload = registration with { Sla = registration.Sla with { Accept = TimeLimit.WorkingHours(8) } } };
    }
}

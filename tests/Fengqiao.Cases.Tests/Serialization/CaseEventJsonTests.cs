using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Sla;
using Fengqiao.Testing;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Cases.Tests.Desk.DeskKit;

namespace Fengqiao.Cases.Tests.Serialization;

public class CaseEventJsonTests
{
    // Every public property of CaseEvent and the JSON field that carries it. A property missing here fails the guard.
    private static readonly Dictionary<string, string> Written = new()
    {
        ["CaseId"] = "caseId", ["Version"] = "version", ["At"] = "at", ["Actor"] = "actor", ["Kind"] = "kind", ["From"] = "from",
        ["To"] = "to", ["Trigger"] = "trigger", ["TargetUnit"] = "targetUnit", ["Worker"] = "worker", ["Text"] = "text",
        ["Rating"] = "rating", ["Limit"] = "limit", ["Clock"] = "clock", ["Stage"] = "stage", ["Cause"] = "cause",
        ["Registration"] = "registration", ["OtherCase"] = "otherCase", ["JoinedReport"] = "joinedReport",
        ["IssuingUnit"] = "issuingUnit", ["Grade"] = "grade", ["Departments"] = "departments",
        ["SupervisionSequence"] = "supervisionSequence", ["SummonsSequence"] = "summonsSequence",
    };

    private static CaseEvent Everything(CaseEvent registered) => registered with
    {
        Version = 7,
        Kind = CaseEventKind.Transition,
        Trigger = CaseTrigger.GrantExtension,
        TargetUnit = Street,
        Worker = new Fengqiao.Cases.Organisation.ActorId("w1"),
        Text = "延期 \"两天\"\n<b>&</b>",
        Rating = CaseRating.BasicallySatisfied,
        Limit = TimeLimit.WorkingTime(Duration.FromSeconds(5430)),
        Clock = CaseClockKind.SignFor,
        Stage = SlaStage.Warning,
        Cause = new CaseEventCause("escalate-overdue", [new("clock", "Unit"), new("stage", "Overdue")]),
        OtherCase = new CaseId("case-9"),
        JoinedReport = new CaseReport(CaseChannel.Hotline12345, new CaseCategory("noise"), CasePriority.Emergency,
            new CaseLocation(OtherGrid, "和平路 1 号", 30.25, 120.1699999), new Reporter("李四"), "又响了", "12345-001"),
        IssuingUnit = OtherGrid,
        Grade = CaseSupervisionGrade.Red,
        Departments = [Street, OtherGrid],
        SupervisionSequence = 2,
        SummonsSequence = 3,
    };

    [Fact]
    public void Serialize_EveryPublicPropertyOfCaseEvent_IsWritten()
    {
        var properties = typeof(CaseEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => p.Name)
            .ToList();

        var unknown = properties.Where(p => !Written.ContainsKey(p)).ToList();
        Assert.True(unknown.Count == 0,
            $"CaseEvent has properties CaseEventJson does not know: {string.Join(", ", unknown)}. Write and read them, then list them here.");

        var json = CaseEventJson.Serialize(Everything(RegisteredEvent()));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(Written.Where(w => w.Key != "Registration"), w => Assert.Contains(w.Value, fields));
        Assert.Contains("registration", CaseEventJson.Serialize(RegisteredEvent()));
    }

    [Fact]
    public void Deserialize_AnEventWithEveryField_EqualsTheOriginal()
    {
        var e = Everything(RegisteredEvent());

        var back = CaseEventJson.Deserialize(CaseEventJson.SerializeToUtf8Bytes(e));

        // Record equality compares the Departments array by reference, so compare it by its items.
        Assert.Equal(e.Departments.ToArray(), back.Departments.ToArray());
        Assert.Equal(e with { Departments = default }, back with { Departments = default });
        Assert.Equal(e.JoinedReport!.Reporter.Name, back.JoinedReport!.Reporter.Name);
        Assert.Equal(e.Limit!.Duration, back.Limit!.Duration);
    }

    [Fact]
    public void Deserialize_TheRegistration_EqualsTheOriginal()
    {
        var e = RegisteredEvent();

        var back = CaseEventJson.Deserialize(CaseEventJson.Serialize(e));

        Assert.Equal(e, back);
        Assert.Equal(e.Registration!.Sla, back.Registration!.Sla);
    }

    [Fact]
    public void RandomDeskHistories_SerializeAndDeserialize_ToEqualEventsAndTheSameReplay()
    {
        PropertyCheck.ForAll(FengqiaoArbitraries.DeskScripts(), script =>
        {
            var county = TestCounty.FromProfile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));
            foreach (var id in DeskScriptRunner.RunAsync(county, script).GetAwaiter().GetResult().Cases)
            {
                var history = county.Desk.GetHistoryAsync(id).AsTask().GetAwaiter().GetResult();
                var back = history.Select(e => CaseEventJson.Deserialize(CaseEventJson.Serialize(e))).ToList();

                Assert.Equal(history, back, CaseComparison.Events);
                Assert.Equal(Fingerprint(Case.Replay(history, county.Calendar)), Fingerprint(Case.Replay(back, county.Calendar)));
                Assert.Equal(history.Select(CaseEventJson.Serialize), back.Select(CaseEventJson.Serialize));
            }
        }, runsScale: 0.3);
    }

    [Fact]
    public void CaseSlaTerms_WithEqualThresholdsInNewArrays_AreEqual()
    {
        var a = RegisteredEvent().Registration!.Sla;
        var b = a with { Thresholds = [.. a.Thresholds] };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Thresholds = a.Thresholds.RemoveAt(0) });
        Assert.NotEqual(a, b with { SignFor = null });
    }

    [Theory]
    [InlineData("{\"format\":1,", "$", "(byte ")]
    [InlineData("[]", "$", null)]
    [InlineData("{\"format\":2}", "format", null)]
    [InlineData("{\"format\":1,\"caseId\":\"case-1\",\"version\":1}", "at", null)]
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
    [InlineData("\"kind\":0,\"from\"", "\"kind\":42,\"from\"", "$.kind")]
    [InlineData("\"at\":\"", "\"at\":\"yesterday", "$.at")]
    [InlineData("\"channel\":\"qr-code\"", "\"channel\":\"carrier-pigeon\"", "$.registration.report.channel")]
    [InlineData("\"queryCode\":\"", "\"queryCode\":\"X", "$.registration.queryCode")]
    [InlineData("\"lifecycleVersion\"", "\"surprise\":1,\"lifecycleVersion\"", "$.registration.surprise")]
    [InlineData("\"version\":1", "\"version\":\"1\"", "$.version")]
    [InlineData("\"name\":\"张三\"", "\"name\":null", "$.registration.report.reporter.name")]
    [InlineData("\"grid\":\"grid-1\"", "\"grid\":\" grid-1\"", "$.registration.report.location.grid")]
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
        var kit = new DeskKit();
        var c = kit.RegisterAsync().GetAwaiter().GetResult();
        var registered = kit.HistoryAsync(c.Id).GetAwaiter().GetResult()[0];
        Assert.False(registered.Registration!.Sla.Thresholds.IsDefaultOrEmpty);
        return registered;
    }
}

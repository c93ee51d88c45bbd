using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Serialization;

/// <summary>The staff's free texts (replies, reasons, notes) kept in the personal document, so an erasure reaches them.</summary>
public class CaseEventJsonStaffTextTests
{
    private const string Secret = "住户张伟13912345678";

    private static readonly CaseHandOffTerms Terms = new("ho-1", "CourtJudicialConfirmation", "neighbour", Community) { MediationRecord = Secret + "调解记录" };

    /// <summary>One payload of every kind that carries staff text, each text holding <see cref="Secret"/>.</summary>
    public static TheoryData<string> Kinds => [.. Payloads.Keys];

    private static ImmutableSortedDictionary<string, CaseEventPayload> Payloads { get; } = new Dictionary<string, CaseEventPayload>
    {
        ["resolved"] = new CaseResolved(Secret + "答复"),
        ["returned"] = new CaseReturned(Secret),
        ["declined"] = new CaseDeclined(Secret),
        ["rejected"] = new CaseRejected(Secret),
        ["reopened"] = new CaseReopened(Secret),
        ["withdrawn"] = new CaseWithdrawn(Secret),
        ["escalated"] = new CaseEscalated(Street, Secret) { RelayLevel = "street" },
        ["handed-off"] = new CaseHandedOff(MediationCommittee, Secret) { Terms = Terms },
        ["merged"] = new CaseMerged(new CaseId("case-2"), Secret),
        ["suspended"] = new CaseSuspended(Secret),
        ["extension-requested"] = new CaseExtensionRequested(Secret, TimeLimit.WorkingDays(3)),
        ["extension-denied"] = new CaseExtensionDenied(Secret),
        ["report-joined"] = new CaseReportJoined(Report(phone: "13800000009"), new CaseId("case-3"), Secret),
        ["report-joined-erased"] = new CaseReportJoined(Report().WithPersonalDataErased(), null, Secret),
        ["supervised"] = new CaseSupervised(Secret),
        ["supervision-issued"] = new CaseSupervisionIssued(Street, Community, TimeLimit.WorkingDays(2), CaseSupervisionGrade.Yellow, Secret),
        ["called-back"] = new CaseCalledBack(Secret),
        ["handed-back"] = new CaseHandedBack(Secret) { Return = new CaseHandOffReturn(MediationCommittee, Secret + "回流", Terms) },
        ["deputy-assigned"] = new CaseDeputyAssigned(new ActorId("deputy-7"), Secret),
        ["summoned"] = new CaseSummoned(Street, [Housing], TimeLimit.WorkingDays(1), Secret),
        ["post-handed-over"] = new CasePostHandedOver(Community, "grid-manager", null, null, Secret),
        ["instructed"] = new CaseInstructed(Secret) { Unit = Community, Limit = TimeLimit.WorkingDays(5) },
        ["deputy-scored"] = new CaseDeputyScored(new ActorId("deputy-7"), 4, Secret),
        ["hand-off-declined"] = new CaseHandOffDeclined("ho-1", Secret),
        ["hand-off-extended"] = new CaseHandOffExtended("ho-1", TimeLimit.WorkingDays(2), Secret),
        ["hand-off-paused"] = new CaseHandOffPaused("ho-1", Secret),
        ["hand-off-concluded"] = new CaseHandOffConcluded("ho-1", "Agreement", Secret),
        ["written-report-filed"] = new CaseWrittenReportFiled(Community, Street, Secret),
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SerializeApart_AStaffText_KeepsItOutOfTheBodyInBothFormsAndRoundTrips(string kind)
    {
        var e = Event(Payloads[kind]);
        Assert.NotEmpty(StaffTexts.Of(e.Payload));

        foreach (var format in new[] { CaseEventJson.FormatVersion, CaseEventJson.CompactFormatVersion })
        {
            var parts = CaseEventJson.SerializeApart(e, format);

            Assert.DoesNotContain(Secret, parts.Body, StringComparison.Ordinal);
            Assert.Contains(Secret, parts.PersonalData, StringComparison.Ordinal);
            Assert.Equal(e, CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeserializeApart_AStaffTextErased_ReadsTheErasedMarkerAsStaffTextsEraseDoes(string kind)
    {
        var e = Event(Payloads[kind]);
        var parts = CaseEventJson.SerializeApart(e);

        var back = CaseEventJson.DeserializeApart(parts.Body, null);

        var expected = StaffTexts.Erase(e.Payload is CaseReportJoined j ? j with { Report = j.Report.WithPersonalDataErased() } : e.Payload);
        Assert.Equal(e with { Payload = expected }, back);
        Assert.All(StaffTexts.Of(back.Payload), t => Assert.Equal(CaseReport.ErasedText, t.Text));
        Assert.DoesNotContain(Secret, CaseEventJson.Serialize(back), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeserializeApart_ABodyWithTheTextInline_ReadsItBack(string kind)
    {
        // A body written before the staff texts moved apart keeps them inline: it still reads, text and all.
        var e = Event(Payloads[kind]);
        var inline = CaseEventJson.Serialize(e);

        var back = CaseEventJson.DeserializeApart(inline, null);

        Assert.Equal(e, back);
    }

    [Fact]
    public void DeserializeApart_AnEditedStaffText_IsRefusedWithoutRepeatingIt()
    {
        var parts = CaseEventJson.SerializeApart(Event(new CaseResolved("已修好")));

        var e = Assert.Throws<CaseEventFormatException>(() =>
            CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData!.Replace("已修好", "未修好", StringComparison.Ordinal)));

        Assert.Contains("does not match its digest", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("修好", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ABodyWithAStaffTextApart_AsksForDeserializeApart()
    {
        var parts = CaseEventJson.SerializeApart(Event(new CaseSuspended("等待鉴定")));

        var e = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.Deserialize(parts.Body));

        Assert.Contains("DeserializeApart", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeApart_AnEventWithoutStaffText_HasNoPersonalDocument()
    {
        var parts = CaseEventJson.SerializeApart(Event(new CaseEscalated(Street)));

        Assert.Null(parts.PersonalData);
    }

    private static CaseEvent Event(CaseEventPayload payload) =>
        new(new CaseId("case-1"), 4, Start, Dispatcher, CaseState.Dispatched, CaseState.Dispatched, payload);
}

using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Indicators;
using Fengqiao.Mediation.Process;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.Indicators;

public class MediationIndicatorsTests
{
    private static readonly Instant T0 = At(2025, 3, 3);

    private static MediationRecord R(string caseId, string body, string? mediator, HandOffRoute? route, int? days, MediationOutcomeKind? outcome) =>
        new(new CaseId(caseId), new OrgUnitId(body), mediator is null ? null : new ActorId(mediator), route, T0,
            days is { } d ? T0.Plus(Duration.FromDays(d)) : null, outcome);

    // Hand-computed: durations 10, 20, 30, 40, 50 days; one open; successes: agreement ×2, partial ×1.
    private static readonly MediationRecord[] Records =
    [
        R("c1", "body-a", "m1", HandOffRoute.Court, 10, MediationOutcomeKind.Agreement),
        R("c2", "body-a", "m1", HandOffRoute.Court, 20, MediationOutcomeKind.Failure),
        R("c3", "body-a", "m2", HandOffRoute.Petition, 30, MediationOutcomeKind.Agreement),
        R("c4", "body-b", "m3", null, 40, MediationOutcomeKind.PartialAgreement),
        R("c5", "body-b", "m3", null, null, null),
        R("c6", "body-b", "m3", HandOffRoute.Police, 50, MediationOutcomeKind.Withdrawal),
    ];

    [Fact]
    public void Summarise_HandComputedExample_Overall()
    {
        var report = MediationIndicators.Summarise(Records);

        Assert.Equal(new IndicatorSlice(6, 5, 3, 0.6, Duration.FromDays(30), Duration.FromDays(50)), report.Overall);
    }

    [Fact]
    public void Summarise_HandComputedExample_PerBodyMediatorAndRoute()
    {
        var report = MediationIndicators.Summarise(Records);

        Assert.Equal(new IndicatorSlice(3, 3, 2, 2.0 / 3, Duration.FromDays(20), Duration.FromDays(30)), report.ByBody[new OrgUnitId("body-a")]);
        Assert.Equal(new IndicatorSlice(3, 2, 1, 0.5, Duration.FromDays(45), Duration.FromDays(50)), report.ByBody[new OrgUnitId("body-b")]);
        Assert.Equal(new IndicatorSlice(2, 2, 1, 0.5, Duration.FromDays(15), Duration.FromDays(20)), report.ByMediator[new ActorId("m1")]);
        Assert.Equal(new IndicatorSlice(3, 2, 1, 0.5, Duration.FromDays(45), Duration.FromDays(50)), report.ByMediator[new ActorId("m3")]);
        Assert.Equal(report.ByMediator[new ActorId("m1")], report.ByRoute[HandOffRoute.Court]);
        Assert.Equal(new IndicatorSlice(1, 1, 1, 1.0, Duration.FromDays(30), Duration.FromDays(30)), report.ByRoute[HandOffRoute.Petition]);
        Assert.Equal(new IndicatorSlice(1, 1, 0, 0.0, Duration.FromDays(50), Duration.FromDays(50)), report.ByRoute[HandOffRoute.Police]);
        Assert.Equal([HandOffRoute.Court, HandOffRoute.Police, HandOffRoute.Petition], report.ByRoute.Keys);
        Assert.Equal(["body-a", "body-b"], report.ByBody.Keys.Select(k => k.Value));
    }

    [Fact]
    public void Summarise_TenDurations_P90IsTheNinthSmallest()
    {
        var records = Enumerable.Range(1, 10).Select(d => R("c" + d, "b", "m", null, d, MediationOutcomeKind.Agreement));

        var overall = MediationIndicators.Summarise(records).Overall;

        Assert.Equal(Duration.FromDays(9), overall.P90Duration);
        Assert.Equal(Duration.FromHours(132), overall.AverageDuration); // 5.5 days
    }

    [Fact]
    public void Summarise_Nothing_GivesNoRates()
    {
        var report = MediationIndicators.Summarise([R("c1", "b", null, null, null, null)]);

        Assert.Equal(new IndicatorSlice(1, 0, 0, null, null, null), report.Overall);
        Assert.Empty(report.ByMediator);
    }

    [Fact]
    public void Summarise_BadRecord_IsRefusedNamingTheCase()
    {
        var backwards = R("c9", "b", "m", null, -1, MediationOutcomeKind.Failure);
        var half = R("c8", "b", "m", null, 3, null);

        Assert.Contains("case c9", Assert.Throws<ArgumentException>(() => MediationIndicators.Summarise([backwards])).Message);
        Assert.Contains("case c8", Assert.Throws<ArgumentException>(() => MediationIndicators.Summarise([half])).Message);
    }

    [Fact]
    public void Summarise_AnyOrder_GivesTheSameReport()
    {
        var gen = Gen.Shuffle(Records);

        PropertyCheck.ForAll(gen, shuffled =>
        {
            var a = MediationIndicators.Summarise(Records);
            var b = MediationIndicators.Summarise(shuffled);
            Assert.Equal(a.Overall, b.Overall);
            Assert.Equal(a.ByBody, b.ByBody);
            Assert.Equal(a.ByMediator, b.ByMediator);
            Assert.Equal(a.ByRoute, b.ByRoute);
        }, runsScale: 0.2);
    }

    [Fact]
    public void Diversion_CountsAcceptedDiversionsOfEligibleCases_FromTheLedgersEvents()
    {
        var ledger = new HandOffLedger(Calendar);
        foreach (var c in new[] { "c1", "c2", "c3", "c5" })
        {
            ledger.Send(Request("k-" + c, HandOffPurpose.CourtPreFilingDiversion, T0, caseId: c));
        }

        ledger.Accept(Key("k-c1"), T0.Plus(Duration.FromHours(2)), MediatorLi);
        ledger.Decline(Key("k-c2"), T0.Plus(Duration.FromHours(2)), MediatorLi, "not a civil dispute");
        ledger.Accept(Key("k-c3"), T0.Plus(Duration.FromHours(2)), MediatorLi);
        ledger.Accept(Key("k-c5"), T0.Plus(Duration.FromHours(2)), MediatorLi);
        string[] eligible = ["c1", "c2", "c3", "c4", "c1"];

        var rate = MediationIndicators.Diversion(eligible.Select(c => new CaseId(c)), ledger.Events);

        Assert.Equal(new DiversionRate(4, 2, 0.5), rate);
        Assert.Equal(new DiversionRate(0, 0, null), MediationIndicators.Diversion([], ledger.Events));
    }
}

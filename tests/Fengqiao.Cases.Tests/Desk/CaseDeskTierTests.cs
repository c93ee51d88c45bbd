using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>Complexity tiers (简单/复杂/疑难) at registration: given by the acceptor or by a county rule, recorded in the
/// registration event, folded by the case and used to pick the SLA limits.</summary>
public class CaseDeskTierTests
{
    private static readonly SlaPolicy Tiered = new SlaPolicyBuilder("tiered")
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(5) }))
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingHours(2) }) { Tier = "simple" })
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(10) }) { Tier = "difficult" })
        .Add(new SlaRule("heating", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(1) }) { Months = [11, 12, 1, 2, 3] })
        .Build();

    private static BareCounty Kit(params CaseTierRule[] rules) => new(configure: o =>
    {
        o.SlaPolicy = Tiered;
        o.TierRules = rules;
    });

    [Fact]
    public async Task RegisterAsync_ATierRuleCoversTheReport_RecordsTheTierInTheRegistrationAndUsesItsLimit()
    {
        var kit = Kit(new CaseTierRule("consultation", CaseTier.Simple), new CaseTierRule("*", CaseTier.Difficult) { Channels = [CaseChannel.PetitionOffice] });

        var simple = await kit.RegisterAsync(Report(category: "consultation"));
        var untiered = await kit.RegisterAsync(Report(phone: "13900000000", category: "dispute"));

        Assert.Equal(CaseTier.Simple, simple.Tier);
        Assert.Equal(TimeLimit.WorkingHours(2), simple.Sla.Handle);
        var registration = (CaseRegistration)(await kit.HistoryAsync(simple.Id))[0].Payload;
        Assert.Equal(CaseTier.Simple, registration.Report.Tier);
        Assert.Null(untiered.Tier);
        Assert.Equal(TimeLimit.WorkingDays(5), untiered.Sla.Handle);
    }

    [Fact]
    public async Task RegisterAsync_TheAcceptorGaveATier_KeepsItOverTheCountysRule()
    {
        var kit = Kit(new CaseTierRule("*", CaseTier.Simple));

        var c = await kit.RegisterAsync(Report() with { Tier = CaseTier.Difficult });

        Assert.Equal(CaseTier.Difficult, c.Tier);
        Assert.Equal(TimeLimit.WorkingDays(10), c.Sla.Handle);
    }

    [Fact]
    public async Task RegisterAsync_ARuleOnAChannel_TiersOnlyReportsByThatChannel()
    {
        var kit = Kit(new CaseTierRule("*", CaseTier.Difficult) { Channels = [CaseChannel.PetitionOffice] });
        var base_ = Report();

        var petition = await kit.RegisterAsync(new CaseReport(CaseChannel.PetitionOffice, base_.Category, base_.Priority, base_.Location, new Reporter("王五", "13700000000"), "信访初访"));
        var qr = await kit.RegisterAsync(Report(phone: "13600000000"));

        Assert.Equal(CaseTier.Difficult, petition.Tier);
        Assert.Null(qr.Tier);
    }

    [Fact]
    public async Task RegisterAsync_AMonthRule_AppliesInItsMonthsOnlyInTheCountysZone()
    {
        // Start is Monday 2 November 2026, 09:00 in Beijing: November is in the rule's months.
        var kit = Kit();
        var november = await kit.RegisterAsync(Report(category: "heating"));
        kit.Clock.Reset(Instant.FromUtc(2026, 6, 30, 16, 30)); // 1 July, 00:30 in Beijing; still 30 June in UTC
        var july = await kit.RegisterAsync(Report(phone: "13500000000", category: "heating"));

        Assert.Equal(TimeLimit.WorkingDays(1), november.Sla.Handle);
        Assert.Equal(TimeLimit.WorkingDays(5), july.Sla.Handle);
    }

    [Fact]
    public void Tier_AnUndefinedValue_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Report() with { Tier = (CaseTier)7 });
    }

    [Fact]
    public void WithPersonalDataErased_ATieredReport_KeepsTheTier()
    {
        var erased = (Report() with { Tier = CaseTier.Complex }).WithPersonalDataErased();

        Assert.Equal(CaseTier.Complex, erased.Tier);
    }
}

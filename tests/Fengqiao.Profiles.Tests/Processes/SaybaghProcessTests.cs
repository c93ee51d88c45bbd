using Fengqiao.TestSupport;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Rules;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/saybagh.yaml on a real case desk: 书记直通车 — a hard case reaches the district secretary.</summary>
public class SaybaghProcessTests
{
    // Monday 2 November 2026, 10:00 in Beijing (Saybagh works 10:00-14:00, 15:30-19:30).
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 2, 0);

    [Fact]
    public async Task Return_DeclaredUnresolvableAtEachLevel_ReachesTheDistrictSecretaryThroughTheTaskForce()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "livelihood", "小区地下室长期积水，物业与开发商互相推诿"),
            Staff("yashan-dispatcher", "street-yashan"), "yashan-grid-01");
        (string Unit, string Worker)[] chain =
        [
            ("yashan-grid-01", "yashan-grid-01-worker"), ("yashan-community-1", "yashan-community-1-worker"), ("street-yashan", "yashan-worker"),
            ("dept-housing", "housing-worker"), ("task-force", "tf-worker"), ("district-secretary", "secretary-office"),
        ];

        foreach (var (unit, worker) in chain)
        {
            Assert.Equal(Unit(unit), (await kit.CaseAsync(c.Id)).HoldingUnit);
            var actor = Staff(worker, unit);
            await kit.Desk.ClaimAsync(c.Id, actor);
            await kit.Desk.ReturnAsync(c.Id, actor, CannotResolve.Reason($"{unit} 无法解决"));
        }

        var final = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.Returned, final.State);
        var escalations = BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate);
        Assert.Equal(chain.Skip(1).Select(u => Unit(u.Unit)), escalations.Select(e => e.Unit()!.Value));
        Assert.All(escalations, e => Assert.Equal(EscalationRuleIds.CannotResolve, e.Cause!.RuleId));
        Assert.Equal(["task-force", "secretary"], escalations.TakeLast(2).Select(e => e.Cause!.Facts["to-level"]));
    }
}

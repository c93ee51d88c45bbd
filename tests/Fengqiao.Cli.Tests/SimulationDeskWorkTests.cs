using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

/// <summary>Who does the simulated desk work, and the desk work and delays the <c>simulation:</c> section sets.</summary>
public class SimulationDeskWorkTests
{
    private static CountyProfile Load(string file) => CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

    [Fact]
    public async Task Simulation_ReviewOfAUnitsAnswer_IsDoneByThatUnitsOwnHeadNotTheCentre()
    {
        var profile = Load("saybagh.yaml");
        var events = new List<CaseEvent>();

        await CountySimulation.RunAsync(profile, new SimulationOptions(3, 40, 4) { Store = SimulationStore.Memory }, observe: events.Add);

        var root = profile.BuildOrgTree().Roots[0].Id;
        var holder = new Dictionary<CaseId, Fengqiao.Cases.Organisation.OrgUnitId?>();
        var approvals = new List<(CaseEvent Event, Fengqiao.Cases.Organisation.OrgUnitId? Holder)>();
        foreach (var e in events)
        {
            switch (e.Payload)
            {
                case CaseDispatched d: holder[e.CaseId] = d.Unit; break;
                case CaseEscalated x: holder[e.CaseId] = x.Unit; break;
                case CaseHandedOff h: holder[e.CaseId] = h.Body; break;
            }

            if (e.Trigger == CaseTrigger.Approve)
            {
                approvals.Add((e, holder.GetValueOrDefault(e.CaseId)));
            }
        }

        var unitApprovals = approvals.Where(a => a.Holder is { } h && h != root && profile.BuildOrgTree().Find(h) is not null).ToList();
        Assert.NotEmpty(unitApprovals);
        Assert.All(unitApprovals, a => Assert.Equal(a.Holder, a.Event.Actor.Unit));
        Assert.DoesNotContain(unitApprovals, a => a.Event.Actor.Id == SimulationOrg.DispatcherOf(root));
    }

    [Fact]
    public async Task Simulation_InstructionsWhistlesAndSupervisionsPerDay_AreMadeByLeadersAndFollowedUp()
    {
        var profile = Load("saybagh.yaml");
        var behaviour = profile.Simulation with { InstructionsPerDay = 2, WhistlesPerDay = 2, SupervisionsPerDay = 3 };
        var events = new List<CaseEvent>();

        var report = await CountySimulation.RunAsync(profile with { Simulation = behaviour }, new SimulationOptions(4, 40, 3) { Store = SimulationStore.Memory }, observe: events.Add);

        var instructions = events.Where(e => e.Trigger == CaseTrigger.Instruct).ToList();
        var summonses = events.Where(e => e.Payload is CaseSummoned).ToList();
        Assert.Equal(8, instructions.Count);
        Assert.All(instructions, i => Assert.Contains(events, e => e.CaseId == i.CaseId && e.Payload is CaseSupervisionIssued { Grade: Fengqiao.Cases.CaseSupervisionGrade.Named }));
        Assert.Equal(8, summonses.Count);
        Assert.All(summonses, s => Assert.StartsWith("head@", s.Actor.Id.Value, StringComparison.Ordinal));
        Assert.Contains(events, e => e.Trigger == CaseTrigger.ReportIn);
        // Each instruction names its unit and limit (typed) and is followed up once: by the leader-instruction rule, linked
        // to it, where that rule applies, else by hand; the supervisions per day are all by hand.
        Assert.All(instructions, i => Assert.True(i.Payload is CaseInstructed { Unit: not null, Limit: not null }));
        var byPolicy = events.Count(e => e.Payload is CaseSupervisionIssued { Instruction: not null, Supersedes: null } && e.Actor.Kind == CaseActorKind.System);
        Assert.InRange(byPolicy, 1, 8);
        Assert.Equal(12 + 8 - byPolicy, events.Count(e => e.Payload is CaseSupervisionIssued && e.Actor.Kind == CaseActorKind.Staff));
        Assert.Equal(8, report.Indicators.Single(i => i.Key == "instructions").Number);
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task Simulation_WithoutDeskWorkPerDay_MakesNoInstructionWhistleOrSupervision()
    {
        var events = new List<CaseEvent>();

        await CountySimulation.RunAsync(Load("saybagh.yaml"), new SimulationOptions(3, 30, 3) { Store = SimulationStore.Memory }, observe: events.Add);

        // The escalation rules' own supervisions (by the system actor) are not desk work.
        Assert.DoesNotContain(events, e => e.Trigger is CaseTrigger.Instruct or CaseTrigger.Summon or CaseTrigger.Supervise && e.Actor.Kind == CaseActorKind.Staff);
    }

    [Fact]
    public async Task Simulation_ClaimDelays_ComeFromTheProfile()
    {
        // Yumen's work orders must be signed for within one working hour: slow sign-fors show in the sign-for rate.
        var profile = Load("yumen.yaml");
        double SignForRate(SimulationReport r) => r.Indicators.Single(i => i.Key == "sign-for-on-time-rate").Number!.Value;

        var prompt = await CountySimulation.RunAsync(profile with { Simulation = profile.Simulation with { ClaimMinutes = 20, LateClaim = 0 } }, new SimulationOptions(4, 30, 2) { Store = SimulationStore.Memory });
        var slow = await CountySimulation.RunAsync(profile with { Simulation = profile.Simulation with { ClaimMinutes = 600, LateClaim = 0 } }, new SimulationOptions(4, 30, 2) { Store = SimulationStore.Memory });

        Assert.True(SignForRate(prompt) > SignForRate(slow) + 20, $"prompt {SignForRate(prompt)}, slow {SignForRate(slow)}");
    }

    [Fact]
    public async Task DrainDays_Default_FinishesEscalatedCasesSoBaiyinCompletesWithoutExtremeBehaviour()
    {
        // Baiyin's seven levels each restart the limit; stopping at the first citizen limit left escalated cases open
        // (82 % completion), which calibration could only fix by answering everything at a tenth of the limit.
        var report = await CountySimulation.RunAsync(Load("baiyin.yaml"), new SimulationOptions(8, 40, 1) { Store = SimulationStore.Memory });

        Assert.True(report.Indicators.Single(i => i.Key == "completion-rate").Number >= 97, report.Indicators.Single(i => i.Key == "completion-rate").Value);
        Assert.Equal(SimulationProfile.Default.AnswerShareOfLimit, Load("baiyin.yaml").Simulation.AnswerShareOfLimit);
    }
}

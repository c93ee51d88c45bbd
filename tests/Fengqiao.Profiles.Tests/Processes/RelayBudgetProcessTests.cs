using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>
/// Relay budgets (接力时限) on Saybagh's desk: a dispute reported by QR code has ten working days in all (the citizen
/// clock, which no move resets) and eight working hours at the grid, two at the community and one at the street, each
/// consumed cumulatively. The budgets are the test's own (no article gives per-level limits).
/// </summary>
public class RelayBudgetProcessTests
{
    // Monday 2 November 2026, 10:00 in Beijing (Saybagh works 10:00-14:00, 15:30-19:30: eight working hours a day).
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 2, 0);

    private const string RelayRule = """
            - category: dispute
              channel: qr-code
              limits:
                handle: 10 working days
                relay.grid: 8 working hours
                relay.community: 2 working days
                relay.street: 1 working day
              assumption: the test's relay budgets
        mediation:
        """;

    private static CountyProfile Profile() =>
        CountyProfileLoader.Parse(
            File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml")).Replace("mediation:\n", RelayRule + "\n", StringComparison.Ordinal),
            "saybagh-relay.yaml");

    private static Instant Beijing(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 11, day, hour - 8, minute);

    private static readonly CaseActor Dispatcher = Staff("yashan-dispatcher", "street-yashan");

    [Fact]
    public async Task Dispatch_UnderRelayBudgets_RecordsTheLevelAndStartsItsBudget()
    {
        var kit = new ProfileDesk(Profile(), Start, Unit("district-secretary"));

        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "dispute", "邻里噪音纠纷"), Dispatcher, "yashan-grid-01");

        Assert.Equal("grid", c.RelayLevel);
        Assert.Equal(TimeLimit.WorkingHours(8), c.Sla.RelayBudgets["grid"]);
        Assert.Equal(Beijing(2, 19, 30), c.Clock(CaseClockKind.Relay)!.Deadline);
        var dispatched = (await kit.HistoryAsync(c.Id)).Single(e => e.Payload is CaseDispatched);
        Assert.Equal("grid", ((CaseDispatched)dispatched.Payload).RelayLevel);
    }

    [Fact]
    public async Task Dispatch_BackToALevelAfterAReturn_ResumesItsBudgetWhileTheCitizenClockNeverResets()
    {
        var kit = new ProfileDesk(Profile(), Start, Unit("district-secretary"));
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "dispute", "邻里噪音纠纷"), Dispatcher, "yashan-grid-01");
        var citizenDeadline = c.Clock(CaseClockKind.Citizen)!.Deadline;
        var worker = Staff("yashan-grid-01-worker", "yashan-grid-01");
        await kit.Desk.ClaimAsync(c.Id, worker);

        // Four working hours at the grid, then back to the street's dispatcher, then to the grid again after lunch.
        kit.Clock.Reset(Beijing(2, 14));
        await kit.Desk.ReturnAsync(c.Id, worker, "需街道核实情况");
        kit.Clock.Reset(Beijing(2, 16));
        var back = await kit.Desk.DispatchAsync(c.Id, Dispatcher, Unit("yashan-grid-01"));

        // Four working hours left: 16:00-19:30 today and half an hour tomorrow — not a fresh eight hours to 16:00 tomorrow.
        Assert.Equal("grid", back.RelayLevel);
        Assert.Equal(Beijing(3, 10, 30), back.Clock(CaseClockKind.Relay)!.Deadline);
        Assert.Equal(citizenDeadline, back.Clock(CaseClockKind.Citizen)!.Deadline);
        // The unit clock still restarts for the new holding, as before.
        Assert.Equal(Beijing(2, 16), back.Clock(CaseClockKind.Unit)!.StartedAt);
        Assert.Equal(Start, back.Clock(CaseClockKind.Citizen)!.StartedAt);
    }

    [Fact]
    public async Task Sweep_LevelBudgetRunsOutBeforeTheHoldersLimit_EscalatesToTheNextLevelWithItsOwnBudget()
    {
        var kit = new ProfileDesk(Profile(), Start, Unit("district-secretary"));
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "dispute", "邻里噪音纠纷"), Dispatcher, "yashan-grid-01");

        kit.Clock.Reset(Beijing(3, 11));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        var after = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.Escalated, after.State);
        Assert.Equal(Unit("yashan-community-1"), after.HoldingUnit);
        Assert.Equal("community", after.RelayLevel);
        Assert.Equal(SlaClockState.Paused, after.RelayClock("grid")!.State);
        Assert.Equal(TimeLimit.WorkingDays(2), after.Clock(CaseClockKind.Relay)!.Limit);
        var escalation = Assert.Single(BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.Overdue, escalation.Cause!.RuleId);
    }

    [Fact]
    public async Task Replay_FromStoredJson_RebuildsTheLevelClocks()
    {
        var kit = new ProfileDesk(Profile(), Start, Unit("district-secretary"));
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "dispute", "邻里噪音纠纷"), Dispatcher, "yashan-grid-01");
        kit.Clock.Reset(Beijing(3, 11));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        var live = await kit.CaseAsync(c.Id);

        var stored = (await kit.HistoryAsync(c.Id)).Select(e => CaseEventJson.Deserialize(CaseEventJson.Serialize(e))).ToList();
        var replayed = Case.Replay(stored, kit.Calendar);

        Assert.Equal(live.Sla, replayed.Sla);
        Assert.Equal(live.RelayLevel, replayed.RelayLevel);
        Assert.Equal(live.Clock(CaseClockKind.Relay)!.Deadline, replayed.Clock(CaseClockKind.Relay)!.Deadline);
        Assert.Equal(live.RelayClock("grid")!.At(Beijing(4, 10)).Elapsed, replayed.RelayClock("grid")!.At(Beijing(4, 10)).Elapsed);
    }

    [Fact]
    public void Parse_RelayBudgetForAnUnknownLevel_IsAProblemWithLineAndColumn()
    {
        var yaml = File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"))
            .Replace("mediation:\n", RelayRule.Replace("relay.street:", "relay.stret:", StringComparison.Ordinal) + "\n", StringComparison.Ordinal);

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "saybagh-relay.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("relay.stret", StringComparison.Ordinal)) + 1, problem.Line);
        Assert.Contains("did you mean 'street'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RelayBudgets_RoundTrip()
    {
        var profile = Profile();

        var back = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml");

        var rule = back.Sla.Rules.Single(r => r.Category == "dispute" && r.Channel == "qr-code");
        Assert.Equal(TimeLimit.WorkingDays(2), rule.Limits["relay.community"]);
        Assert.Equal(3, rule.Limits.Keys.Count(k => k.StartsWith(SlaLimitNames.RelayPrefix, StringComparison.Ordinal)));
    }

    private const string CitizenLateRow = """
        rules:
          escalation:
            rows:
              - id: relay-late
                description: the whole relay is late, whichever level holds the case
                when:
                  all:
                    - field: citizen_stage
                      op: equals
                      value: overdue
                    - field: below_task-force
                      op: equals
                      value: "true"
                then:
                  target: to-level
                  level: task-force
                assumption: the test's rule

        """;

    [Theory]
    [InlineData(true, "task-force")]
    [InlineData(false, "yashan-community-1")]
    public async Task Sweep_CitizenClockOverdueWhileTheLevelIsOnTime_FollowsTheCountysCitizenStageRow(bool withRow, string expectedHolder)
    {
        // Two working days in all; eight working hours at the grid, three days at the community.
        var yaml = File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"))
            .Replace("mediation:\n", RelayRule.Replace("handle: 10 working days", "handle: 2 working days", StringComparison.Ordinal)
                .Replace("relay.community: 2 working days", "relay.community: 3 working days", StringComparison.Ordinal) + "\n", StringComparison.Ordinal)
            + (withRow ? "\n" + CitizenLateRow : "");
        var kit = new ProfileDesk(CountyProfileLoader.Parse(yaml, "saybagh-relay.yaml"), Start, Unit("district-secretary"));
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "dispute", "邻里噪音纠纷"), Dispatcher, "yashan-grid-01");

        // Tuesday: the grid's eight hours are gone, so the overdue rule sends the case to the community.
        kit.Clock.Reset(Beijing(3, 10));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Equal(Unit("yashan-community-1"), (await kit.CaseAsync(c.Id)).HoldingUnit);

        // Thursday: the citizen's two days are gone; the community's clock and budget are not.
        kit.Clock.Reset(Beijing(5, 10));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        var after = await kit.CaseAsync(c.Id);
        Assert.Equal(SlaStage.Overdue, after.Clock(CaseClockKind.Citizen)!.At(Beijing(5, 10)).Stage);
        Assert.Equal(SlaStage.OnTrack, after.RelayClock("community")!.At(Beijing(5, 10)).Stage);
        Assert.Equal(Unit(expectedHolder), after.HoldingUnit);
        if (withRow)
        {
            Assert.Equal("relay-late", BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate).Last().Cause!.RuleId);
        }
    }
}

using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>The indicators as docs/indicators.md defines them, recomputed from the desk's own event stream (#16 item 4):
/// disputes resolved at village and township level, the township table, and the week-over-week trends (两升两降).</summary>
public class IndicatorDefinitionsTests
{
    private static readonly LocalDate Start = new(2025, 3, 3);

    private static async Task<(CountyProfile Profile, SimulationReport Report, List<CaseEvent> Events)> YumenAsync()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));
        var events = new List<CaseEvent>();
        var report = await CountySimulation.RunAsync(profile, new SimulationOptions(15, 20, 1) { Store = SimulationStore.Memory, StartDate = Start }, observe: events.Add);
        return (profile, report, events);
    }

    [Fact]
    public async Task DisputesResolvedLocally_IsDisputesClosedAtVillageOrTownshipLevelOverDisputesClosed()
    {
        var (profile, report, events) = await YumenAsync();
        var tree = SimulationOrg.Build(profile);

        // The unit holding each case when it closed: the last dispatch, escalation or hand-off before its first close.
        int disputesClosed = 0, local = 0, casesClosed = 0;
        foreach (var history in events.GroupBy(e => e.CaseId))
        {
            var registration = history.Select(e => e.Payload).OfType<CaseRegistration>().FirstOrDefault();
            var close = history.FirstOrDefault(e => e.Trigger == CaseTrigger.Close);
            if (registration is null || close is null)
            {
                continue;
            }

            casesClosed++;
            if (!CountySimulation.IsDispute(registration.Report.Category))
            {
                continue;
            }

            disputesClosed++;
            var holder = history.TakeWhile(e => e != close).Select(e => e.Payload switch
            {
                CaseDispatched d => d.Unit,
                CaseEscalated x => x.Unit,
                CaseHandedOff h => h.Body,
                _ => (OrgUnitId?)null,
            }).LastOrDefault(u => u is not null);
            local += holder is { } unit && tree.Find(unit)?.Kind is OrgUnitKind.Grid or OrgUnitKind.Community or OrgUnitKind.Street or OrgUnitKind.Post ? 1 : 0;
        }

        Assert.InRange(disputesClosed, 20, casesClosed - 20); // disputes and other matters both closed: the denominator tells them apart
        var indicator = report.Indicators.Single(i => i.Key == "disputes-resolved-locally");
        Assert.Equal(100.0 * local / disputesClosed, indicator.Number!.Value, 6);
    }

    [Fact]
    public async Task WeeksAndTrends_CountRegistrationsAndClosesByFullWeekAndSayWhatRoseAndFell()
    {
        var (profile, report, events) = await YumenAsync();
        var start = Start.AtStartOfDayInZone(profile.Zone).ToInstant();
        int Week(Instant at) => (int)((at - start).TotalDays / 7) + 1;

        Assert.Equal([1, 2], report.Weeks.Select(w => w.Week)); // 15 days: two full weeks, the third day of week 3 left out
        foreach (var week in report.Weeks)
        {
            Assert.Equal(events.Count(e => e.Payload is CaseRegistration && Week(e.At) == week.Week), week.Received);
            Assert.Equal(events.Where(e => e.Trigger == CaseTrigger.Close).GroupBy(e => e.CaseId).Count(g => Week(g.First().At) == week.Week), week.Closed);
        }

        Assert.Equal(["received", "closed", "on-time-completion-rate", "satisfaction-rate"], report.Trends.Select(t => t.Key));
        var received = report.Trends[0];
        Assert.Equal((report.Weeks[0].Received, report.Weeks[1].Received), ((int)received.Before!.Value, (int)received.After!.Value));
        Assert.Equal(received.After > received.Before ? "rose 升" : received.After < received.Before ? "fell 降" : "level 平", received.Direction);
    }

    [Fact]
    public async Task Townships_CountEveryReportOnceUnderTheStreetAboveItsGrid()
    {
        var (profile, report, events) = await YumenAsync();
        var tree = SimulationOrg.Build(profile);
        string Township(OrgUnitId grid)
        {
            for (var unit = tree.Find(grid); unit is not null; unit = unit.Parent is { } p ? tree.Find(p) : null)
            {
                if (unit.Kind == OrgUnitKind.Street)
                {
                    return unit.Name;
                }
            }

            throw new InvalidOperationException($"grid {grid} has no street above it in Yumen");
        }

        var expected = events.Select(e => e.Payload).OfType<CaseRegistration>()
            .GroupBy(r => Township(r.Report.Location.Grid))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), report.Townships.Select(t => KeyValuePair.Create(t.Name, t.Received)));
        Assert.True(expected.Count > 1, "Yumen's reports come from several townships");
    }
}

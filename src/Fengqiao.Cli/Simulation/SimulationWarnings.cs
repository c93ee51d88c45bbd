using System.Globalization;
using System.Text;
using Fengqiao.Cases.Events;
using Fengqiao.EarlyWarning;
using Fengqiao.EarlyWarning.Index;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// Follows a simulation's events with the county's early-warning engine (<c>warnings:</c>): the warnings raised, and the
/// 平安指数 per township at the end of every simulated day that has events, with the warning letters (工作提示函).
/// Kept apart from <see cref="CountySimulation"/>: it only observes the published events and never acts on the desk.
/// </summary>
internal sealed class SimulationWarnings
{
    private readonly EarlyWarningEngine engine;
    private readonly DateTimeZone zone;
    private readonly bool hasIndex;
    private readonly List<RaisedWarning> raised = [];
    private readonly List<SafetyIndexReport> days = [];
    private readonly List<string> failures = [];
    private LocalDate? currentDay;

    private SimulationWarnings(CountyProfile profile)
    {
        engine = new EarlyWarningEngine(profile);
        zone = profile.Zone;
        hasIndex = profile.Warnings.Index is not null;
    }

    /// <summary>Creates the follower for a county whose profile has a <c>warnings:</c> section, else returns null.</summary>
    public static SimulationWarnings? For(CountyProfile profile) =>
        profile.Warnings.Rules.IsDefaultOrEmpty && profile.Warnings.Index is null ? null : new SimulationWarnings(profile);

    /// <summary>Feeds one published event (the simulation calls observers one event at a time).</summary>
    public void Observe(CaseEvent e)
    {
        var day = e.At.InZone(zone).Date;
        if (hasIndex && currentDay is { } previous && day > previous)
        {
            days.Add(engine.ComputeIndex(previous));
        }

        currentDay = day;
        try
        {
            raised.AddRange(engine.Observe(e));
        }
        catch (EarlyWarningException ex)
        {
            failures.Add(ex.Message);
        }
    }

    /// <summary>Renders the warnings and the index as a text section for the simulation's report.</summary>
    public string Render()
    {
        if (hasIndex && currentDay is { } last && (days.Count == 0 || days[^1].Day != last))
        {
            days.Add(engine.ComputeIndex(last));
        }

        var w = new StringBuilder();
        w.AppendLine(Inv($"Early warnings (预警): {raised.Count} raised"));
        foreach (var rule in engine.RuleIds)
        {
            var ofRule = raised.Where(r => r.RuleId == rule).ToList();
            w.AppendLine(Inv($"  {rule,-26} {ofRule.Count,5}"));
            foreach (var example in ofRule.Take(2))
            {
                w.AppendLine(Inv($"    {example.RaisedAt.InZone(zone).Date:yyyy-MM-dd} {example.GroupKind} {example.GroupKey}: {example.Message}"));
            }
        }

        foreach (var failure in failures.Take(5))
        {
            w.AppendLine("  rule failed: " + failure);
        }

        if (days.Count > 0)
        {
            w.AppendLine();
            w.AppendLine(Inv($"平安指数 per township (0-100; daily, last {Math.Min(7, days.Count)} simulated days shown):"));
            var shown = days.TakeLast(7).ToList();
            w.Append("  township    ");
            foreach (var d in shown)
            {
                w.Append(Inv($" {d.Day:MM-dd}      "));
            }

            w.AppendLine();
            foreach (var township in shown[^1].Townships.Select(t => t.Township))
            {
                w.Append(Inv($"  {township.Value,-12}"));
                foreach (var d in shown)
                {
                    var t = d.Townships.First(x => x.Township == township);
                    w.Append(Inv($" {t.Value,5:0.0} {t.Level,-6}"));
                }

                w.AppendLine();
            }

            var letters = days.SelectMany(d => d.Letters).ToList();
            w.AppendLine(Inv($"Warning letters (工作提示函): {letters.Count}"));
            foreach (var letter in letters.Take(10))
            {
                w.AppendLine(Inv($"  {letter.Day:yyyy-MM-dd} {letter.Township} turned red at {letter.Index.Value:0.0} ({string.Join(", ", letter.Index.Indicators.Select(i => $"{i.Key} {i.Value:0.##}"))})"));
            }
        }

        return w.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

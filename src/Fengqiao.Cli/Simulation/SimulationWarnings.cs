using System.Collections.Immutable;
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
internal sealed partial class SimulationWarnings
{
    private readonly EarlyWarningEngine engine;
    private readonly DateTimeZone zone;
    private readonly bool hasIndex;
    private readonly List<RaisedWarning> raised = [];
    private readonly List<SafetyIndexReport> days = [];
    private readonly List<string> failures = [];
    private LocalDate? currentDay;

    private readonly int runDays;

    private SimulationWarnings(CountyProfile profile, int casesPerDay, int runDays)
    {
        this.runDays = runDays;
        // The index is defined on the county's own volume (simulation.reports-per-day); a run at another volume scales the
        // populations and the counted indicators' full-at by the same ratio, so a run at 600 a day is not red only
        // because it simulates a hundred Yumens.
        VolumeScale = profile.Simulation?.ReportsPerDay is { } own && own > 0 ? casesPerDay / (double)own : 1.0;
        var warnings = profile.Warnings.Index is { } index && VolumeScale != 1.0
            ? profile.Warnings with { Index = Scale(index, VolumeScale) }
            : profile.Warnings;
        engine = new EarlyWarningEngine(warnings, profile.BuildOrgTree(), profile.BuildCalendar());
        zone = profile.Zone;
        hasIndex = profile.Warnings.Index is not null;
    }

    /// <summary>Gets the factor the index's populations and counted thresholds were scaled by: the run's reports a day over the county's.</summary>
    public double VolumeScale { get; }

    /// <summary>Gets the warnings raised so far, oldest first.</summary>
    public IReadOnlyList<RaisedWarning> Raised => raised;

    /// <summary>Gets the index of each simulated day computed so far.</summary>
    public IReadOnlyList<SafetyIndexReport> Days => days;

    /// <summary>Creates the follower for a county whose profile has a <c>warnings:</c> section, else returns null.</summary>
    public static SimulationWarnings? For(CountyProfile profile, SimulationOptions options) =>
        profile.Warnings.Rules.IsDefaultOrEmpty && profile.Warnings.Index is null ? null : new SimulationWarnings(profile, options.CasesPerDay, options.Days);

    private static SafetyIndexProfile Scale(SafetyIndexProfile index, double factor) => index with
    {
        Populations = index.Populations.ToImmutableSortedDictionary(p => p.Key, p => (int)Math.Clamp(Math.Round(p.Value * factor), 1, int.MaxValue), StringComparer.Ordinal),
        Indicators = [.. index.Indicators.Select(i => i.Indicator is IndexIndicator.OverdueShare or IndexIndicator.DisputesPerThousand ? i : i with { FullAt = i.FullAt * factor })],
    };

    /// <summary>Closes the last simulated day (idempotent).</summary>
    public void Finish()
    {
        if (hasIndex && currentDay is { } last && (days.Count == 0 || days[^1].Day != last))
        {
            days.Add(engine.ComputeIndex(last));
        }
    }

    /// <summary>The share of township-days at each level over the run's own days (not the drain days after it, when no reports come in).</summary>
    public IReadOnlyDictionary<SafetyLevel, double> LevelShares()
    {
        Finish();
        var all = days.Count == 0 ? [] : days.Where(d => d.Day < days[0].Day.PlusDays(runDays)).SelectMany(d => d.Townships).ToList();
        return Enum.GetValues<SafetyLevel>().ToDictionary(l => l, l => all.Count == 0 ? 0 : all.Count(t => t.Level == l) / (double)all.Count);
    }

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
        Finish();
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

            var shares = LevelShares();
            w.AppendLine(Inv($"Levels over the run's {runDays} days × {shown[^1].Townships.Length} townships: green {shares[SafetyLevel.Green]:P0}, yellow {shares[SafetyLevel.Yellow]:P0}, orange {shares[SafetyLevel.Orange]:P0}, red {shares[SafetyLevel.Red]:P0}")
                + (VolumeScale == 1.0 ? "" : Inv($" (populations and counted thresholds scaled ×{VolumeScale:0.##} to the run's volume)")));
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

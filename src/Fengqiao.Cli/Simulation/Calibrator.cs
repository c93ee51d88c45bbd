using System.Globalization;
using System.Text;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// <c>fengqiao simulate --calibrate</c>: searches the behaviour parameters of a profile's <c>simulation:</c> section
/// until every published figure is within tolerance, for one seed, days and volume.
/// </summary>
/// <remarks>
/// <para>Each published indicator has parameters that move it (its knobs, see <see cref="KnobsFor"/>); the search
/// bisects every figure's current knob at once, run after run: a figure below its target moves its knob's bracket one way,
/// above it the other, and a figure within tolerance keeps its knob where it is. The same profile, seed, days and
/// volume give the same runs and the same fitted section (the simulation is deterministic for a seed).</para>
/// <para>A figure without a knob (or that stays outside after <see cref="MaxRuns"/> runs) is reported as not fitted.</para>
/// </remarks>
internal static class Calibrator
{
    /// <summary>The most simulation runs one calibration makes.</summary>
    public const int MaxRuns = 24;

    /// <summary>A behaviour parameter that moves an indicator: its name in the section, its range and its direction
    /// (+1 when raising the parameter raises the indicator).</summary>
    internal sealed record Knob(string Parameter, Func<SimulationProfile, double> Get, Func<SimulationProfile, double, SimulationProfile> Set, double Min, double Max, int Direction);

    /// <summary>The parameters that move <paramref name="indicator"/>, in the order the search tries them (the next
    /// once the one before has reached the end of its range); empty when none does.</summary>
    internal static IReadOnlyList<Knob> KnobsFor(string indicator) => indicator switch
    {
        "completion-rate" or "closed" => [Difficult, new("answer-share-of-limit", s => s.AnswerShareOfLimit, (s, v) => s with { AnswerShareOfLimit = v }, 0.1, 1, -1), LateHandling, CannotResolve, Unsatisfied, new("deputy-review", s => s.DeputyReview, (s, v) => s with { DeputyReview = v }, 0, 0.5, -1)],
        "on-time-completion-rate" or "work-order-on-time-rate" => [LateHandling],
        "satisfaction-rate" => [new("satisfaction.satisfied", s => s.Satisfied, (s, v) => s with { Satisfied = Math.Min(v, 1 - s.BasicallySatisfied) }, 0, 1, +1)],
        "extension-rate" => [new("extension", s => s.Extension, (s, v) => s with { Extension = v }, 0, 0.5, +1)],
        "court-diversion-rate" => [new("court-suitable", s => s.CourtSuitable, (s, v) => s with { CourtSuitable = v }, 0, 1, +1), MediationWait, MediationDays],
        "mediation-success-rate" => [new("mediation-success.default", s => s.MediationSuccess, (s, v) => s with { MediationSuccess = v, MediationSuccessByBody = s.MediationSuccessByBody.Clear() }, 0, 1, +1)],
        "disputes-resolved-locally" => [CannotResolve, new("suitable-for-mediation", s => s.SuitableForMediation, (s, v) => s with { SuitableForMediation = v }, 0, 1, -1)],
        "police-on-site" => [new("origins.police", s => s.OriginShare("police"), (s, v) => s with { Origins = s.Origins.SetItem("police", v) }, 0, 0.6, +1)],
        "police-follow-up" => [new("police-follow-up", s => s.PoliceFollowUp, (s, v) => s with { PoliceFollowUp = v }, 0, 1, +1), MediationWait],
        "police-resolution-rate" => [Overrun, new("outside-settled", s => s.OutsideSettled, (s, v) => s with { OutsideSettled = v }, 0, 1, +1), CannotResolve],
        _ => [],
    };

    /// <summary>Every parameter the search may move (each once), over every indicator that has knobs.</summary>
    internal static IEnumerable<Knob> AllKnobs() => FittedIndicators.SelectMany(KnobsFor).DistinctBy(k => k.Parameter);

    /// <summary>The indicators that have knobs (<see cref="KnobsFor"/>).</summary>
    private static readonly string[] FittedIndicators =
    [
        "completion-rate", "on-time-completion-rate", "satisfaction-rate", "extension-rate", "court-diversion-rate",
        "mediation-success-rate", "disputes-resolved-locally", "police-on-site", "police-follow-up", "police-resolution-rate",
    ];

    private static readonly Knob Difficult = new("tiers.difficult", s => s.DifficultTier, (s, v) => s with { DifficultTier = Math.Min(v, 1 - s.SimpleTier) }, 0, 0.5, -1);

    /// <summary>Fewer unsatisfied ratings mean fewer reopened cases (the satisfied share rises, basically satisfied stays).</summary>
    private static readonly Knob Unsatisfied = new("satisfaction.satisfied", s => s.Satisfied, (s, v) => s with { Satisfied = Math.Min(v, 1 - s.BasicallySatisfied) }, 0, 1, +1);

    private static readonly Knob CannotResolve = new("cannot-resolve", s => s.CannotResolve, (s, v) => s with { CannotResolve = v }, 0, 0.6, -1);

    private static readonly Knob LateHandling = new("late-handling", s => s.LateHandling, (s, v) => s with { LateHandling = v }, 0, 1, -1);

    /// <summary>Longer waits for a mediator with room send more court filings and police calls to mediation.</summary>
    private static readonly Knob MediationWait = new("mediation-wait-days", s => s.MediationWaitDays, (s, v) => s with { MediationWaitDays = v }, 0, 20, +1);

    /// <summary>Fewer mediations dragging past their limit leave fewer matters open at the end.</summary>
    private static readonly Knob Overrun = new("mediation-overrun", s => s.MediationOverrun, (s, v) => s with { MediationOverrun = v }, 0, 0.3, -1);

    private static readonly Knob MediationDays = new("mediation-days", s => s.MediationDays, (s, v) => s with { MediationDays = v }, 0.5, 10, -1);

    /// <summary>The outcome: the fitted behaviour, the last run's comparison and whether every figure is within.</summary>
    internal sealed record Result(SimulationProfile Behaviour, SimulationReport Report, int Runs, bool AllWithin, IReadOnlyList<string> Unfittable);

    public static async Task<Result> CalibrateAsync(CountyProfile profile, SimulationOptions options, Action<int, SimulationReport>? afterRun = null)
    {
        if (profile.Published.IsDefaultOrEmpty)
        {
            throw new CliException($"the profile '{profile.Name}' publishes no figures: add a 'published:' section (docs/profiles.md) to calibrate against.");
        }

        var brackets = new Dictionary<string, (double Lo, double Hi)>(StringComparer.Ordinal);
        var unfittable = profile.Published.Where(f => KnobsFor(f.Key).Count == 0).Select(f => f.Key).ToList();
        var current = profile.Simulation ?? SimulationProfile.Default;
        SimulationReport? report = null;
        for (var run = 1; run <= MaxRuns; run++)
        {
            report = await CountySimulation.RunAsync(profile with { Simulation = current }, options).ConfigureAwait(false);
            afterRun?.Invoke(run, report);
            if (report.Published.All(p => p.Within))
            {
                return new Result(current, report, run, true, unfittable);
            }

            // Move each figure's first knob that can still move it the way it must go: narrow that knob's bracket on
            // the side the figure says and try inside it; a knob at the end of its range (or whose bracket has closed)
            // leaves the move to the figure's next knob, for this run only.
            var moved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var comparison in report.Published.Where(p => !p.Within && p.Simulated is not null))
            {
                var knobs = KnobsFor(comparison.Key);
                foreach (var knob in knobs)
                {
                    if (!moved.Add(knob.Parameter))
                    {
                        break;
                    }

                    var value = knob.Get(current);
                    var raise = (comparison.Simulated < comparison.Published) == (knob.Direction > 0);
                    var extreme = raise ? knob.Max : knob.Min;
                    if (Math.Abs(value - extreme) < 1e-9)
                    {
                        // At the end of its range and still short: this knob can do no more; the next one moves.
                        continue;
                    }

                    // A figure that grows with its knob (a share of cases) is tried in proportion first: knob × published
                    // ÷ simulated, inside the bracket; otherwise the end of the range first, then halves of the bracket.
                    var proportional = knob.Direction > 0 && comparison.Simulated > 0 && value > 0
                        ? value * comparison.Published / comparison.Simulated!.Value
                        : double.NaN;
                    if (!brackets.TryGetValue(knob.Parameter, out var bracket))
                    {
                        brackets[knob.Parameter] = raise ? (value, knob.Max) : (knob.Min, value);
                        current = knob.Set(current, double.IsNaN(proportional) ? extreme : Math.Round(Math.Clamp(proportional, knob.Min, knob.Max), 4));
                        break;
                    }

                    var (lo, hi) = raise ? (Math.Clamp(value, bracket.Lo, bracket.Hi), bracket.Hi) : (bracket.Lo, Math.Clamp(value, bracket.Lo, bracket.Hi));
                    if (hi - lo < 0.002 * (knob.Max - knob.Min))
                    {
                        // The bracket closed but the figure is still outside: the other knobs moved its target; search
                        // again from here towards the end of the range.
                        (lo, hi) = raise ? (value, knob.Max) : (knob.Min, value);
                    }

                    brackets[knob.Parameter] = (lo, hi);
                    var next = proportional > lo && proportional < hi ? proportional : (lo + hi) / 2;
                    current = knob.Set(current, Math.Round(next, 4));
                    break;
                }
            }
        }

        return new Result(current, report!, MaxRuns, false, unfittable);
    }

    /// <summary>The profile's YAML with the fitted values written into its <c>simulation:</c> section (added at the end
    /// when it had none); every other line, comments and <c>texts:</c> included, is kept byte for byte
    /// (<see cref="FittedSection"/>).</summary>
    public static string WithSimulation(string yaml, SimulationProfile before, SimulationProfile fitted, string provenance) =>
        FittedSection.Apply(yaml, before, fitted, provenance);

    /// <summary>The fit as text: the tolerance, each figure and the parameters the search moved.</summary>
    public static string Describe(Result result, SimulationProfile before)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Calibration {(result.AllWithin ? "fitted" : "did NOT fit")} after {result.Runs} run(s); tolerance ±{PublishedFigures.RateTolerance} percentage points for a rate, ±{PublishedFigures.CountTolerance:P0} for a count.\n");
        foreach (var p in result.Report.Published)
        {
            var unit = p.IsCount ? "" : "%";
            sb.Append(CultureInfo.InvariantCulture,
                $"  {p.Key}: published {(p.AtLeast ? "≥ " : "")}{p.Published:0.##}{unit}, simulated {(p.Simulated is { } s ? s.ToString("0.##", CultureInfo.InvariantCulture) + unit : "—")}, difference {(p.Difference is { } d ? d.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) : "—")} {(p.Within ? "✓" : "✗")}\n");
        }

        foreach (var key in result.Unfittable)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {key}: no behaviour parameter moves this figure; it is compared, not fitted\n");
        }

        var moved = result.Report.Published.SelectMany(p => KnobsFor(p.Key)).DistinctBy(k => k.Parameter)
            .Where(k => Math.Abs(k.Get(before) - k.Get(result.Behaviour)) > 1e-9);
        foreach (var knob in moved)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {knob.Parameter}: {knob.Get(before):0.####} → {knob.Get(result.Behaviour):0.####}\n");
        }

        return sb.ToString();
    }
}

using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <summary>One published figure beside its simulated value.</summary>
/// <param name="Key">The indicator key.</param>
/// <param name="Name">The indicator's English name.</param>
/// <param name="Chinese">The indicator's Chinese name.</param>
/// <param name="Simulated">The simulated value (a count scaled as <see cref="PublishedFigures.Scale"/> says), or null when
/// the run had nothing to measure it on.</param>
/// <param name="Published">The county's figure.</param>
/// <param name="IsCount">Whether the figure is a count (else a percentage).</param>
/// <param name="AtLeast">Whether the county published a lower bound (以上).</param>
/// <param name="Quote">The article's words.</param>
/// <param name="Date">When the figure was true.</param>
internal sealed record PublishedComparison(string Key, string Name, string Chinese, double? Simulated, double Published, bool IsCount, bool AtLeast, string Quote, string Date)
{
    /// <summary>Gets simulated minus published, or null.</summary>
    public double? Difference => Simulated is { } s ? Math.Round(s - Published, 2) : null;

    /// <summary>Gets the tolerance: 2 percentage points for a rate, 10 % of the published count for a count.</summary>
    public double Tolerance => IsCount ? PublishedFigures.CountTolerance * Published : PublishedFigures.RateTolerance;

    /// <summary>Gets whether the simulated value is within the tolerance (at or above the bound less the tolerance for
    /// a lower bound).</summary>
    public bool Within => Simulated is { } s && (AtLeast ? s >= Published - Tolerance : Math.Abs(s - Published) <= Tolerance + 1e-9);
}

/// <summary>Compares a run's indicators with the figures the county publishes.</summary>
internal static class PublishedFigures
{
    /// <summary>The tolerance for a rate, in percentage points.</summary>
    public const double RateTolerance = 2.0;

    /// <summary>The tolerance for a count, as a share of the published count.</summary>
    public const double CountTolerance = 0.10;

    /// <summary>
    /// The factor a simulated count is multiplied by before it is compared with a published one: the published period
    /// over the simulated reporting days, times the county's volume (<c>simulation.reports-per-day</c>) over the run's
    /// reports a day. A run of 10 days × 20 reports compares its counts as if it had run the county's volume for the
    /// whole published period.
    /// </summary>
    public static double Scale(PublishedFigure figure, SimulationProfile behaviour, int days, int casesPerDay) =>
        (figure.PeriodDays ?? days) / (double)days * ((behaviour.ReportsPerDay ?? casesPerDay) / (double)casesPerDay);

    public static List<PublishedComparison> Compare(CountyProfile profile, IReadOnlyList<Indicator> indicators, SimulationOptions options)
    {
        var result = new List<PublishedComparison>();
        foreach (var figure in profile.Published.IsDefault ? [] : profile.Published)
        {
            var indicator = indicators.FirstOrDefault(i => i.Key == figure.Key);
            var simulated = indicator?.Number is { } n
                ? figure.IsCount ? Math.Round(n * Scale(figure, profile.Simulation, options.Days, options.CasesPerDay), 1) : Math.Round(n, 2)
                : (double?)null;
            result.Add(new PublishedComparison(figure.Key, indicator?.Name ?? figure.Key, indicator?.Chinese ?? "", simulated, figure.Value, figure.IsCount, figure.AtLeast, figure.Quote, figure.Date));
        }

        return result;
    }
}

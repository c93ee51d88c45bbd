namespace Fengqiao.Profiles;

/// <summary>
/// A figure the county publishes about its own system (the profile's <c>published:</c> section), which
/// <c>fengqiao simulate</c> prints beside its simulated value and <c>--calibrate</c> fits.
/// </summary>
/// <remarks>
/// <para>A rate is a percentage (<c>99.38</c> for 99.38 %); a count is compared per day of <see cref="PeriodDays"/>,
/// scaled to the county's volume (<see cref="SimulationProfile.ReportsPerDay"/>). The keys are those of
/// <c>docs/indicators.md</c>; the loader refuses an unknown key, with a suggestion.</para>
/// </remarks>
/// <param name="Key">The indicator key, such as <c>completion-rate</c>.</param>
/// <param name="Value">The published value: a percentage for a rate, a number for a count.</param>
/// <param name="Quote">The article's words, quoted exactly.</param>
/// <param name="Date">When the figure was true, as the article dates it (e.g. <c>2023-09-11</c> or <c>2025</c>).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record PublishedFigure(string Key, double Value, string Quote, string Date)
{
    /// <summary>Gets how many days a count covers (e.g. 今年以来 to the article's date); null for a rate.</summary>
    public int? PeriodDays { get; init; }

    /// <summary>Gets whether the figure is a lower bound (以上: "95%以上"); it is then met by any value at or above it
    /// less the tolerance.</summary>
    public bool AtLeast { get; init; }

    /// <summary>Gets the indicator keys a published figure may name that are rates (percentages).</summary>
    public static System.Collections.Immutable.ImmutableArray<string> RateKeys { get; } =
    [
        "completion-rate", "on-time-completion-rate", "work-order-on-time-rate", "satisfaction-rate", "reopen-rate",
        "extension-rate", "court-diversion-rate", "mediation-success-rate", "police-resolution-rate", "disputes-resolved-locally",
    ];

    /// <summary>Gets the indicator keys a published figure may name that are counts.</summary>
    public static System.Collections.Immutable.ImmutableArray<string> CountKeys { get; } = ["received", "closed", "police-on-site", "police-follow-up"];

    /// <summary>Gets whether <see cref="Key"/> names a count rather than a rate.</summary>
    public bool IsCount => CountKeys.Contains(Key);
}

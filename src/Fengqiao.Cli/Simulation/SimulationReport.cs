using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>What a simulation run measured: the figures counties publish and the series the HTML report draws.</summary>
internal sealed record SimulationReport
{
    public required string County { get; init; }

    public required int Days { get; init; }

    public required int CasesPerDay { get; init; }

    public required int Seed { get; init; }

    public required IReadOnlyList<Indicator> Indicators { get; init; }

    public required IReadOnlyList<DailyFigures> Daily { get; init; }

    public required IReadOnlyList<Share> ResolutionLevels { get; init; }

    public required IReadOnlyList<Share> MediationOutcomes { get; init; }

    public required IReadOnlyList<CategoryTime> SlowestCategories { get; init; }

    public required string LifecycleSvg { get; init; }

    public required string LadderSvg { get; init; }

    public IReadOnlyList<Share> Refusals { get; init; } = [];

    /// <summary>Gets the days run after the last report to let open work finish (<c>--drain-days</c>).</summary>
    public int DrainDays { get; init; }

    /// <summary>Gets whether the profile names any mediation body (so an empty mediation section can say why).</summary>
    public bool HasMediationBodies { get; init; }

    /// <summary>Gets mediation success by body kind and by route.</summary>
    public IReadOnlyList<MediationSuccessRow> MediationSuccess { get; init; } = [];

    /// <summary>Gets the figures per township (the grid's street or township unit).</summary>
    public IReadOnlyList<AreaRow> Townships { get; init; } = [];

    /// <summary>Gets the figures per grid.</summary>
    public IReadOnlyList<AreaRow> Grids { get; init; } = [];

    /// <summary>Gets the full simulated weeks.</summary>
    public IReadOnlyList<WeekRow> Weeks { get; init; } = [];

    /// <summary>Gets what rose and fell from the week before the last to the last full week (两升两降).</summary>
    public IReadOnlyList<Trend> Trends { get; init; } = [];

    /// <summary>Gets the county's published figures beside the simulated ones (empty when the profile publishes none).</summary>
    public IReadOnlyList<PublishedComparison> Published { get; init; } = [];

    /// <summary>Gets the audit of concurrent sweeps (PostgreSQL runs only), or <see langword="null"/>.</summary>
    public SweepAudit? Sweeps { get; init; }

    /// <summary>Gets how the store's appends were committed (SQLite runs only), or <see langword="null"/>.</summary>
    public AppendGroups? Commits { get; init; }

    /// <summary>Gets the most entries the run's per-case collections held at the end of any day (not printed; it shows
    /// that memory follows the cases in play, not the length of the run).</summary>
    public SimulationFootprint Footprint { get; init; } = SimulationFootprint.Empty;
}

/// <summary>How a run's appends reached the store: <paramref name="Appends"/> appends in <paramref name="Groups"/> group
/// commits (<see cref="GroupedAppendStore"/>).</summary>
internal sealed record AppendGroups(long Appends, int Groups);

/// <summary>What concurrent sweepers did: cases acted on by more than one sweeper at one sweep (double actions) and
/// cases still due after a sweep had finished (missed due cases). Both must be 0.</summary>
internal sealed record SweepAudit(int Sweepers, int Sweeps, long Claims, long DoubleActions, long MissedDueCases);

/// <summary>One line of the published table: 受理量, 办结率 … (keys and definitions: docs/indicators.md).</summary>
internal sealed record Indicator(string Name, string Chinese, string Value)
{
    /// <summary>Gets the stable key (<c>completion-rate</c>), as a profile's <c>published:</c> names it.</summary>
    public string Key { get; init; } = "";

    /// <summary>Gets the value as a number (a percentage for a rate), or null when there is none (no cases to divide by).</summary>
    public double? Number { get; init; }

    /// <summary>Gets whether the indicator is a count rather than a rate.</summary>
    public bool IsCount { get; init; }
}

/// <summary>One simulated day: reports in, cases closed, and the SLA stage mix of open cases at the day's end.</summary>
internal sealed record DailyFigures(LocalDate Date, int Reported, int Closed, int OnTrack, int Warning, int Overdue);

/// <summary>A labelled count for a share chart.</summary>
internal sealed record Share(string Label, int Count);

/// <summary>A category's average handling time, for the slowest-categories list.</summary>
internal sealed record CategoryTime(string Category, Duration Average, int Cases);

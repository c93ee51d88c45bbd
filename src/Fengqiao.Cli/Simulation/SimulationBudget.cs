using System.Globalization;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// Estimates the memory a simulation needs before it starts, so a run that cannot fit is refused with the estimate
/// instead of running for hours and then failing.
/// </summary>
/// <remarks>
/// <para>The schedule is streamed (one day of arrivals at a time), a file store keeps cases on disk, and the indicators
/// keep a case's facts only until it is finished (then they go into running totals), so memory follows the open
/// cases; but a store held in memory keeps every case, and the mediation ledger keeps every hand-off.</para>
/// <para>The figures were measured on the reference counties (<c>simulate --days 10</c> and <c>--days 30</c> at 600
/// reports a day, peak resident memory) and rounded up; the estimate is meant to be within a factor of two.</para>
/// </remarks>
internal static class SimulationBudget
{
    /// <summary>The runtime, the profile, the desk and its rule sets.</summary>
    public const long BaseBytes = 100L * 1024 * 1024;

    /// <summary>A case kept by a store held in memory (the in-memory store or SQLite's <c>:memory:</c>): its events,
    /// index entries and the facts the indicators keep.</summary>
    public const long InMemoryStoreBytesPerReport = 10 * 1024;

    /// <summary>A case kept in a SQLite file: what stays in memory for every report is the mediation ledger's hand-offs
    /// (it keeps every one; about one report in five has one in Yumen, one in a hundred in Saybagh, at about 1 KB
    /// each). A finished case's facts are retired into running totals, so they are not counted here (before they were,
    /// at 1.5 KB a report: 1.28 GB at 1.48 million reports).</summary>
    public const long FileStoreBytesPerReport = 256;

    /// <summary>The SQLite file store's bounded cache of folded cases (10,000 by default, 64 MiB) and its writer's page
    /// cache (<see cref="CountySimulation.FilePageCacheKiB"/>, with SQLite's bookkeeping of about 5 %).</summary>
    public const long FileStoreCacheBytes = (64L * 1024 * 1024) + (CountySimulation.FilePageCacheKiB * 1024L * 105 / 100);

    /// <summary>One arrival waiting on the agenda (a day's worth are scheduled at once).</summary>
    public const long AgendaBytesPerArrival = 64;

    /// <summary>An open case: its progress and its next steps on the agenda.</summary>
    public const long BytesPerOpenCase = 2 * 1024;

    /// <summary>How many days of reports are open at once, at most (most close within a week or two).</summary>
    public const int OpenDays = 10;

    /// <summary>Estimates the peak memory of a run, with the part that dominates it in words.</summary>
    public static (long Bytes, string Breakdown) Estimate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reports = (long)options.Days * options.CasesPerDay;
        var open = (long)Math.Min(options.Days, OpenDays) * options.CasesPerDay;
        var inMemory = options.Store == SimulationStore.Memory || (options.Store == SimulationStore.Sqlite && options.Database is null);
        var perReport = inMemory ? InMemoryStoreBytesPerReport : FileStoreBytesPerReport;
        var bytes = BaseBytes + (inMemory ? 0 : FileStoreCacheBytes)
                    + (options.CasesPerDay * AgendaBytesPerArrival) + (open * BytesPerOpenCase) + (reports * perReport);
        var where = options.Store == SimulationStore.Memory ? "the in-memory store"
            : inMemory ? "the in-memory SQLite store"
            : options.Store == SimulationStore.Postgres ? "PostgreSQL (only the mediation ledger's hand-offs stay in memory)"
            : "a SQLite file (only the mediation ledger's hand-offs stay in memory)";
        var breakdown = string.Create(CultureInfo.InvariantCulture,
            $"{reports:N0} reports at about {Size(perReport)} each in {where}, up to {open:N0} open cases at about {Size(BytesPerOpenCase)}");
        return (bytes, breakdown);
    }

    /// <summary>Refuses a run whose estimate exceeds nine tenths of <paramref name="availableBytes"/>.</summary>
    /// <exception cref="CliException">The run cannot fit; the message gives the estimate and what to change.</exception>
    public static void Check(SimulationOptions options, long availableBytes)
    {
        var (bytes, breakdown) = Estimate(options);
        if (bytes > availableBytes / 10 * 9)
        {
            var advice = options.Database is null
                ? "keep the cases on disk with --database FILE, or simulate fewer days or fewer reports a day"
                : "simulate fewer days or fewer reports a day";
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"this run would need about {Size(bytes)} of memory ({breakdown}) and {Size(availableBytes)} is available: {advice}. Nothing was run."));
        }
    }

    /// <summary>The memory this process may use: the machine's, or its container's limit.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 40 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 40):0.#} TB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}

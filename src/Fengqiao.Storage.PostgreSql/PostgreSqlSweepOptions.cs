using NodaTime;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>Who a sweeper is and how it claims due cases (<see cref="PostgreSqlCaseStore.ForSweeper"/>).</summary>
/// <threadsafety>Immutable once built; safe to share across threads.</threadsafety>
public sealed class PostgreSqlSweepOptions
{
    /// <summary>Gets the sweeper's name, unique among the nodes sharing the database (for example the host name and a
    /// number); it is written on the cases it claims. Required; 1 to 200 characters.</summary>
    public required string Sweeper { get; init; }

    /// <summary>Gets the clock the claims' leases are measured by. Required (usually <c>SystemClock.Instance</c>).</summary>
    /// <remarks>Leases compare instants written by different nodes: keep the nodes' clocks in step (NTP) to well
    /// within <see cref="Lease"/>.</remarks>
    public required IClock Clock { get; init; }

    /// <summary>Gets how long a claim holds a case against other sweepers. Default five minutes; one second to one day.</summary>
    /// <remarks>A sweeper that dies holding claims delays those cases by at most this long; then another sweeper takes
    /// them. A claim outliving its lease while its sweeper still works cannot cause a double action: the case's
    /// optimistic version lets only one of the two appends through.</remarks>
    public Duration Lease { get; init; } = Duration.FromMinutes(5);

    /// <summary>Gets how many due cases one claim takes. Default 200; 1 to 100,000.</summary>
    /// <remarks>Smaller batches spread the work more evenly between sweepers; larger ones make fewer round trips.</remarks>
    public int BatchSize { get; init; } = 200;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Sweeper, nameof(Sweeper));
        if (Sweeper.Length > 200)
        {
            throw new ArgumentException($"The sweeper name is {Sweeper.Length} characters long; at most 200 are allowed.", nameof(Sweeper));
        }

        ArgumentNullException.ThrowIfNull(Clock, nameof(Clock));
        if (Lease < Duration.FromSeconds(1) || Lease > Duration.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Lease), Lease, "The lease must be between one second and one day.");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be between 1 and 100,000.");
        }
    }
}

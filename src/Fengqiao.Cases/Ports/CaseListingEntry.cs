using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases.Ports;

/// <summary>One case as a listing shows it: the fields staff lists filter and sort on, with no personal data.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Version">The version the entry was projected from.</param>
/// <param name="State">The case's state.</param>
/// <param name="HoldingUnit">The unit holding it, if any.</param>
/// <param name="Worker">The worker who claimed it, if any.</param>
/// <param name="Category">Its category.</param>
/// <param name="Grid">The grid it was reported in.</param>
/// <param name="RegisteredAt">When it was registered.</param>
/// <param name="OverdueFrom">The earliest deadline among its running clocks, or null when no clock runs.</param>
/// <remarks>Load the case (<see cref="ICaseStore.LoadAsync"/>) for anything else; a listing is a projection and may be
/// a version behind by the time the case is loaded.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseListingEntry(
    CaseId Id,
    long Version,
    CaseState State,
    OrgUnitId? HoldingUnit,
    ActorId? Worker,
    CaseCategory Category,
    OrgUnitId Grid,
    Instant RegisteredAt,
    Instant? OverdueFrom)
{
    /// <summary>Gets the entry's keyset position: the continuation that lists the cases after it.</summary>
    public CaseListingToken Position => new(RegisteredAt, Id);

    /// <summary>Projects a case to its listing entry, as every store does on append.</summary>
    /// <param name="snapshot">The case.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static CaseListingEntry From(Case snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Instant? overdueFrom = null;
        foreach (var clock in snapshot.Clocks.Values)
        {
            if (clock.State == SlaClockState.Running && (overdueFrom is null || clock.Deadline < overdueFrom))
            {
                overdueFrom = clock.Deadline;
            }
        }

        return new(snapshot.Id, snapshot.Version, snapshot.State, snapshot.HoldingUnit, snapshot.Worker,
            snapshot.Report.Category, snapshot.Report.Location.Grid, snapshot.RegisteredAt, overdueFrom);
    }

    /// <summary>Tells whether the case is overdue at an instant: a running clock's deadline is at or before it.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>Whether it is overdue then.</returns>
    public bool IsOverdueAt(Instant at) => OverdueFrom is { } from && from <= at;
}

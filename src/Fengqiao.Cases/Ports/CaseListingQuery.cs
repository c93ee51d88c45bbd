using Fengqiao.Cases.CaseLifecycle;
using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases.Ports;

/// <summary>What to list or count through <see cref="ICaseListing"/>: every filter given must match (AND); a filter
/// left null or empty matches every case.</summary>
/// <remarks>
/// <para><see cref="OverdueAt"/> matches a case with a running clock whose deadline is at or before that instant
/// (<see cref="CaseListingEntry.OverdueFrom"/>); paused and stopped clocks never make a case overdue here.</para>
/// <para>The registration range is half-open: <see cref="RegisteredFrom"/> included, <see cref="RegisteredBefore"/>
/// excluded. Superstates (<see cref="CaseState.Open"/>, <see cref="CaseState.Handling"/>) are not stored states: list
/// the states they cover.</para>
/// </remarks>
/// <threadsafety>Immutable once built (init-only properties); safe to share across threads.</threadsafety>
public sealed record CaseListingQuery
{
    /// <summary>The largest page a store returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The most units <see cref="HoldingUnits"/> may name.</summary>
    public const int MaxHoldingUnits = 1_000;

    /// <summary>Gets the unit holding the cases (承办单位), or null for any.</summary>
    public OrgUnitId? HoldingUnit { get; init; }

    /// <summary>Gets the units any of which may hold the cases (a worklist over a unit and the units under it); empty
    /// (the default) for any.</summary>
    /// <value>At most <see cref="MaxHoldingUnits"/> units; repeats are ignored. A case held by no unit never matches a
    /// non-empty set. Given together with <see cref="HoldingUnit"/>, both must match.</value>
    public ImmutableArray<OrgUnitId> HoldingUnits { get; init; } = [];

    /// <summary>Gets the worker who claimed the cases (承办人), or null for any.</summary>
    public ActorId? Worker { get; init; }

    /// <summary>Gets the states to match; empty (the default) for any.</summary>
    public ImmutableArray<CaseState> States { get; init; } = [];

    /// <summary>Gets the category, or null for any.</summary>
    public CaseCategory? Category { get; init; }

    /// <summary>Gets the grid (网格) the cases were reported in, or null for any.</summary>
    public OrgUnitId? Grid { get; init; }

    /// <summary>Gets the instant at which matched cases must be overdue, or null to ignore deadlines.</summary>
    public Instant? OverdueAt { get; init; }

    /// <summary>Gets the earliest registration instant matched (inclusive), or null.</summary>
    public Instant? RegisteredFrom { get; init; }

    /// <summary>Gets the registration instant from which cases no longer match (exclusive), or null.</summary>
    public Instant? RegisteredBefore { get; init; }

    /// <summary>Gets the largest number of entries on a page.</summary>
    /// <value>Defaults to 50; from 1 to <see cref="MaxPageSize"/>.</value>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the continuation of the previous page (<see cref="CaseListingPage.Continuation"/>), or null for the first page.</summary>
    public CaseListingToken? After { get; init; }

    /// <summary>Checks the query, naming every problem at once.</summary>
    /// <exception cref="ArgumentException">The page size is out of range, the registration range is empty or
    /// reversed, a state is a superstate, or more than <see cref="MaxHoldingUnits"/> holding units are given; the
    /// message lists every problem and the parameter is <c>query</c>.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (PageSize is < 1 or > MaxPageSize)
        {
            problems.Add($"PageSize must be from 1 to {MaxPageSize}, not {PageSize}");
        }

        if (RegisteredFrom is { } from && RegisteredBefore is { } before && before <= from)
        {
            problems.Add($"RegisteredBefore ({before}) must be after RegisteredFrom ({from})");
        }

        foreach (var state in States.IsDefault ? [] : States)
        {
            if (state is CaseState.Open or CaseState.Handling || !Enum.IsDefined(state))
            {
                problems.Add($"States holds {state}, which no case is stored in (list the states a superstate covers)");
            }
        }

        if (States.IsDefault)
        {
            problems.Add("States is a default array; use an empty one for any state");
        }

        if (HoldingUnits.IsDefault)
        {
            problems.Add("HoldingUnits is a default array; use an empty one for any unit");
        }
        else if (HoldingUnits.Length > MaxHoldingUnits)
        {
            problems.Add($"HoldingUnits names {HoldingUnits.Length} units, more than {MaxHoldingUnits}");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The case listing query has {problems.Count} problem(s): {string.Join("; ", problems)}.", "query");
        }
    }

    /// <summary>Tells whether a case's listing entry matches every filter (paging aside).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether it matches.</returns>
    /// <remarks>The reference semantics every store implements; the in-memory store filters with it.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public bool Matches(CaseListingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (HoldingUnit is not { } unit || entry.HoldingUnit == unit)
            && (HoldingUnits.IsDefaultOrEmpty || (entry.HoldingUnit is { } holder && HoldingUnits.Contains(holder)))
            && (Worker is not { } worker || entry.Worker == worker)
            && (States.IsDefaultOrEmpty || States.Contains(entry.State))
            && (Category is not { } category || entry.Category == category)
            && (Grid is not { } grid || entry.Grid == grid)
            && (OverdueAt is not { } at || entry.IsOverdueAt(at))
            && (RegisteredFrom is not { } from || entry.RegisteredAt >= from)
            && (RegisteredBefore is not { } before || entry.RegisteredAt < before);
    }
}

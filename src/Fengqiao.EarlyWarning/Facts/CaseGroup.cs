using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.EarlyWarning.Facts;

/// <summary>
/// The recent cases of one grid, township, person or employer: the fact shape that lets one event touch only its own
/// groups in the session, instead of joining every case with every other.
/// </summary>
/// <remarks>
/// <para>The engine keeps one group per (<see cref="Kind"/>, <see cref="Key"/>) and updates it in the session when a
/// case joins it; <see cref="Cases"/> holds the cases registered within the engine's retention (the longest window of
/// any rule, at least 366 days) before <see cref="LatestAt"/>, oldest first. Windows are counted back from
/// <see cref="LatestAt"/>, never from a clock, so the same events always give the same warnings.</para>
/// <para>Rules read a group; only the engine changes it. Each change replaces <see cref="Cases"/> with a new immutable
/// array, so a rule's action that keeps the array it saw keeps a consistent view.</para>
/// </remarks>
/// <threadsafety>Read from the engine's thread (the session's actions run there); the engine serialises every change.</threadsafety>
public sealed class CaseGroup
{
    internal CaseGroup(CaseGroupKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    /// <summary>Gets what the group gathers cases by.</summary>
    public CaseGroupKind Kind { get; }

    /// <summary>Gets the grid or township id, the person key or the employer name.</summary>
    public string Key { get; }

    /// <summary>Gets the group's recent cases, oldest first.</summary>
    public ImmutableArray<CaseFact> Cases { get; private set; } = [];

    /// <summary>Gets the registration instant of the newest case, or <see cref="Instant.MinValue"/> while the group is empty.</summary>
    public Instant LatestAt => Cases.IsEmpty ? Instant.MinValue : Cases[^1].RegisteredAt;

    /// <summary>Gets the newest case, or <see langword="null"/> while the group is empty.</summary>
    public CaseFact? Latest => Cases.IsEmpty ? null : Cases[^1];

    /// <summary>Gets the cases registered within a window that ends at <see cref="LatestAt"/>, optionally of some categories only.</summary>
    /// <param name="window">The window, counted back from <see cref="LatestAt"/> (the boundary instant included).</param>
    /// <param name="categories">The categories that count; empty or <see langword="null"/> for all.</param>
    /// <returns>The matching cases, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public ImmutableArray<CaseFact> Within(Duration window, IReadOnlyCollection<Fengqiao.Cases.CaseCategory>? categories = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, Duration.Zero);
        if (Cases.IsEmpty)
        {
            return [];
        }

        var from = LatestAt - window;
        var result = ImmutableArray.CreateBuilder<CaseFact>();
        for (var i = Cases.Length - 1; i >= 0 && Cases[i].RegisteredAt >= from; i--)
        {
            if (categories is null || categories.Count == 0 || categories.Contains(Cases[i].Category))
            {
                result.Add(Cases[i]);
            }
        }

        result.Reverse();
        return result.ToImmutable();
    }

    /// <summary>Describes the group.</summary>
    /// <returns>For example <c>Grid grid-017 (3 cases)</c>.</returns>
    public override string ToString() => $"{Kind} {Key} ({Cases.Length} cases)";

    internal void Add(CaseFact fact, Duration retention)
    {
        var builder = ImmutableArray.CreateBuilder<CaseFact>(Cases.Length + 1);
        var latest = fact.RegisteredAt > LatestAt ? fact.RegisteredAt : LatestAt;
        var from = latest - retention;
        foreach (var c in Cases)
        {
            if (c.RegisteredAt >= from && (c.Id != fact.Id || c.RegisteredAt != fact.RegisteredAt))
            {
                builder.Add(c);
            }
        }

        // Events arrive in order almost always; insert in place when one does not.
        var at = builder.Count;
        while (at > 0 && builder[at - 1].RegisteredAt > fact.RegisteredAt)
        {
            at--;
        }

        builder.Insert(at, fact);
        Cases = builder.ToImmutable();
    }
}

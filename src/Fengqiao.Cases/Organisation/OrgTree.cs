using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Fengqiao.Cases.Organisation;

/// <summary>
/// An immutable, validated org tree held in memory: the directory a single-process host, a county profile or a
/// test uses. Build one with <see cref="OrgTreeBuilder"/>.
/// </summary>
/// <threadsafety>Immutable; all members are safe to call concurrently.</threadsafety>
public sealed class OrgTree : IOrgDirectory
{
    private readonly FrozenDictionary<OrgUnitId, OrgUnit> units;
    private readonly FrozenDictionary<OrgUnitId, ImmutableArray<OrgUnit>> children;
    private readonly FrozenDictionary<ActorId, ImmutableArray<OrgUnitId>> unitsOfMember;

    internal OrgTree(ImmutableArray<OrgUnit> ordered)
    {
        Units = ordered;
        units = ordered.ToFrozenDictionary(u => u.Id);
        children = ordered
            .Where(u => u.Parent is not null)
            .GroupBy(u => u.Parent!.Value)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        unitsOfMember = ordered
            .SelectMany(u => u.Members.Select(m => (m.Id, u.Id)))
            .GroupBy(p => p.Item1)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Item2).ToImmutableArray());
        Roots = ordered.Where(u => u.Parent is null).ToImmutableArray();
    }

    /// <summary>Gets every unit, in the order they were added.</summary>
    public ImmutableArray<OrgUnit> Units { get; }

    /// <summary>Gets the units without a parent.</summary>
    public ImmutableArray<OrgUnit> Roots { get; }

    /// <summary>Finds a unit.</summary>
    /// <returns>The unit, or <see langword="null"/> when the id is unknown.</returns>
    public OrgUnit? Find(OrgUnitId id) => units.GetValueOrDefault(id);

    /// <summary>Gets a unit that must exist.</summary>
    /// <exception cref="UnknownOrgUnitException">No unit has that id.</exception>
    public OrgUnit Get(OrgUnitId id) =>
        units.TryGetValue(id, out var unit) ? unit : throw new UnknownOrgUnitException(id);

    /// <summary>Gets the units directly below <paramref name="id"/>.</summary>
    public ImmutableArray<OrgUnit> ChildrenOf(OrgUnitId id) =>
        children.TryGetValue(id, out var list) ? list : [];

    /// <summary>Gets the chain from <paramref name="id"/> up to its root, the unit itself first.</summary>
    /// <exception cref="UnknownOrgUnitException">No unit has that id.</exception>
    public ImmutableArray<OrgUnit> PathToRoot(OrgUnitId id)
    {
        var path = ImmutableArray.CreateBuilder<OrgUnit>();
        for (OrgUnitId? current = id; current is { } c; current = path[^1].Parent)
        {
            path.Add(Get(c));
        }

        return path.ToImmutable();
    }

    /// <summary>Gets whether <paramref name="ancestor"/> is <paramref name="unit"/> or lies above it.</summary>
    /// <exception cref="UnknownOrgUnitException">Either id is unknown.</exception>
    public bool IsWithin(OrgUnitId unit, OrgUnitId ancestor)
    {
        _ = Get(ancestor);
        return PathToRoot(unit).Any(u => u.Id == ancestor);
    }

    /// <summary>Gets the units a person is a member of.</summary>
    public ImmutableArray<OrgUnitId> UnitsOf(ActorId member) =>
        unitsOfMember.TryGetValue(member, out var list) ? list : [];

    /// <inheritdoc />
    public ValueTask<OrgUnit?> FindUnitAsync(OrgUnitId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Find(id));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OrgUnit>> GetChildrenAsync(OrgUnitId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<OrgUnit>>(ChildrenOf(id));
    }
}

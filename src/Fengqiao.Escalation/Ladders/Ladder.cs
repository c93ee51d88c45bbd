using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Ladders;

/// <summary>
/// An escalation ladder (升级阶梯): the ordered levels a case climbs when the level holding it cannot resolve it
/// or lets it run overdue, bottom first. Bind it to a county's org units with <see cref="Resolve"/>.
/// </summary>
/// <remarks>
/// Built-in ladders are in <see cref="BuiltInLadders"/>; a county defines its own with this constructor or in its profile.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class Ladder
{
    /// <summary>Creates and validates a ladder.</summary>
    /// <param name="key">The ladder's key, e.g. <c>default</c> or <c>baiyin</c>.</param>
    /// <param name="name">The display name.</param>
    /// <param name="levels">The levels, bottom first; at least one, keys unique.</param>
    /// <exception cref="LadderDefinitionException">The key or a level is empty, or level keys repeat.</exception>
    public Ladder(string key, string name, IEnumerable<LadderLevel> levels)
    {
        Key = key ?? "";
        Name = name ?? "";
        Levels = [.. levels ?? []];
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Key))
        {
            problems.Add("the ladder has no key");
        }

        if (Levels.IsEmpty)
        {
            problems.Add("the ladder has no levels");
        }

        for (var i = 0; i < Levels.Length; i++)
        {
            var level = Levels[i];
            if (level is null || string.IsNullOrWhiteSpace(level.Key))
            {
                problems.Add($"level {i + 1} has no key");
                continue;
            }

            if (Levels.Take(i).Any(l => l?.Key == level.Key))
            {
                problems.Add($"level key '{level.Key}' is used more than once");
            }

            if (level.Kinds.IsDefault)
            {
                problems.Add($"level '{level.Key}' has no kinds list (use an empty one to bind by tag only)");
            }
        }

        if (problems.Count > 0)
        {
            throw new LadderDefinitionException(Key, problems);
        }
    }

    /// <summary>Gets the ladder's key.</summary>
    public string Key { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the levels, bottom first.</summary>
    public ImmutableArray<LadderLevel> Levels { get; }

    /// <summary>Gets the position of a level, 0 at the bottom.</summary>
    /// <returns>The index, or -1 when the ladder has no such level.</returns>
    public int IndexOf(string levelKey)
    {
        for (var i = 0; i < Levels.Length; i++)
        {
            if (Levels[i].Key == levelKey)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Binds every level to the org unit that serves at it for a case starting at <paramref name="start"/>.
    /// </summary>
    /// <param name="tree">The county's org tree.</param>
    /// <param name="start">The case's grid, or the unit that first held it.</param>
    /// <param name="choose">
    /// Optionally picks the unit for a level that is not on the start unit's chain, e.g. the functional department
    /// for the case's category; return <see langword="null"/> to let the default resolution run.
    /// </param>
    /// <returns>The resolved path, one step per level.</returns>
    /// <remarks>
    /// For each level, bottom first: the unit <paramref name="choose"/> names; else the nearest unit on the chain
    /// from <paramref name="start"/> up to the root that serves at the level; else the only unit in the tree that
    /// serves at it. A level binds only to units above the previous level's unit on the chain, so a higher level never
    /// binds below a lower one.
    /// </remarks>
    /// <exception cref="UnknownOrgUnitException"><paramref name="start"/> or a chosen unit is not in the tree.</exception>
    /// <exception cref="LadderResolutionException">
    /// A level has no unit, or several off the chain and none chosen; a chosen unit does not serve at its level; the
    /// chain contradicts the ladder's order; or one unit would serve at two levels. The message names the ladder, the
    /// level and the start unit.
    /// </exception>
    public LadderPath Resolve(OrgTree tree, OrgUnitId start, Func<LadderLevel, OrgUnitId?>? choose = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var chain = tree.PathToRoot(start);
        var steps = ImmutableArray.CreateBuilder<LadderStep>(Levels.Length);
        var lastChainPosition = -1;
        for (var i = 0; i < Levels.Length; i++)
        {
            var level = Levels[i];
            OrgUnit unit;
            if (choose?.Invoke(level) is { } chosen)
            {
                unit = tree.Get(chosen);
                if (!level.IsServedBy(unit))
                {
                    throw new LadderResolutionException(
                        $"Ladder '{Key}', level '{level.Key}': the chosen unit '{chosen}' ({unit.Kind}) does not serve at this level (resolving for '{start}').");
                }
            }
            else
            {
                var position = -1;
                for (var c = lastChainPosition + 1; c < chain.Length; c++)
                {
                    if (level.IsServedBy(chain[c]))
                    {
                        position = c;
                        break;
                    }
                }

                if (position >= 0)
                {
                    lastChainPosition = position;
                    unit = chain[position];
                }
                else
                {
                    var used = steps.Select(s => s.Unit.Id).ToHashSet();
                    var candidates = tree.Units.Where(u => level.IsServedBy(u) && !used.Contains(u.Id) && !chain.Contains(u)).ToList();
                    var below = chain.Take(lastChainPosition + 1).FirstOrDefault(u => level.IsServedBy(u) && !used.Contains(u.Id));
                    unit = candidates.Count switch
                    {
                        1 => candidates[0],
                        0 when below is not null => throw new LadderResolutionException(
                            $"Ladder '{Key}', level '{level.Key}': unit '{below.Id}' sits below the unit of a lower level on the chain of '{start}'; the org tree contradicts the ladder's order."),
                        0 => throw new LadderResolutionException(
                            $"Ladder '{Key}', level '{level.Key}': no org unit serves at this level (resolving for '{start}'); tag a unit '{level.Key}' or give it one of the kinds {string.Join(", ", level.Kinds)}."),
                        _ => throw new LadderResolutionException(
                            $"Ladder '{Key}', level '{level.Key}': {candidates.Count} units serve at this level and none is above '{start}' ({string.Join(", ", candidates.Take(5).Select(c => c.Id))}…); choose one for the case."),
                    };
                }
            }

            if (steps.Any(s => s.Unit.Id == unit.Id))
            {
                throw new LadderResolutionException(
                    $"Ladder '{Key}': unit '{unit.Id}' would serve at both level '{steps.First(s => s.Unit.Id == unit.Id).Level.Key}' and level '{level.Key}' (resolving for '{start}').");
            }

            steps.Add(new LadderStep(i, level, unit));
        }

        return new LadderPath(this, start, steps.MoveToImmutable());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Key} ({Levels.Length} levels)";
}

using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// A random escalation ladder of 2–7 levels (<c>l0</c> … <c>l6</c>) bound to a random org tree — one top post, 1–3
/// branches under it, each with a unit per level (level 0 a grid) and 0–2 untagged filler posts between levels — with the
/// escalation rules' levels (must-start-high, wage arrears, repeat target) set on it. For properties of ladders and
/// escalation rules over shapes that <see cref="OrgLadder"/> (a street/community/grid county) does not take.
/// </summary>
/// <remarks>Built by <see cref="Create"/> from its recipe, which <see cref="ToString"/> prints as the C# that rebuilds it
/// (the shrunk value of a failing property); <see cref="FengqiaoArbitraries.LadderCounties"/> generates and shrinks them.</remarks>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record LadderCounty
{
    private LadderCounty(int levels, ImmutableArray<int> fillers, int branches, int branch, int startHigh, int wages, int repeat, Ladder ladder, OrgTree tree, LadderPath path, EscalationRuleOptions options)
    {
        Levels = levels;
        Fillers = fillers;
        Branches = branches;
        Branch = branch;
        StartHigh = startHigh;
        Wages = wages;
        Repeat = repeat;
        Ladder = ladder;
        Tree = tree;
        Path = path;
        Options = options;
    }

    /// <summary>Gets the instant escalation facts for these counties are taken at: Monday 2 March 2026, 09:00 in Beijing (a working morning).</summary>
    public static Instant FactsAsOf { get; } = Instant.FromUtc(2026, 3, 2, 1, 0);

    /// <summary>Gets the number of ladder levels (2–7).</summary>
    public int Levels { get; }

    /// <summary>Gets the filler posts above each level (index = level), 0–2 each.</summary>
    public ImmutableArray<int> Fillers { get; }

    /// <summary>Gets the number of branches under the top post (1–3).</summary>
    public int Branches { get; }

    /// <summary>Gets the branch whose grid <see cref="Path"/> starts from.</summary>
    public int Branch { get; }

    /// <summary>Gets the level must-start-high matters go to.</summary>
    public int StartHigh { get; }

    /// <summary>Gets the level wage-arrears matters go to.</summary>
    public int Wages { get; }

    /// <summary>Gets the level repeat reports go to, or -1 for none.</summary>
    public int Repeat { get; }

    /// <summary>Gets the ladder (<c>random-N</c>).</summary>
    public Ladder Ladder { get; }

    /// <summary>Gets the org tree the ladder is bound to.</summary>
    public OrgTree Tree { get; }

    /// <summary>Gets the ladder resolved from branch <see cref="Branch"/>'s grid.</summary>
    public LadderPath Path { get; }

    /// <summary>Gets the escalation rule options set on the ladder's levels.</summary>
    public EscalationRuleOptions Options { get; }

    /// <summary>Builds a county from its recipe.</summary>
    /// <param name="levels">The number of levels, 2–7.</param>
    /// <param name="fillers">The filler posts above each level below the top (at least <paramref name="levels"/> − 1 entries, each 0–2).</param>
    /// <param name="branches">The branches, 1–3.</param>
    /// <param name="branch">The branch the path starts from, below <paramref name="branches"/>.</param>
    /// <param name="startHigh">The must-start-high level, below <paramref name="levels"/>.</param>
    /// <param name="wages">The wage-arrears level, below <paramref name="levels"/>.</param>
    /// <param name="repeat">The repeat-target level below <paramref name="levels"/>, or -1.</param>
    /// <returns>The county.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of its range (the message names it).</exception>
    public static LadderCounty Create(int levels, ImmutableArray<int> fillers, int branches, int branch, int startHigh, int wages, int repeat)
    {
        Check(levels is >= 2 and <= 7, nameof(levels), levels, "2–7");
        Check(!fillers.IsDefault && fillers.Length >= levels - 1 && fillers.All(f => f is >= 0 and <= 2), nameof(fillers), fillers.IsDefault ? 0 : fillers.Length, $"at least {levels - 1} entries of 0–2");
        Check(branches is >= 1 and <= 3, nameof(branches), branches, "1–3");
        Check(branch >= 0 && branch < branches, nameof(branch), branch, $"0–{branches - 1}");
        Check(startHigh >= 0 && startHigh < levels, nameof(startHigh), startHigh, $"0–{levels - 1}");
        Check(wages >= 0 && wages < levels, nameof(wages), wages, $"0–{levels - 1}");
        Check(repeat >= -1 && repeat < levels, nameof(repeat), repeat, $"-1–{levels - 1}");
        var keys = Enumerable.Range(0, levels).Select(i => $"l{i}").ToArray();
        var ladder = new Ladder(
            $"random-{levels}",
            "random ladder",
            keys.Select((k, i) => new LadderLevel(k, $"Level {i}", i == 0 ? [OrgUnitKind.Grid] : ImmutableArray<OrgUnitKind>.Empty)));
        var builder = new OrgTreeBuilder();
        var top = new OrgUnitId("top");
        builder.AddUnit(top, "top", OrgUnitKind.Post, null, [keys[^1]]);
        for (var b = 0; b < branches; b++)
        {
            var parent = top;
            for (var i = levels - 2; i >= 0; i--)
            {
                for (var f = 0; f < fillers[i]; f++)
                {
                    var filler = new OrgUnitId($"b{b}-f{i}-{f}");
                    builder.AddUnit(filler, "filler", OrgUnitKind.Post, parent);
                    parent = filler;
                }

                var unit = new OrgUnitId($"b{b}-l{i}");
                builder.AddUnit(unit, $"branch {b} level {i}", i == 0 ? OrgUnitKind.Grid : OrgUnitKind.Post, parent, i == 0 ? null : [keys[i]]);
                parent = unit;
            }
        }

        var tree = builder.Build();
        var path = ladder.Resolve(tree, new OrgUnitId($"b{branch}-l0"));
        var options = new EscalationRuleOptions
        {
            MustStartHighLevel = keys[startHigh],
            WageArrearsLevel = keys[wages],
            RepeatTargetLevel = repeat < 0 ? null : keys[repeat],
        };
        return new LadderCounty(levels, fillers, branches, branch, startHigh, wages, repeat, ladder, tree, path, options);
    }

    /// <inheritdoc/>
    public bool Equals(LadderCounty? other) =>
        other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Prints the recipe as the C# that rebuilds the county.</summary>
    /// <returns>The C# expression.</returns>
    public override string ToString() =>
        $"LadderCounty.Create({Levels}, [{string.Join(", ", Fillers)}], {Branches}, {Branch}, {StartHigh}, {Wages}, {Repeat})";

    private static void Check(bool ok, string name, object value, string range)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be {range}.");
        }
    }
}

using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Ladders;

/// <summary>
/// A ladder resolved for one starting unit (a case's grid or holding unit): the chain of units that take the case
/// over, level by level, from the bottom to the top.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class LadderPath
{
    internal LadderPath(Ladder ladder, OrgUnitId start, ImmutableArray<LadderStep> steps)
    {
        Ladder = ladder;
        Start = start;
        Steps = steps;
    }

    /// <summary>Gets the ladder this path was resolved from.</summary>
    public Ladder Ladder { get; }

    /// <summary>Gets the unit the path was resolved for.</summary>
    public OrgUnitId Start { get; }

    /// <summary>Gets the steps, one per ladder level, bottom first.</summary>
    public ImmutableArray<LadderStep> Steps { get; }

    /// <summary>Gets the top step: where escalation stops.</summary>
    public LadderStep Top => Steps[^1];

    /// <summary>Finds the step a unit serves at on this path.</summary>
    /// <returns>The step, or <see langword="null"/> when the unit is not on this path.</returns>
    public LadderStep? StepOf(OrgUnitId unit)
    {
        foreach (var step in Steps)
        {
            if (step.Unit.Id == unit)
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>Finds the step for a level key.</summary>
    /// <exception cref="KeyNotFoundException">The ladder has no level with that key.</exception>
    public LadderStep StepAt(string levelKey) =>
        Steps.FirstOrDefault(s => s.Level.Key == levelKey)
        ?? throw new KeyNotFoundException($"Ladder '{Ladder.Key}' has no level '{levelKey}'.");

    /// <summary>Gets the step directly above the one <paramref name="holder"/> serves at.</summary>
    /// <param name="holder">The unit holding the case now.</param>
    /// <returns>The next step up, or <see langword="null"/> when <paramref name="holder"/> is at the top.</returns>
    /// <exception cref="LadderResolutionException"><paramref name="holder"/> is not on this path.</exception>
    public LadderStep? Above(OrgUnitId holder)
    {
        var step = StepOf(holder)
            ?? throw new LadderResolutionException(
                $"Unit '{holder}' is not on ladder '{Ladder.Key}' as resolved for '{Start}' ({Describe()}): it cannot escalate along it.");
        return step.Index + 1 < Steps.Length ? Steps[step.Index + 1] : null;
    }

    /// <summary>Renders the path on one line, e.g. <c>grid: grid-001 → community: community-a → …</c>.</summary>
    public string Describe() => string.Join(" → ", Steps.Select(s => $"{s.Level.Key}: {s.Unit.Id}"));

    /// <inheritdoc />
    public override string ToString() => Describe();
}

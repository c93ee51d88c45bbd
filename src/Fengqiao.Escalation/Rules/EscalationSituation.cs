using Fengqiao.Escalation.Ladders;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// What escalation rules read: a case's <see cref="EscalationFacts"/> together with its resolved
/// <see cref="LadderPath"/>, and where the holding and closing units stand on that path.
/// </summary>
/// <remarks>
/// <para><see cref="EscalationPolicy"/> creates one for each decision after checking that the holder (and the closer,
/// if any) are on the path, so a rule can ask "is the holder below the task force?" or "is it at the top?" as a named
/// condition part and a trace shows the answer.</para>
/// <para>Write county rules against it with <see cref="Fengqiao.Rules.Condition"/> parts; the helpers here throw
/// <see cref="KeyNotFoundException"/> for a level the ladder does not have, which the rule set reports as a
/// rule evaluation error naming the rule and the part.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class EscalationSituation
{
    internal EscalationSituation(EscalationFacts facts, LadderPath path, LadderStep holderStep, LadderStep? closerStep)
    {
        Facts = facts;
        Path = path;
        HolderStep = holderStep;
        CloserStep = closerStep;
    }

    /// <summary>Gets the case's facts.</summary>
    public EscalationFacts Facts { get; }

    /// <summary>Gets the case's ladder path.</summary>
    public LadderPath Path { get; }

    /// <summary>Gets the step of the holding unit on the path.</summary>
    public LadderStep HolderStep { get; }

    /// <summary>Gets the step of the closing unit on the path, or null while the case is open.</summary>
    public LadderStep? CloserStep { get; }

    /// <summary>Gets whether the holding unit is at the top of the ladder (nowhere further to escalate).</summary>
    public bool HolderAtTop => HolderStep.Index == Path.Steps.Length - 1;

    /// <summary>Tells whether the holding unit sits below a level of the ladder.</summary>
    /// <param name="level">The level key.</param>
    /// <returns>Whether the holder's step is strictly below the level.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="level"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The ladder has no such level; the message names the ladder.</exception>
    public bool HolderBelow(string level) => HolderStep.Index < IndexOf(level);

    /// <summary>Tells whether a level of the ladder is at or above the holding unit.</summary>
    /// <param name="level">The level key.</param>
    /// <returns>Whether the level's step is at or above the holder's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="level"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The ladder has no such level.</exception>
    public bool LevelAtOrAboveHolder(string level) => IndexOf(level) >= HolderStep.Index;

    /// <summary>Gets whether the case was closed by a unit below the top of the ladder (so it can reopen one above).</summary>
    public bool CloserBelowTop => CloserStep is { } closer && closer.Index < Path.Steps.Length - 1;

    /// <summary>Returns the facts and the holder's level.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Facts} [level {HolderStep.Level.Key} ({HolderStep.Index + 1} of {Path.Steps.Length}) on ladder '{Path.Ladder.Key}']";

    private int IndexOf(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var index = Path.Ladder.IndexOf(level);
        return index >= 0
            ? index
            : throw new KeyNotFoundException($"Ladder '{Path.Ladder.Key}' has no level '{level}' (case '{Facts.CaseId}'); its levels are {string.Join(", ", Path.Ladder.Levels.Select(l => l.Key))}.");
    }
}

namespace Fengqiao.Testing;

/// <summary>One way a stored case would have gone differently under a changed profile, with both explanations.</summary>
/// <param name="Aspect">What differs: <c>escalation</c>, <c>hand-off</c>, <c>deadline</c>, <c>action</c> (a person's
/// action the changed desk would refuse) or <c>report</c> (a joined report that would be a case of its own).</param>
/// <param name="Stored">What the store records, with its explanation (rule and facts, or limit and deadline).</param>
/// <param name="Replayed">What the changed profile would do, with its explanation.</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record ReplayDifference(string Aspect, string Stored, string Replayed)
{
    /// <summary>Gets the difference as three lines: the aspect, then the stored and the replayed explanation.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Aspect}:{Environment.NewLine}  stored:   {Stored}{Environment.NewLine}  replayed: {Replayed}";
}

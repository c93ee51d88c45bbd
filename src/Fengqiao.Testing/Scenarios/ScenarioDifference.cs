namespace Fengqiao.Testing;

/// <summary>One expectation of a scenario step that did not hold: the key, what the step expected and what the desk did.</summary>
/// <param name="Key">The expectation, such as <c>level</c>, <c>due</c> or <c>refused</c>.</param>
/// <param name="Expected">What the step expected, as written.</param>
/// <param name="Actual">What happened, in the same notation.</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record ScenarioDifference(string Key, string Expected, string Actual)
{
    /// <summary>Gets the difference as two aligned lines, <c>expected</c> then <c>actual</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Key}:{Environment.NewLine}  - expected: {Expected}{Environment.NewLine}  + actual:   {Actual}";
}

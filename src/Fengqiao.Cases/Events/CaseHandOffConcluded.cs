namespace Fengqiao.Cases.Events;

/// <summary>The hand-off concluded with an outcome (办结), recorded with the step it leads to on the case (a resolution or a hand-back).</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <param name="Outcome">The outcome's name in Fengqiao.Mediation (<c>HandOffOutcome</c>, e.g. <c>Agreement</c>), kept as text because this package does not know that type; not empty.</param>
/// <param name="Text">The agreement's terms or the mediation record (调解记录), or <see langword="null"/>.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffConcluded(string Key, string Outcome, string? Text = null) : CaseHandOffRecord(Key)
{
    /// <summary>Gets the outcome's name.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Outcome { get; init; } = string.IsNullOrWhiteSpace(Outcome) ? throw new ArgumentException("A conclusion needs an outcome.", nameof(Outcome)) : Outcome;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}

using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The current cycle was rated (评价).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Rate"/> step.</remarks>
/// <param name="Rating">The rating.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseRated(CaseRating Rating) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Rate;

    internal override CaseRating ArgumentRating => Rating;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Rating.ToString();
}

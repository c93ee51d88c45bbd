using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The case was merged into another open case about the same matter (合并).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Merge"/> step.</remarks>
/// <param name="Into">The case it joined.</param>
/// <param name="Reason">Why.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseMerged(CaseId Into, string Reason) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Merge;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Into.ToString();
}

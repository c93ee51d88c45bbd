using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The matter was withdrawn (撤回).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Withdraw"/> step.</remarks>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseWithdrawn(string? Reason = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Withdraw;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}

using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>Handling started (开始办理).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Start"/> step.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseStarted() : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Start;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}

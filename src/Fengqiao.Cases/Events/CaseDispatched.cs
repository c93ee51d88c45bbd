using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>The case was dispatched (转办/派单) to a unit.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Dispatch"/> step.</remarks>
/// <param name="Unit">The unit that holds it now.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseDispatched(OrgUnitId Unit) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Dispatch;

    internal override OrgUnitId? ArgumentUnit => Unit;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Unit.ToString();
}

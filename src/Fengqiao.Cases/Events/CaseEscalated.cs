using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>The case was escalated (升级) to a unit up the ladder.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Escalate"/> step.</remarks>
/// <param name="Unit">The unit that holds it now.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseEscalated(OrgUnitId Unit, string? Reason = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Escalate;

    internal override string? ArgumentText => Reason;

    internal override OrgUnitId? ArgumentUnit => Unit;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Unit.ToString();
}

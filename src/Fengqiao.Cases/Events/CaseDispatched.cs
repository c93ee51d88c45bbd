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

    /// <summary>Gets or initialises the relay level (接力层级) of the unit the case was dispatched to, when the case runs under relay budgets (<see cref="CaseSlaTerms.RelayBudgets"/>); otherwise <see langword="null"/>.</summary>
    /// <remarks>The desk records it (<see cref="Desk.CaseDeskOptions.RelayLevelOf"/>); the case's fold starts or resumes that level's budget clock (<see cref="CaseClockKind.Relay"/>). A level with no budget runs no level clock.</remarks>
    public string? RelayLevel { get; init; }

    internal override OrgUnitId? ArgumentUnit => Unit;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Unit.ToString();
}

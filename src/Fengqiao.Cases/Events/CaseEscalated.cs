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

    /// <summary>Gets or initialises the relay level (接力层级) of the unit the case was escalated to, when the case runs under relay budgets (<see cref="CaseSlaTerms.RelayBudgets"/>); otherwise <see langword="null"/>.</summary>
    /// <remarks>The desk records it (<see cref="Desk.CaseDeskOptions.RelayLevelOf"/>); the case's fold starts or resumes that level's budget clock (<see cref="CaseClockKind.Relay"/>). A level with no budget runs no level clock.</remarks>
    public string? RelayLevel { get; init; }

    internal override OrgUnitId? ArgumentUnit => Unit;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Unit.ToString();
}

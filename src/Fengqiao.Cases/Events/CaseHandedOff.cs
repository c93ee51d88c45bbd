using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>The case was handed off (移交) to a mediation or legal body.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.HandOff"/> step.</remarks>
/// <param name="Body">The body that has it now.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandedOff(OrgUnitId Body, string? Reason = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.HandOff;

    /// <summary>Gets or initialises the hand-off's terms (key, purpose, dispute type, sender…) as data, or <see langword="null"/> for a hand-off made without a ledger.</summary>
    public CaseHandOffTerms? Terms { get; init; }

    internal override string? ArgumentText => Reason;

    internal override OrgUnitId? ArgumentUnit => Body;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Body.ToString();
}

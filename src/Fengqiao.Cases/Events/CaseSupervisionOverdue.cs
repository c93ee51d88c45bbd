using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A tracked supervision (督办) went past its deadline while open; recorded once by the sweep, the state does not change.</summary>
/// <param name="Supervision">The supervision's sequence number on the case (1 for the first).</param>
/// <param name="Target">The unit it presses.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSupervisionOverdue(int Supervision, OrgUnitId Target) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"#{Supervision} {Target}";
}

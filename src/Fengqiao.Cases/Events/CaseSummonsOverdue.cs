using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A summoned department did not report in (报到) by its deadline; recorded once by the sweep, the state does not change.</summary>
/// <param name="Summons">The summons' sequence number on the case.</param>
/// <param name="Department">The department that did not report in.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSummonsOverdue(int Summons, OrgUnitId Department) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"#{Summons} {Department}";
}

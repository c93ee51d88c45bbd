
namespace Fengqiao.Cases.Events;

/// <summary>The policies ran cleanly again after a recorded <see cref="CasePolicyFailed"/>; the case no longer shows the failure.</summary>
/// <param name="Policy">The policy whose failure is cleared.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePolicyRecovered(string Policy) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Policy;
}

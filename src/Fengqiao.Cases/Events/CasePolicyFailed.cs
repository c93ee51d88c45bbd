
namespace Fengqiao.Cases.Events;

/// <summary>A policy failed after an accepted step (it threw, or the desk refused the action it asked for); recorded instead of failing the caller, and retried by the sweep.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Reason">What went wrong, naming the rule and the action when there was one.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePolicyFailed(string Policy, string Reason) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Policy;
}

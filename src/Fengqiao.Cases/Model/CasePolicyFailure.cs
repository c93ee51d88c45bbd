namespace Fengqiao.Cases;

/// <summary>A policy failure the desk recorded on a case (<see cref="Events.CasePolicyFailed"/>) instead of failing the caller's saved action.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Reason">What went wrong.</param>
/// <param name="At">When it was recorded.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePolicyFailure(string Policy, string Reason, NodaTime.Instant At);

using Fengqiao.Cases;

namespace Fengqiao.Testing;

/// <summary>What a store's verification found wrong with one case, or what a store refused a read for, in a form the
/// snapshot checks compare across stores (<see cref="ISnapshotTamper"/>).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The version the problem is at.</param>
/// <param name="Description">The store's description of the problem (a refusal's message).</param>
/// <param name="IsRepairable">Whether the store's repair can rebuild what is wrong from the events (false for a refusal).</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record StoredCaseProblem(CaseId CaseId, long Version, string Description, bool IsRepairable);

using System.Collections.Immutable;

namespace Fengqiao.Cases.Desk;

/// <summary>What one sweep did.</summary>
/// <param name="CasesSwept">How many due cases were looked at.</param>
/// <param name="EventsAppended">How many events the sweep and the policies it ran appended.</param>
/// <param name="Conflicts">The cases skipped because someone else changed them meanwhile (the next sweep takes them up).</param>
/// <param name="PolicyFailures">The policy failures, one per case; the sweep went on with the other cases.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SweepResult(int CasesSwept, int EventsAppended, ImmutableArray<CaseId> Conflicts, ImmutableArray<CasePolicyException> PolicyFailures);

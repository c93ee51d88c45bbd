using System.Collections.Immutable;
using Fengqiao.Cases.Desk;
using Fengqiao.Mediation.HandOffs;

namespace Fengqiao.Mediation.Desk;

/// <summary>What one <see cref="MediationDesk.SweepAsync"/> did: the desk's own sweep, the hand-offs the ledger flagged overdue, and the flags the desk refused.</summary>
/// <param name="Desk">The result of the case desk's sweep.</param>
/// <param name="Flagged">The ledger's <see cref="HandOffEventKind.FlaggedOverdue"/> events of this sweep, each recorded on its case as Supervise (督办).</param>
/// <param name="Failures">The desk's refusals of a Supervise for a flagged hand-off (for example, the case is no longer open); the flag stays in the ledger.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record MediationSweepResult(SweepResult Desk, ImmutableArray<HandOffEvent> Flagged, ImmutableArray<Exception> Failures);

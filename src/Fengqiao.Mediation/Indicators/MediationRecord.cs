using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Process;
using NodaTime;

namespace Fengqiao.Mediation.Indicators;

/// <summary>One mediation as the indicators read it: who mediated, how the dispute came, when it was accepted and how
/// and when it ended. Build it from the host's stored events (the CLI's simulation builds one per concluded hand-off).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Body">The mediation body.</param>
/// <param name="Mediator">The mediator, or <see langword="null"/> if never accepted.</param>
/// <param name="Route">The hand-off route it came by, or <see langword="null"/> for a direct application.</param>
/// <param name="AcceptedAt">When it was accepted, or <see langword="null"/> if never accepted.</param>
/// <param name="ConcludedAt">When it ended, or <see langword="null"/> while open.</param>
/// <param name="Outcome">How it ended, or <see langword="null"/> while open.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record MediationRecord(
    CaseId CaseId, OrgUnitId Body, ActorId? Mediator, HandOffRoute? Route, Instant? AcceptedAt, Instant? ConcludedAt,
    MediationOutcomeKind? Outcome);

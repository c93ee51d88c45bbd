using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Mediation.Process;

/// <summary>One step of a mediation, for the case history.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Body">The mediation body.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who acted (the system for a lapse).</param>
/// <param name="Text">The reason, note or session description, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record MediationEvent(CaseId CaseId, OrgUnitId Body, MediationEventKind Kind, Instant At, ActorId Actor, string? Text);

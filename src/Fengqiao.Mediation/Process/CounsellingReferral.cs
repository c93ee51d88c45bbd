using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Mediation.Process;

/// <summary>Psychological counselling (心理疏导) attached to a mediation.</summary>
/// <param name="At">When it was attached.</param>
/// <param name="Counsellor">The counsellor.</param>
/// <param name="Reason">Why (the county profile's trigger, the mediator's judgement).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record CounsellingReferral(Instant At, ActorId Counsellor, string Reason);

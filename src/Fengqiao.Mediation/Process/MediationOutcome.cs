using NodaTime;

namespace Fengqiao.Mediation.Process;

/// <summary>How and when a mediation ended, with the agreement's terms and the date it takes effect.</summary>
/// <param name="Kind">The kind of outcome.</param>
/// <param name="At">When the mediation ended.</param>
/// <param name="Terms">The agreement's terms (or the part agreed); required for an agreement or partial agreement.</param>
/// <param name="TakesEffect">When the agreement takes effect (协议生效, usually when all parties have signed);
/// required for an agreement or partial agreement; the judicial-confirmation window runs from it.</param>
/// <param name="Note">Why it failed or was withdrawn, or a note; required for a failure or a withdrawal.</param>
/// <param name="Lapsed">Whether the outcome is a failure because the statutory limit lapsed (医疗纠纷: 逾期视为调解不成).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record MediationOutcome(
    MediationOutcomeKind Kind, Instant At, string? Terms = null, Instant? TakesEffect = null, string? Note = null, bool Lapsed = false)
{
    /// <summary>Gets whether the outcome counts as a success: a full or partial agreement.</summary>
    public bool IsSuccess => Kind is MediationOutcomeKind.Agreement or MediationOutcomeKind.PartialAgreement;
}

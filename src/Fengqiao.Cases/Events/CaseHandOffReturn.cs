using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A return flow (回流) decided with a hand-back: the hand-off the case is to go on to next, staged on the case until it is made.</summary>
/// <remarks>
/// Carried on <see cref="CaseHandedBack.Return"/>; the case keeps it as <see cref="Case.PendingReturn"/> until a
/// <see cref="CaseHandedOff"/> (or the end of the case) follows, so a desk restarted between the two still finds it in
/// the store and a policy (Fengqiao.Mediation's hand-off policy) carries it out.
/// </remarks>
/// <param name="Body">The outside body the case goes to.</param>
/// <param name="Reason">The reason for the hand-off event; not empty.</param>
/// <param name="Terms">The hand-off's terms.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffReturn(OrgUnitId Body, string Reason, CaseHandOffTerms Terms)
{
    /// <summary>Gets the reason for the hand-off event.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Reason { get; init; } = string.IsNullOrWhiteSpace(Reason) ? throw new ArgumentException("A staged return needs a reason.", nameof(Reason)) : Reason;

    /// <summary>Gets the hand-off's terms.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public CaseHandOffTerms Terms { get; init; } = Terms ?? throw new ArgumentNullException(nameof(Terms));
}

using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases.Events;

/// <summary>
/// The terms of a hand-off (移交) as data: the correlation key, the purpose, the dispute type, the sending unit and what
/// the mediation desk decided with them. Carried on <see cref="CaseHandedOff.Terms"/> and, for a return flow (回流)
/// not yet carried out, on <see cref="CaseHandOffReturn.Terms"/>, so a hand-off ledger reads them from the case's
/// events rather than from a rule's explanation (<see cref="CaseEventCause"/>), and they survive a restart in the store.
/// </summary>
/// <remarks>
/// The purpose and dispute type are Fengqiao.Mediation's names (<c>HandOffPurpose</c>, <c>DisputeType</c>), kept as text
/// because this package does not know that one; Fengqiao.Mediation writes and reads them. The optional fields are
/// <see langword="null"/> when the hand-off has none.
/// </remarks>
/// <param name="Key">The correlation key (the outside body's reference, or one Fengqiao made); not empty.</param>
/// <param name="Purpose">The hand-off purpose's name (e.g. <c>CourtJudicialConfirmation</c>); not empty.</param>
/// <param name="DisputeType">The dispute type's key; not empty.</param>
/// <param name="From">The sending unit.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffTerms(string Key, string Purpose, string DisputeType, OrgUnitId From)
{
    /// <summary>Gets the correlation key.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Key { get; init; } = string.IsNullOrWhiteSpace(Key) ? throw new ArgumentException("A hand-off needs a correlation key.", nameof(Key)) : Key;

    /// <summary>Gets the hand-off purpose's name.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Purpose { get; init; } = string.IsNullOrWhiteSpace(Purpose) ? throw new ArgumentException("A hand-off needs a purpose.", nameof(Purpose)) : Purpose;

    /// <summary>Gets the dispute type's key.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string DisputeType { get; init; } = string.IsNullOrWhiteSpace(DisputeType) ? throw new ArgumentException("A hand-off needs a dispute type.", nameof(DisputeType)) : DisputeType;

    /// <summary>Gets or initialises the mediator the router chose, or <see langword="null"/>.</summary>
    public ActorId? Mediator { get; init; }

    /// <summary>Gets or initialises whether the dispute is a traffic accident (a failed mediation of one may switch to
    /// police mediation, 警调); <see langword="false"/> by default.</summary>
    public bool TrafficAccident { get; init; }

    /// <summary>Gets or initialises the id of the rule that decided the hand-off, or <see langword="null"/> for one made by hand.</summary>
    public string? RuleId { get; init; }

    /// <summary>Gets or initialises the correlation key of the hand-off this one returns from (a return flow), or <see langword="null"/>.</summary>
    public string? Returns { get; init; }

    /// <summary>Gets or initialises the actor who decided the hand-off (the mediator whose conclusion starts a return flow), or <see langword="null"/> when it is the event's actor.</summary>
    public ActorId? SentBy { get; init; }

    /// <summary>Gets or initialises when the mediation agreement takes effect (judicial confirmation), or <see langword="null"/>.</summary>
    public Instant? AgreementTakesEffect { get; init; }

    /// <summary>Gets or initialises when the mediation was terminated (a switch to police mediation), or <see langword="null"/>.</summary>
    public Instant? MediationTerminated { get; init; }

    /// <summary>Gets or initialises the mediation record (调解记录) sent on with a return, or <see langword="null"/>.</summary>
    public string? MediationRecord { get; init; }
}

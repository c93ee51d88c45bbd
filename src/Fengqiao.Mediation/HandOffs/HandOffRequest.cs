using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Limits;
using NodaTime;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>What a body states when it sends a hand-off.</summary>
/// <param name="Key">The outside body's reference number for this hand-off; unique for ever in a ledger.</param>
/// <param name="CaseId">The case the dispute belongs to.</param>
/// <param name="Purpose">The flow.</param>
/// <param name="DisputeType">The dispute type (it picks the mediation limit where the flow has none).</param>
/// <param name="From">The sending body.</param>
/// <param name="To">The receiving body.</param>
/// <param name="SentBy">Who sent it.</param>
/// <param name="At">When it was sent.</param>
/// <param name="Reason">Why, for the case history; not empty.</param>
/// <remarks>
/// <para>Optional data (set with an object initialiser): <see cref="RuleId"/> and <see cref="Facts"/> when a rule
/// decided the hand-off (the facts explain it and are never read back); <see cref="Mediator"/> when the router assigned one; <see cref="AgreementTakesEffect"/> for judicial confirmation (the 30-day application window
/// runs from it); <see cref="MediationTerminated"/> for a switch to police mediation (3 working days from it);
/// <see cref="MediationRecord"/> for a return to petition handling (required); <see cref="AnswerLimit"/> and
/// <see cref="ConclusionLimit"/> to replace the flow's limits with a county's own.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record HandOffRequest(
    CorrelationKey Key,
    CaseId CaseId,
    HandOffPurpose Purpose,
    DisputeType DisputeType,
    OrgUnitId From,
    OrgUnitId To,
    ActorId SentBy,
    Instant At,
    string Reason)
{
    /// <summary>Gets the id of the rule that decided the hand-off, or <see langword="null"/> for a person's decision.</summary>
    public string? RuleId { get; init; }

    /// <summary>Gets the mediator the router assigned (a hand-off to mediation), or <see langword="null"/> when none was
    /// assigned; <see cref="HandOffLedger.MediatorLoads"/> counts pending hand-offs by it.</summary>
    public ActorId? Mediator { get; init; }

    /// <summary>Gets whether the dispute is a traffic accident (a failed mediation of one may switch to police
    /// mediation, 警调); <see langword="false"/> by default.</summary>
    public bool TrafficAccident { get; init; }

    /// <summary>Gets the facts the rule saw, by name; empty by default.</summary>
    public ImmutableSortedDictionary<string, string> Facts { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Gets when the mediation agreement took effect (judicial confirmation only).</summary>
    public Instant? AgreementTakesEffect { get; init; }

    /// <summary>Gets when the people's mediation terminated (switch to police mediation only).</summary>
    public Instant? MediationTerminated { get; init; }

    /// <summary>Gets the reference of the mediation record attached (调解笔录/卷宗); required for a return to petition handling.</summary>
    public string? MediationRecord { get; init; }

    /// <summary>Gets the county's limit for signing for or declining, replacing the flow's; <see langword="null"/> for the flow's.</summary>
    public StatutoryLimit? AnswerLimit { get; init; }

    /// <summary>Gets the county's limit for the outcome, replacing the flow's; <see langword="null"/> for
    /// <see cref="HandOffFlows.ConclusionLimitFor"/>. Ignored for flows that conclude on acceptance.</summary>
    public StatutoryLimit? ConclusionLimit { get; init; }
}

using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>One step in a hand-off's history: what the case desk turns into a case event (who sent it, to whom, why,
/// under which rule).</summary>
/// <param name="Key">The hand-off's correlation key.</param>
/// <param name="CaseId">The case the dispute belongs to.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who acted: the sender, the receiving body's clerk, or the system for an overdue flag.</param>
/// <param name="Purpose">The hand-off's flow.</param>
/// <param name="From">The body that sent the hand-off.</param>
/// <param name="To">The body it was sent to.</param>
/// <param name="Text">The reason, the decline reason, the note or the extension reason; <see langword="null"/> when none.</param>
/// <param name="RuleId">The rule under which the system decided the hand-off, or <see langword="null"/> for a person's decision.</param>
/// <param name="Facts">The facts the rule saw, by name (empty for a person's decision).</param>
/// <param name="Outcome">The outcome, for <see cref="HandOffEventKind.Concluded"/>; otherwise <see langword="null"/>.</param>
/// <remarks>For the desk: <see cref="HandOffEventKind.Sent"/> maps to the case trigger HandOff with target unit
/// <paramref name="To"/>; <see cref="HandOffEventKind.Declined"/> and <see cref="HandOffEventKind.Concluded"/> map to
/// HandBack (a decline returns the dispute to <paramref name="From"/>); the rest are notes on the case.
/// <paramref name="RuleId"/> and <paramref name="Facts"/> are the event's cause.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record HandOffEvent(
    CorrelationKey Key,
    CaseId CaseId,
    HandOffEventKind Kind,
    Instant At,
    ActorId Actor,
    HandOffPurpose Purpose,
    OrgUnitId From,
    OrgUnitId To,
    string? Text,
    string? RuleId,
    ImmutableSortedDictionary<string, string> Facts,
    HandOffOutcome? Outcome)
{
    /// <summary>Gets the route of the hand-off's flow.</summary>
    public HandOffRoute Route => HandOffFlows.For(Purpose).Route;

    /// <summary>Describes the event without personal data (no text).</summary>
    /// <returns>For example <c>(2025)民诉前调1号 case-1 Sent CourtPreFilingDiversion court → committee</c>.</returns>
    public override string ToString() =>
        $"{Key} {CaseId} {Kind} {Purpose} {From} → {To}{(Outcome is { } o ? $" ({o})" : "")}{(RuleId is null ? "" : $" by rule {RuleId}")}";
}

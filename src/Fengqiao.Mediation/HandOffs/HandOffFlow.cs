using Fengqiao.Mediation.Limits;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>One hand-off flow of the four-way docking: its route, direction, the limit within which the receiving
/// body must sign for it or decline it, and the limit within which it must conclude once accepted.</summary>
/// <param name="Purpose">The flow.</param>
/// <param name="Route">The outside body it connects with.</param>
/// <param name="Direction">Which way it moves the dispute.</param>
/// <param name="Name">The display name with the Chinese term.</param>
/// <param name="AnswerLimit">The limit for signing for or declining the hand-off, from the sending.</param>
/// <param name="ConclusionLimit">The limit for the outcome, from acceptance; <see langword="null"/> when the flow
/// concludes on acceptance (<paramref name="ConcludesOnAcceptance"/>) or when the limit depends on the dispute type
/// (see <see cref="HandOffFlows.ConclusionLimitFor"/>).</param>
/// <param name="ConcludesOnAcceptance">Whether the hand-off ends when the receiving body takes it (a return to the
/// court's filing or to the procuratorate ends there, with <see cref="HandOffOutcome.Received"/>).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record HandOffFlow(
    HandOffPurpose Purpose,
    HandOffRoute Route,
    HandOffDirection Direction,
    string Name,
    StatutoryLimit AnswerLimit,
    StatutoryLimit? ConclusionLimit,
    bool ConcludesOnAcceptance)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Route}, {Direction})";
}

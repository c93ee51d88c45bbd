using Fengqiao.Mediation.HandOffs;

namespace Fengqiao.Mediation.Rules;

/// <summary>What a hand-off rule decides: the flow and the kind of body to send the matter to.</summary>
/// <param name="Purpose">The flow (route and direction follow from it).</param>
/// <param name="Target">The kind of receiving body.</param>
/// <param name="Note">Why, for the case history (the hand-off's reason).</param>
/// <remarks>The rule id is on the match (<see cref="Fengqiao.Rules.Evaluation.RuleMatch{TFact, TDecision}.RuleId"/>);
/// <see cref="HandOffRules.Decide"/> returns both.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record HandOffDecision(HandOffPurpose Purpose, HandOffTarget Target, string Note)
{
    /// <summary>Gets the one mediation body the matter must go to, when the rule names it (a county's table row with a
    /// <c>body</c> parameter); <see langword="null"/> to let the <see cref="Routing.MediationRouter"/> choose.</summary>
    /// <remarks>Only for a decision towards mediation (<see cref="Target"/> is <see cref="HandOffTarget.MediationBody"/>);
    /// <see cref="Desk.HandOffCasePolicy"/> routes within that body only.</remarks>
    public Fengqiao.Cases.Organisation.OrgUnitId? Body { get; init; }

    /// <summary>Gets the route of the flow.</summary>
    public HandOffRoute Route => HandOffFlows.For(Purpose).Route;

    /// <summary>Gets the direction of the flow.</summary>
    public HandOffDirection Direction => HandOffFlows.For(Purpose).Direction;

    /// <inheritdoc />
    public override string ToString() => Body is { } body ? $"{Purpose} → {Target} {body}" : $"{Purpose} → {Target}";
}

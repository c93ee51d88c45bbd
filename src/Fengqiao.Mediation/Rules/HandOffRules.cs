using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Rules;
using Fengqiao.Rules.Evaluation;
using NodaTime;

namespace Fengqiao.Mediation.Rules;

/// <summary>
/// The default hand-off rules of the four-way docking (四调对接) as a <see cref="RuleSet{TFact, TDecision}"/> named
/// <c>mediation-hand-offs</c>: one named rule per hand-off decision, which a county disables, replaces or adds to by id
/// through the rules kernel's layers (<see cref="RuleSet{TFact, TDecision}.With"/>).
/// </summary>
/// <remarks>
/// <para>The hit policy is <see cref="HitPolicy.Collect"/>: every rule that matches applies, because one outcome may
/// need two hand-offs (an agreement on a procuratorate referral goes to the court for confirmation and back to the
/// procuratorate).</para>
/// <para>The rules: <see cref="CourtDivertSuitable"/>, <see cref="CourtConfirmAgreement"/>,
/// <see cref="CourtReturnFailure"/>, <see cref="PoliceCallFollowUp"/>, <see cref="PoliceTrafficSwitch"/>,
/// <see cref="PetitionRemedyMediationFirst"/>, <see cref="PetitionReturnFailure"/>,
/// <see cref="ProcuratorateReferSuitable"/>, <see cref="ProcuratorateReturnOutcome"/>, <see cref="CentreReferSuitable"/>.
/// Use <see cref="RuleSet{TFact, TDecision}.Explain"/> to see why a matter went where it went.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public static class HandOffRules
{
    /// <summary>The rule set's name.</summary>
    public const string RuleSetName = "mediation-hand-offs";

    /// <summary>诉调: a filed dispute the court judges suitable goes to pre-filing mediation.</summary>
    public const string CourtDivertSuitable = "court-divert-suitable";

    /// <summary>诉调: an agreement whose parties ask for it goes to the court for judicial confirmation.</summary>
    public const string CourtConfirmAgreement = "court-confirm-agreement";

    /// <summary>诉调: a court-referred mediation that failed or was withdrawn returns to the court's filing.</summary>
    public const string CourtReturnFailure = "court-return-failure";

    /// <summary>警调: a civil dispute met on a police call and mediated on site goes to the local committee.</summary>
    public const string PoliceCallFollowUp = "police-call-follow-up";

    /// <summary>警调: a traffic-accident mediation that ended without agreement switches to police mediation on request.</summary>
    public const string PoliceTrafficSwitch = "police-traffic-switch";

    /// <summary>访调: a petition that seeks a remedy goes to mediation first.</summary>
    public const string PetitionRemedyMediationFirst = "petition-remedy-mediation-first";

    /// <summary>访调: a petition's mediation that failed returns to petition handling with the record.</summary>
    public const string PetitionReturnFailure = "petition-return-failure";

    /// <summary>检调: a suitable procuratorate matter goes to mediation with social forces.</summary>
    public const string ProcuratorateReferSuitable = "procuratorate-refer-suitable";

    /// <summary>检调: the outcome of a procuratorate referral returns to the procuratorate.</summary>
    public const string ProcuratorateReturnOutcome = "procuratorate-return-outcome";

    /// <summary>The centre refers a suitable dispute it registered to a mediation body.</summary>
    public const string CentreReferSuitable = "centre-refer-suitable";

    private static readonly Condition<HandOffFact> Suitable = Condition.Part<HandOffFact>("suitable for mediation", f => f.SuitableForMediation);

    private static Condition<HandOffFact> At(HandOffOrigin origin) =>
        Condition.Part<HandOffFact>($"with {origin}", f => f.Origin == origin);

    private static Condition<HandOffFact> CameBy(HandOffRoute route) =>
        Condition.Part<HandOffFact>($"came by {route}", f => f.CameBy == route);

    private static Condition<HandOffFact> Ended(params HandOffOutcome[] outcomes) =>
        Condition.Part<HandOffFact>($"mediation ended in {string.Join(" or ", outcomes)}",
            f => f.MediationOutcome is { } o && Array.IndexOf(outcomes, o) >= 0);

    private static HandOffDecision D(HandOffPurpose purpose, HandOffTarget target, string note) => new(purpose, target, note);

    /// <summary>Gets the default rule set (see the type's remarks).</summary>
    public static RuleSet<HandOffFact, HandOffDecision> Default { get; } = Build();

    /// <summary>Evaluates the rules on a fact.</summary>
    /// <param name="rules">The rule set (the default, or a county's layered one).</param>
    /// <param name="fact">The fact.</param>
    /// <returns>The rules that applied, with their decisions, in declaration order; empty when no hand-off is due.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="RuleEvaluationException">A county's rule threw; the exception names it.</exception>
    public static ImmutableArray<RuleMatch<HandOffFact, HandOffDecision>> Decide(RuleSet<HandOffFact, HandOffDecision> rules, HandOffFact fact)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(fact);
        return [.. rules.Evaluate(fact).Matches];
    }

    /// <summary>Turns a rule's decision into a hand-off request that cites the rule and the facts.</summary>
    /// <param name="match">The rule that applied and its decision.</param>
    /// <param name="fact">The fact the rule saw.</param>
    /// <param name="key">The outside body's correlation key for the hand-off.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="from">The sending body.</param>
    /// <param name="to">The receiving body (for a mediation body: the router's choice).</param>
    /// <param name="sentBy">Who sends it.</param>
    /// <param name="at">When.</param>
    /// <returns>The request, with <see cref="HandOffRequest.RuleId"/> and <see cref="HandOffRequest.Facts"/> set; add
    /// flow data (agreement date, record…) with a <c>with</c> expression.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="match"/> is the default value.</exception>
    internal static HandOffRequest ToRequest(
        RuleMatch<HandOffFact, HandOffDecision> match, HandOffFact fact, CorrelationKey key, CaseId caseId,
        OrgUnitId from, OrgUnitId to, ActorId sentBy, Instant at)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var decision = match.Decision ?? throw new InvalidOperationException("The rule match is the default value and names no decision.");
        return new HandOffRequest(key, caseId, decision.Purpose, fact.DisputeType, from, to, sentBy, at, decision.Note)
        {
            RuleId = match.RuleId,
            Facts = fact.ToFacts(),
        };
    }

    private static RuleSet<HandOffFact, HandOffDecision> Build()
    {
        var divert = D(HandOffPurpose.CourtPreFilingDiversion, HandOffTarget.MediationBody, "suitable filed dispute diverted to pre-filing mediation (诉前委派调解)");
        var confirm = D(HandOffPurpose.CourtJudicialConfirmation, HandOffTarget.Court, "agreement sent for judicial confirmation (司法确认)");
        var toFiling = D(HandOffPurpose.CourtReturnToFiling, HandOffTarget.Court, "pre-filing mediation ended without agreement: back to filing (转立案)");
        var followUp = D(HandOffPurpose.PoliceFollowUpMediation, HandOffTarget.MediationBody, "mediated on site; handed to the local committee for follow-up joint mediation (警调联动)");
        var switchToPolice = D(HandOffPurpose.PoliceTrafficSwitch, HandOffTarget.PoliceStation, "traffic accident: switch to police mediation (转公安调解)");
        var petitionFirst = D(HandOffPurpose.PetitionMediationFirst, HandOffTarget.MediationBody, "petition seeking a remedy goes to mediation first (访调对接)");
        var petitionBack = D(HandOffPurpose.PetitionReturn, HandOffTarget.PetitionOffice, "mediation failed: back to petition handling with the record (转回信访办理)");
        var procuratorate = D(HandOffPurpose.ProcuratorateReferral, HandOffTarget.MediationBody, "suitable case referred to mediation with social forces (检调对接)");
        var procuratorateBack = D(HandOffPurpose.ProcuratorateReturn, HandOffTarget.Procuratorate, "mediation outcome returned to the procuratorate");
        var centre = D(HandOffPurpose.CentreReferral, HandOffTarget.MediationBody, "centre refers the dispute to mediation (中心分流)");

        return new RuleSetBuilder<HandOffFact, HandOffDecision>(RuleSetName) { HitPolicy = HitPolicy.Collect }
            .Add(CourtDivertSuitable, "诉调: a filed dispute the court judges suitable goes to pre-filing mediation",
                Condition.All(At(HandOffOrigin.Court), Condition.Part<HandOffFact>("filed with the court", f => f.FiledWithCourt), Suitable),
                _ => divert)
            .Add(CourtConfirmAgreement, "诉调: an agreement whose parties ask for it goes to judicial confirmation (人民调解法 art.33)",
                Condition.All(At(HandOffOrigin.Mediation), Ended(HandOffOutcome.Agreement, HandOffOutcome.PartialAgreement),
                    Condition.Part<HandOffFact>("confirmation requested", f => f.ConfirmationRequested)),
                _ => confirm)
            .Add(CourtReturnFailure, "诉调: a court-referred mediation without agreement returns to the court's filing",
                Condition.All(At(HandOffOrigin.Mediation), CameBy(HandOffRoute.Court), Ended(HandOffOutcome.Failure, HandOffOutcome.Withdrawal)),
                _ => toFiling)
            .Add(PoliceCallFollowUp, "警调: a civil dispute met on a police call, mediated on site, goes to the local committee",
                Condition.All(At(HandOffOrigin.Police), Condition.Part<HandOffFact>("met on a police call", f => f.PoliceCall),
                    Condition.Part<HandOffFact>("mediated on site first", f => f.MediatedOnSite)),
                _ => followUp)
            .Add(PoliceTrafficSwitch, "警调: a traffic-accident mediation without agreement switches to police mediation on request",
                Condition.All(At(HandOffOrigin.Mediation), Condition.Part<HandOffFact>("traffic accident", f => f.TrafficAccident),
                    Ended(HandOffOutcome.Failure, HandOffOutcome.Withdrawal),
                    Condition.Part<HandOffFact>("switch to police requested", f => f.SwitchToPoliceRequested)),
                _ => switchToPolice)
            .Add(PetitionRemedyMediationFirst, "访调: every petition that seeks a remedy goes to mediation first",
                Condition.All(At(HandOffOrigin.PetitionOffice), Condition.Part<HandOffFact>("seeks a remedy (申诉求决类)", f => f.PetitionKind == PetitionKind.SeeksRemedy)),
                _ => petitionFirst)
            .Add(PetitionReturnFailure, "访调: a mediation that failed, or settled only part of the petition, returns to petition handling with the mediation record",
                Condition.All(At(HandOffOrigin.Mediation), CameBy(HandOffRoute.Petition), Ended(HandOffOutcome.Failure, HandOffOutcome.PartialAgreement)),
                _ => petitionBack)
            .Add(ProcuratorateReferSuitable, "检调: a suitable criminal reconciliation, civil supervision or judicial assistance case goes to mediation",
                Condition.All(At(HandOffOrigin.Procuratorate),
                    Condition.Part<HandOffFact>("a procuratorate matter", f => f.ProcuratorateMatter != ProcuratorateMatter.None), Suitable),
                _ => procuratorate)
            .Add(ProcuratorateReturnOutcome, "检调: the outcome of the mediation returns to the procuratorate",
                Condition.All(At(HandOffOrigin.Mediation), CameBy(HandOffRoute.Procuratorate),
                    Condition.Part<HandOffFact>("mediation ended", f => f.MediationOutcome is not null)),
                _ => procuratorateBack)
            .Add(CentreReferSuitable, "The centre refers a suitable dispute to a mediation body",
                Condition.All(At(HandOffOrigin.Centre), Suitable),
                _ => centre)
            .Build();
    }
}

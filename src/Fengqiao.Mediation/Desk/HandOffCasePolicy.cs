using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;

namespace Fengqiao.Mediation.Desk;

/// <summary>The case desk's mediation policy: a registered or accepted case that a <see cref="HandOffRules"/> rule sends to mediation is handed off (移交) to the body the <see cref="MediationRouter"/> chooses, with the hand-off's terms on the event (<see cref="CaseHandedOff.Terms"/>); and a return flow staged on a hand-back (<see cref="Case.PendingReturn"/>) is carried out.</summary>
/// <remarks>
/// <para>
/// Add it to <see cref="Fengqiao.Cases.Desk.CaseDeskOptions.Policies"/>. On a case in <see cref="CaseState.Registered"/>
/// or <see cref="CaseState.Accepted"/> that has never been handed to mediation (the ledger holds no hand-off of the
/// case towards mediation), it builds the fact (<see cref="CaseHandOffFacts.FromCase"/> by default), evaluates the
/// rules, and for the first match whose decision sends the matter to a mediation body it asks for
/// a <see cref="CaseHandedOff"/> to the routed body with the rule's note as its reason, and a cause naming the rule with the fact, the correlation
/// key, the purpose and both bodies (an explanation only: the terms the ledger needs are typed on the payload). The desk therefore hands a petition seeking a remedy (申诉求决类) to mediation
/// straight after its registration, before any other step (访调对接, the Yumen practice).
/// </para>
/// <para>
/// The correlation key is the report's external reference (the petition office's, court's or police station's
/// number) or, without one, the case id (<see cref="KeyFor"/>); when that reference already names another case's
/// hand-off in the ledger, the key is the reference, a slash and the case id. The key is in the HandOff event's terms
/// (<see cref="CaseHandOffTerms.Key"/>) and, as an explanation, its cause (<see cref="KeyFact"/>). The policy changes
/// nothing itself: the ledger opens the hand-off when it folds the committed event (<see cref="HandOffLedger.Project"/>,
/// which <see cref="MediationDesk"/> does for every event the desk publishes), so a refused hand-off leaves the ledger
/// alone. Because the ledger remembers the hand-off, a case handed back (declined, failed) is never sent again by this policy.
/// </para>
/// <para>
/// Return flows (回流): when <see cref="MediationDesk"/> concludes a mediation that a return rule of
/// <see cref="HandOffRules"/> sends on to an outside body (judicial confirmation, return to the court's filing, to
/// petition handling, to police mediation, to the procuratorate), it hands the case back with the return staged on the
/// hand-back event (<see cref="CaseHandedBack.Return"/>), one desk action. The case keeps it as
/// <see cref="Case.PendingReturn"/>, in the store; whenever this policy sees a case with a pending return that is not
/// handed off — right after the hand-back, in the same append, or on a later sweep after a failure or a restart — it asks
/// for <see cref="CaseTrigger.HandOff"/> to the outside body with the staged terms and a cause naming the return rule,
/// the new correlation key, the purpose and both bodies. Register this policy on the case desk whenever a
/// <see cref="MediationDeskOptions"/> names outside bodies.
/// </para>
/// <para>
/// When the router finds no body with an eligible mediator, the evaluation throws: the desk reports it as a
/// <see cref="Fengqiao.Cases.Desk.CasePolicyException"/> naming this policy, and the case stays where it was (never a
/// silent default). The router is asked with each mediator's pending hand-offs in the ledger as their load
/// (<see cref="HandOffLedger.MediatorLoads"/>), so no mediator is assigned beyond capacity.
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe: it holds no state of its own and only reads the thread-safe ledger.</threadsafety>
public sealed class HandOffCasePolicy : ICasePolicy
{
    /// <summary>The cause fact naming the correlation key.</summary>
    public const string KeyFact = "correlation-key";

    /// <summary>The cause fact naming the hand-off purpose.</summary>
    public const string PurposeFact = "purpose";

    /// <summary>The cause fact naming the sending unit.</summary>
    public const string FromFact = "from";

    /// <summary>The cause fact naming the receiving mediation body.</summary>
    public const string ToFact = "to";

    /// <summary>The cause fact naming the mediator the router chose: an explanation only; the ledger reads the typed
    /// <see cref="CaseHandOffTerms.Mediator"/> (<see cref="HandOffLedger.MediatorLoads"/>).</summary>
    public const string MediatorFact = "mediator";

    private readonly MediationRouter router;
    private readonly OrgUnitId sender;
    private readonly RuleSet<HandOffFact, HandOffDecision> rules;
    private readonly Func<Case, HandOffFact?> facts;

    /// <summary>Creates the policy.</summary>
    /// <param name="ledger">The ledger the policy reads (hand-offs already made, mediator loads); share it with <see cref="MediationDesk"/>, which keeps it folded from the desk's events.</param>
    /// <param name="router">Chooses the mediation body (and mediator) for the dispute type and the case's grid.</param>
    /// <param name="sender">The unit that sends hand-offs when the case has no holding unit yet (the centre or the petition office).</param>
    /// <param name="rules">The hand-off rules; <see cref="HandOffRules.Default"/> when <see langword="null"/>.</param>
    /// <param name="facts">Builds the fact from a case, or returns <see langword="null"/> to leave the case alone; <see cref="CaseHandOffFacts.FromCase"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="router"/> is null.</exception>
    public HandOffCasePolicy(
        HandOffLedger ledger, MediationRouter router, OrgUnitId sender,
        RuleSet<HandOffFact, HandOffDecision>? rules = null, Func<Case, HandOffFact?>? facts = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(router);
        Ledger = ledger;
        this.router = router;
        this.sender = sender;
        this.rules = rules ?? HandOffRules.Default;
        this.facts = facts ?? CaseHandOffFacts.FromCase;
    }

    /// <inheritdoc />
    public string Name => HandOffRules.RuleSetName;

    /// <summary>Gets the ledger the policy reads.</summary>
    public HandOffLedger Ledger { get; }

    /// <summary>Gets the correlation key a hand-off of <paramref name="case"/> is recorded under: the report's external reference, else the case id.</summary>
    /// <remarks>If the ledger already holds that key for another case, the policy uses the key, a slash and the case id instead (see the class remarks).</remarks>
    /// <param name="case">The case.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is null.</exception>
    internal static CorrelationKey KeyFor(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CorrelationKey(@case.Report.ExternalReference ?? @case.Id.ToString());
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A rule sends the case to mediation but no body has an eligible mediator.</exception>
    /// <remarks>Before it reads the ledger, the policy waits for the ledger's one rebuild from the store after a
    /// restart (see <see cref="HandOffLedger"/>), so a case desk action taken before any mediation desk call still
    /// sees every correlation key taken; a store that cannot be read then fails the evaluation with its exception.</remarks>
    public async ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken)
    {
        await Ledger.EnsureRebuiltAsync(cancellationToken).ConfigureAwait(false);
        return Evaluate(arguments);
    }

    private IReadOnlyList<CasePolicyAction> Evaluate(CasePolicyArguments arguments)
    {
        var c = arguments.Case;
        if (c.PendingReturn is { } pending && c.State != CaseState.HandedOff)
        {
            // A return flow the mediation desk staged on the hand-back (诉调/访调/警调/检调): hand the case on to the outside body.
            var t = pending.Terms;
            var explained = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [KeyFact] = t.Key,
                [PurposeFact] = t.Purpose,
                [FromFact] = t.From.ToString(),
                [ToFact] = pending.Body.ToString(),
            };
            if (t.Returns is { } returns)
            {
                explained["returns-hand-off"] = returns;
            }

            if (t.SentBy is { } sentBy)
            {
                explained["sent-by"] = sentBy.ToString();
            }

            IReadOnlyList<CasePolicyAction> back =
            [
                new CasePolicyAction(new CaseHandedOff(pending.Body, pending.Reason) { Terms = t }, new CaseEventCause(t.RuleId ?? Name, explained)),
            ];
            return back;
        }

        if (c.State is not (CaseState.Registered or CaseState.Accepted)
            || Ledger.ForCase(c.Id).Any(h => h.Direction == HandOffDirection.ToMediation)
            || facts(c) is not { } fact)
        {
            return [];
        }

        foreach (var match in HandOffRules.Decide(rules, fact))
        {
            if (match.Decision is not { Target: HandOffTarget.MediationBody, Direction: HandOffDirection.ToMediation } decision)
            {
                continue;
            }

            var date = arguments.Now.InZone(c.Calendar.Zone).Date;
            var routed = router.Route(new RoutingRequest(fact.DisputeType, c.Report.Location.Grid, date, [], []) { Body = decision.Body }, Ledger.MediatorLoads());
            var body = routed.Body ?? throw new InvalidOperationException(
                $"Rule '{match.RuleId}' sends case {c.Id} to mediation, but no mediation body has an eligible mediator for a {fact.DisputeType} dispute: {routed.Explain()}");
            var from = c.HoldingUnit ?? sender;
            var causeFacts = fact.ToFacts().ToBuilder();
            var key = KeyFor(c);
            if (Ledger.TryGet(key, out var taken) && taken.CaseId != c.Id)
            {
                // The reference already names another case's hand-off (that case ended, this one reopened the matter).
                key = new CorrelationKey($"{key.Value}/{c.Id}");
            }

            causeFacts[KeyFact] = key.Value;
            causeFacts[PurposeFact] = decision.Purpose.ToString();
            causeFacts[FromFact] = from.ToString();
            causeFacts[ToFact] = body.Id.ToString();
            if (routed.Mediator is { } mediator)
            {
                causeFacts[MediatorFact] = mediator.Id.ToString();
            }

            var terms = new CaseHandOffTerms(key.Value, decision.Purpose.ToString(), fact.DisputeType.Key, from)
            {
                Mediator = routed.Mediator?.Id,
                TrafficAccident = fact.TrafficAccident,
                RuleId = match.RuleId,
            };
            IReadOnlyList<CasePolicyAction> actions =
            [
                new CasePolicyAction(new CaseHandedOff(body.Id, $"{decision.Note} → {body.Name}") { Terms = terms }, new CaseEventCause(match.RuleId, causeFacts)),
            ];
            return actions;
        }

        return [];
    }
}

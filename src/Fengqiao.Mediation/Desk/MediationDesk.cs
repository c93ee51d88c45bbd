using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;
using NodaTime;

namespace Fengqiao.Mediation.Desk;

/// <summary>Applies the answers of mediation and outside bodies, by correlation key, to the <see cref="HandOffLedger"/> and then to the case on the <see cref="CaseDesk"/>; and sweeps the ledger for overdue hand-offs.</summary>
/// <remarks>
/// <para>
/// The host calls it when a body answers (a mediator signs for the hand-off, declines it, or reports the outcome).
/// Every answer is first checked against the ledger (an unknown key, an answer to a declined or concluded hand-off,
/// or one the hand-off's status does not permit throws <see cref="HandOffRefusedException"/>, and nothing changes —
/// neither the ledger nor the case), then applied on the case through the desk, then recorded in the ledger.
/// </para>
/// <para>
/// On the case: a decline or a mediation that did not end in agreement hands the case back
/// (<see cref="CaseDesk.HandBackAsync"/>, 移交退回) to the state it left, with the reason or the mediation record and
/// the rule in the note (for a failure, the return rule of <see cref="HandOffRules"/> such as
/// <see cref="HandOffRules.PetitionReturnFailure"/> when one matches, else the rule that sent it); an agreement resolves it
/// (<see cref="CaseDesk.ResolveAsync"/>, 办结) with the agreement as the reply. An acceptance is recorded in the ledger
/// only (the case stays handed off; the desk has no step for it).
/// </para>
/// <para>
/// Why the answering member acts, not the system: the desk accepts a system action only from a policy, and a
/// policy runs only after an event or on a sweep of a case with a running clock — a handed-off case has all its clocks
/// paused, so no policy would ever run for it. The answering member of the receiving body is authorised to hand back
/// and resolve a case handed off to their body (<see cref="Fengqiao.Cases.InMemory.OrgCaseAuthorizer"/>), so the event
/// names who answered, and its text names the hand-off's key and rule. For the same reason the overdue sweep lives here
/// (<see cref="SweepAsync"/>), not in the policy.
/// </para>
/// <para>
/// If the desk refuses the case step (<see cref="CaseActionRefusedException"/>, <see cref="CaseNotFoundException"/>,
/// <see cref="ConcurrencyConflictException"/>), the ledger is not changed and the exception propagates. If the step was
/// recorded but a policy failed after it (<see cref="CasePolicyException"/>), the ledger is updated and the exception propagates.
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe: answers and sweeps through one instance are serialised, so an answer is never applied twice.</threadsafety>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The only disposable field is a SemaphoreSlim whose wait handle is never created; the coordinator lives as long as the host.")]
public sealed class MediationDesk
{
    private readonly CaseDesk desk;
    private readonly IClock clock;
    private readonly RuleSet<HandOffFact, HandOffDecision> rules;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Creates the coordinator.</summary>
    /// <param name="desk">The case desk (with a <see cref="HandOffCasePolicy"/> over the same ledger).</param>
    /// <param name="ledger">The hand-off ledger.</param>
    /// <param name="clock">The clock the ledger's steps are dated by (use the desk's).</param>
    /// <param name="rules">The hand-off rules used to name the return rule; <see cref="HandOffRules.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="desk"/>, <paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public MediationDesk(CaseDesk desk, HandOffLedger ledger, IClock clock, RuleSet<HandOffFact, HandOffDecision>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        this.desk = desk;
        Ledger = ledger;
        this.clock = clock;
        this.rules = rules ?? HandOffRules.Default;
    }

    /// <summary>Gets the hand-off ledger.</summary>
    public HandOffLedger Ledger { get; }

    /// <summary>Records that the receiving body signed for the hand-off (签收): its conclusion clock starts. The case does not change.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">Who signed for it.</param>
    /// <param name="cancellationToken">Cancels waiting for another answer in progress.</param>
    /// <returns>The hand-off after the acceptance.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, the hand-off is closed or already accepted; nothing changed.</exception>
    public async Task<HandOff> AcceptAsync(CorrelationKey key, ActorId by, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Ledger.Accept(key, clock.GetCurrentInstant(), by);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies a decline (退回) of the hand-off: the case is handed back with the reason, and the ledger records the decline.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">The member of the receiving body who declines.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the hand-back.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, the hand-off is closed or accepted, or the reason is empty; nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the hand-back; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The hand-back and the decline were recorded, but a policy failed after it.</exception>
    public Task<Case> DeclineAsync(CorrelationKey key, CaseActor by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        return AnswerAsync(key, (h, at) =>
        {
            h.Decline(at, by.Id, reason);
            var note = $"{h.To} declined hand-off '{h.Key}' ({h.Flow.Name}, rule {h.RuleId}): {reason}";
            return (ct => desk.HandBackAsync(h.CaseId, by, note, ct), () => Ledger.Decline(key, at, by.Id, reason));
        }, cancellationToken);
    }

    /// <summary>Applies the outcome of the mediation: an agreement resolves the case with the agreement as the reply; any other outcome hands it back with the mediation record.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">The member of the mediation body who reports the outcome.</param>
    /// <param name="outcome">The outcome: <see cref="HandOffOutcome.Agreement"/>, <see cref="HandOffOutcome.PartialAgreement"/>, <see cref="HandOffOutcome.Failure"/> or <see cref="HandOffOutcome.Withdrawal"/>.</param>
    /// <param name="record">The agreement's terms or the mediation record (调解记录); not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the step.</returns>
    /// <remarks>A partial agreement hands the case back (the rest of the matter returns to handling; 访调: <see cref="HandOffRules.PetitionReturnFailure"/>).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="record"/> is empty.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, the hand-off is closed or not yet accepted, or the outcome is not one an answer may report; nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the step; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The step and the conclusion were recorded, but a policy failed after it.</exception>
    public Task<Case> ConcludeAsync(CorrelationKey key, CaseActor by, HandOffOutcome outcome, string record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(record);
        return AnswerAsync(key, (h, at) =>
        {
            h.Conclude(at, by.Id, outcome, record);
            void Record() => Ledger.Conclude(key, at, by.Id, outcome, record);
            if (outcome == HandOffOutcome.Agreement)
            {
                var reply = $"Mediation agreement (调解协议) at {h.To} under hand-off '{h.Key}' (rule {h.RuleId}): {record}";
                return (ct => desk.ResolveAsync(h.CaseId, by, reply, ct), Record);
            }

            var back = new HandOffFact(HandOffOrigin.Mediation, h.DisputeType) { CameBy = h.Route, MediationOutcome = outcome };
            var rule = HandOffRules.Decide(rules, back).Select(m => m.RuleId).FirstOrDefault() ?? h.RuleId;
            var note = $"Mediation ended in {outcome} at {h.To} under hand-off '{h.Key}'; returned by rule {rule}. Mediation record (调解记录): {record}";
            return (ct => desk.HandBackAsync(h.CaseId, by, note, ct), Record);
        }, cancellationToken);
    }

    /// <summary>Sweeps the case desk, then the ledger: each hand-off newly overdue is flagged in the ledger once and recorded on its case as Supervise (督办) with the limit and the rule.</summary>
    /// <param name="now">The instant to sweep at.</param>
    /// <param name="supervisor">Who presses for the overdue hand-off on the desk (a leader or supervisor of the centre).</param>
    /// <param name="cancellationToken">Cancels the sweep between cases.</param>
    /// <returns>What the sweep did.</returns>
    /// <remarks>
    /// Sweeping again at the same instant flags nothing (the ledger flags a hand-off once until it is extended). Supervise
    /// is used because it is the desk step that records pressure on an open case without changing its state.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="supervisor"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public async Task<MediationSweepResult> SweepAsync(Instant now, CaseActor supervisor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        var swept = await desk.SweepAsync(now, cancellationToken).ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var flagged = Ledger.Sweep(now);
            var failures = ImmutableArray.CreateBuilder<Exception>();
            foreach (var f in flagged)
            {
                var h = Ledger.Get(f.Key);
                var note = $"Hand-off '{f.Key}' to {f.To} is overdue ({h.Flow.Name}, rule {h.RuleId}): {f.Text}";
                try
                {
                    await desk.SuperviseAsync(f.CaseId, supervisor, note, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is CaseActionRefusedException or CaseNotFoundException or ConcurrencyConflictException or CasePolicyException)
                {
                    failures.Add(e);
                }
            }

            return new MediationSweepResult(swept, flagged, failures.ToImmutable());
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Case> AnswerAsync(
        CorrelationKey key, Func<HandOff, Instant, (Func<CancellationToken, Task<Case>> OnCase, Action InLedger)> plan,
        CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Validates against the ledger first (throws its typed refusal, changing nothing), then acts on the case.
            var (onCase, inLedger) = plan(Ledger.Get(key), clock.GetCurrentInstant());
            Case result;
            try
            {
                result = await onCase(cancellationToken).ConfigureAwait(false);
            }
            catch (CasePolicyException)
            {
                inLedger();
                throw;
            }

            inLedger();
            return result;
        }
        finally
        {
            gate.Release();
        }
    }
}

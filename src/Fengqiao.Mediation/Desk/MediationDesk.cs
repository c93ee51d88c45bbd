using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Limits;
using Fengqiao.Mediation.RoadMap;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;
using Fengqiao.Sla;
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
/// The ledger is a projection of the case events: every step of a hand-off is an event of its case — the
/// <see cref="CaseHandedOff"/> that sends it (with its terms), then <see cref="CaseHandOffAccepted"/>,
/// <see cref="CaseHandOffDeclined"/>, <see cref="CaseHandOffConcluded"/>, <see cref="CaseHandOffExtended"/>,
/// <see cref="CaseHandOffPaused"/>, <see cref="CaseHandOffResumed"/> and <see cref="CaseHandOffOverdue"/>, recorded
/// through <see cref="CaseDesk.RecordAsync(CaseId, CaseActor, CaseRecord, CaseTransition, CaseEventCause?, CancellationToken)"/>
/// in the same append as the step on the case they lead to (a hand-back, a resolution, a supervision). This desk folds
/// every event the case desk publishes into the ledger (<see cref="HandOffLedger.Project"/>); it never writes the ledger
/// directly. After a restart, a fresh ledger is rebuilt by itself from the stored histories
/// (<see cref="CaseDesk.ReadHistoriesAsync"/>), asynchronously and once: on the first call of this desk, or when the
/// <see cref="HandOffCasePolicy"/> over the same ledger first runs on a case desk action, whichever comes first (so no
/// host call is needed; the constructor reads nothing). If the store cannot be read then, that call fails with the
/// store's exception and the next call tries again. A host that reads <see cref="Ledger"/> directly before any call
/// awaits <see cref="CatchUpAsync"/> first. A case
/// whose published events skip versions the ledger has not folded is caught up from its stored history on the next
/// call. The rebuild reads every stored history once: with a large store, build the desk once per host. A store that does not list its cases
/// (<see cref="CaseDesk.CanReadHistories"/>), or a ledger created with restored hand-offs (<see cref="HandOffLedger.IsRestored"/>),
/// is not rebuilt: the host folds what it has with <see cref="HandOffLedger.ProjectAll"/>.
/// </para>
/// <para>
/// On the case: a decline or a mediation that did not end in agreement hands the case back
/// (<see cref="CaseDesk.HandBackAsync(CaseId, CaseActor, string?, CancellationToken)"/>, 移交退回) to the state it left, with the reason or the mediation record and
/// the rule in the note (for a failure, the return rule of <see cref="HandOffRules"/> such as
/// <see cref="HandOffRules.PetitionReturnFailure"/> when one matches, else the rule that sent it); an agreement resolves it
/// (<see cref="CaseDesk.ResolveAsync"/>, 办结) with the agreement as the reply. An acceptance is recorded on the case
/// (<see cref="CaseHandOffAccepted"/>; the case stays handed off and shows <see cref="Case.HandOffAcceptedAt"/>).
/// </para>
/// <para>
/// Return flows (回流), with <see cref="MediationDeskOptions"/> naming the court, police, petition office and
/// procuratorate: a conclusion that a return rule of <see cref="HandOffRules"/> sends on (诉调 judicial confirmation or
/// return to filing, 访调 return to petition handling, 警调 switch to police mediation, 检调 outcome to the
/// procuratorate) hands the case back with the return staged on the hand-back event (<see cref="CaseHandedBack.Return"/>:
/// one desk action whose event carries the outcome and what follows, kept on the case in the store as
/// <see cref="Case.PendingReturn"/>), and the <see cref="HandOffCasePolicy"/> hands it off to that body, in the same
/// append or, after a failure or a restart, on a later sweep, with the rule in the event's cause and a new correlation
/// key whose ledger entry runs the flow's statutory clock (see
/// <see cref="ConcludeAsync(CorrelationKey, CaseActor, MediationConclusion, CancellationToken)"/>). The outside body
/// answers that key like any other: <see cref="AcceptAsync(CorrelationKey, CaseActor, CancellationToken)"/> (a flow that
/// ends on acceptance resolves the case there), <see cref="DeclineAsync"/> (the case returns to its holder) or a
/// conclusion. Hand-offs made by a person go through <see cref="HandOffAsync"/>, so they are in the ledger too.
/// Without options (the first constructor) no return flow is driven: the desk behaves as before.
/// </para>
/// <para>
/// The answering member acts, not the system: the member of the receiving body is authorised to hand back and resolve
/// a case handed off to their body (<see cref="Fengqiao.Cases.InMemory.OrgCaseAuthorizer"/>), and recording a hand-off
/// answer needs that same authority, so the event names who answered and its text names the hand-off's key and rule.
/// The overdue sweep (<see cref="SweepAsync"/>) records each flag with a supervision (督办) by the given supervisor.
/// </para>
/// <para>
/// If the desk refuses the case step (<see cref="CaseActionRefusedException"/>, <see cref="CaseNotFoundException"/>,
/// <see cref="ConcurrencyConflictException"/>), nothing is appended, so the ledger is not changed, and the exception propagates. A policy that
/// fails after the step does not fail the answer: the desk records the failure on the case (<see cref="Case.PolicyFailure"/>)
/// and the ledger is updated as for any recorded step.
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
    private readonly MediationDeskOptions? options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly IDisposable subscription;
    private ImmutableArray<Exception> projectionFailures = [];
    private ImmutableHashSet<CaseId> behind = [];

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
        subscription = desk.Events.Subscribe(Project);
        // Nothing is read here: the ledger rebuilds itself from the store on the first call that needs it (this desk's
        // or the hand-off policy's), so the policy sees every key taken before it decides anything.
        ledger.RebuildFrom(RebuildAsync);
    }

    /// <summary>Creates the coordinator with the outside bodies' units, so that it drives the return flows (回流) of the
    /// four-way docking: judicial confirmation and return to filing (诉调), return to petition handling (访调), switch to
    /// police mediation (警调) and the outcome back to the procuratorate (检调).</summary>
    /// <param name="desk">The case desk, with a <see cref="HandOffCasePolicy"/> over the same ledger (it carries out the return hand-offs).</param>
    /// <param name="ledger">The hand-off ledger.</param>
    /// <param name="clock">The clock the ledger's steps are dated by (use the desk's).</param>
    /// <param name="options">The outside bodies' units and the rules; validated here.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MediationDeskConfigurationException">An option names a unit that is not in <see cref="MediationDeskOptions.Directory"/>
    /// (the exception names the option and the unit); or <paramref name="desk"/> runs no <see cref="HandOffCasePolicy"/> over
    /// <paramref name="ledger"/>, so no return hand-off could be carried out (the exception names <see cref="HandOffCasePolicy"/>).
    /// Checked here so that a conclusion never fails after its hand-back was saved.</exception>
    public MediationDesk(CaseDesk desk, HandOffLedger ledger, IClock clock, MediationDeskOptions options)
        : this(desk, ledger, clock, (options ?? throw new ArgumentNullException(nameof(options))).Rules)
    {
        options.Validate();
        if (!desk.Policies.OfType<HandOffCasePolicy>().Any(p => ReferenceEquals(p.Ledger, ledger)))
        {
            throw new MediationDeskConfigurationException(nameof(HandOffCasePolicy), null,
                "The mediation desk drives return flows (回流), which a HandOffCasePolicy over the same ledger carries out on the case desk, " +
                "but the case desk runs none: register new HandOffCasePolicy(ledger, …) in CaseDeskOptions.Policies, or build the mediation desk without options (no return flows).");
        }

        this.options = options;
    }

    /// <summary>Gets the outside bodies' units, or <see langword="null"/> when the desk was built without them (no return flows).</summary>
    public MediationDeskOptions? Options => options;

    /// <summary>Gets the hand-off ledger.</summary>
    public HandOffLedger Ledger { get; }

    /// <summary>Gets the problems met folding the desk's events into the ledger (<see cref="HandOffLedger.Project"/>): a hand-off whose terms the ledger refused. Empty in normal operation.</summary>
    /// <remarks>The case event stands (it is stored); the ledger lacks that hand-off until the host repairs it. Listed here rather than thrown, because the desk's event stream drops a subscriber that throws.</remarks>
    public ImmutableArray<Exception> ProjectionFailures => projectionFailures;

    /// <summary>Gets whether this mediation desk still folds the desk's events into the ledger (it always does, unless the desk's event stream dropped it).</summary>
    internal bool IsProjecting => subscription is not null;

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
    public Task<Case> DeclineAsync(CorrelationKey key, CaseActor by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        return AnswerAsync(key, (h, at) =>
        {
            h.Decline(at, by.Id, reason); // validates: throws the ledger's typed refusal, changing nothing
            var note = $"{h.To} declined hand-off '{h.Key}' ({h.Flow.Name}, rule {h.RuleId}): {reason}";
            return ct => desk.RecordAsync(h.CaseId, by, new CaseHandOffDeclined(h.Key.Value, reason), new CaseHandedBack(note), null, ct);
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
    public Task<Case> ConcludeAsync(CorrelationKey key, CaseActor by, HandOffOutcome outcome, string record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(record);
        return ConcludeCoreAsync(key, by, outcome, record, null, null, null, cancellationToken);
    }

    /// <summary>Applies a mediation conclusion (or an outside body's answer to a return hand-off), and drives the return flow a rule of <see cref="HandOffRules"/> names.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">The member of the receiving body who reports it.</param>
    /// <param name="conclusion">How it ended (agreement with terms and effective date, partial agreement, failure, withdrawal).</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the step (and after the return hand-off, when one is made).</returns>
    /// <remarks>
    /// <para>For a hand-off to mediation, the return rules of <see cref="HandOffRules"/> are evaluated on the outcome
    /// (a <see cref="HandOffFact"/> from <see cref="HandOffOrigin.Mediation"/>, came by the hand-off's route). The first
    /// rule whose outside body is named in <see cref="MediationDeskOptions"/> is carried out: the case is handed back
    /// by <paramref name="by"/>, then handed off (移交) by the <see cref="HandOffCasePolicy"/> to the outside body with a
    /// cause naming the rule, the new correlation key (the old one, a slash and the flow: <c>/confirm</c>,
    /// <c>/filing</c>, <c>/petition</c>, <c>/police</c>, <c>/procuratorate</c>), the purpose and both bodies; and a new
    /// ledger entry starts its clock:</para>
    /// <list type="bullet">
    /// <item><description>诉调 <see cref="HandOffRules.CourtConfirmAgreement"/>: an agreement goes to the court for judicial
    /// confirmation (司法确认) — sent within 30 days of the agreement taking effect (人民调解法 art.33); the court accepts within 3 days and decides within 15, +10 (司法确认程序若干规定 2011).
    /// After the window closed the agreement simply resolves the case, and the reply says so.</description></item>
    /// <item><description>诉调 <see cref="HandOffRules.CourtReturnFailure"/>: a failure or withdrawal returns to the court's filing
    /// (concludes when the court signs for it).</description></item>
    /// <item><description>访调 <see cref="HandOffRules.PetitionReturnFailure"/>: a failure or partial agreement returns to
    /// petition handling with the mediation record (15 days to accept, 60 + 30 to handle: 信访工作条例 (2022) art.22, art.34).</description></item>
    /// <item><description>警调 <see cref="HandOffRules.PoliceTrafficSwitch"/>: a terminated traffic-accident mediation switches to
    /// police mediation, to be taken up within 3 working days and
    /// concluded within 10 working days (道路交通事故处理程序规定 (2018) art.90, art.112).</description></item>
    /// <item><description>检调 <see cref="HandOffRules.ProcuratorateReturnOutcome"/>: any outcome returns to the procuratorate
    /// (concludes when it signs for it).</description></item>
    /// </list>
    /// <para>Without a return, an agreement resolves the case (办结) and anything else hands it back, as the other overload.
    /// For a return hand-off (confirmation, petition handling, police mediation), <see cref="MediationConclusion.Agreement"/>
    /// means the outside body confirmed or settled the matter and resolves the case with its text as the reply; any
    /// other outcome hands the case back to its holder.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> or <paramref name="conclusion"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, the hand-off is closed or not yet accepted, or the agreement takes effect after it is reported; nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the step; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="MediationDeskConfigurationException">The conclusion and the hand-back were recorded, but the <see cref="HandOffCasePolicy"/>
    /// did not carry out the return hand-off (another policy moved the case first, or the policy failed). A desk without the
    /// policy is refused by the constructor, so this is never a missing registration.</exception>
    public Task<Case> ConcludeAsync(CorrelationKey key, CaseActor by, MediationConclusion conclusion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(conclusion);
        return ConcludeCoreAsync(key, by, conclusion.Outcome, conclusion.Text, conclusion.AgreementTakesEffect,
            conclusion.ConfirmationRequested, conclusion.PoliceMediationRequested, cancellationToken);
    }

    /// <summary>Records that the receiving body signed for the hand-off (签收), acting on the case where the flow ends there.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">The member of the receiving body who signs for it.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The hand-off after the acceptance.</returns>
    /// <remarks>For a flow that concludes on acceptance (return to the court's filing 转立案, outcome to the
    /// procuratorate), the case is resolved (办结) by <paramref name="by"/> with a reply saying where the matter
    /// continues, and the hand-off concludes as <see cref="HandOffOutcome.Received"/>. Otherwise the conclusion clock
    /// starts and the case does not change state: a <see cref="CaseHandOffAccepted"/> is recorded on it.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, the hand-off is closed or already accepted; nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused to resolve the case; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public async Task<HandOff> AcceptAsync(CorrelationKey key, CaseActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var at = clock.GetCurrentInstant();
            var h = Ledger.Get(key);
            var after = h.Accept(at, by.Id); // validates: throws the ledger's typed refusal, changing nothing
            var accepted = new CaseHandOffAccepted(h.Key.Value);
            if (after.Status == HandOffStatus.Concluded)
            {
                var reply = $"{h.Flow.Name}: {h.To} signed for hand-off '{h.Key}' (rule {h.RuleId}); the matter continues there.";
                await desk.RecordAsync(h.CaseId, by, accepted, new CaseResolved(reply), null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await desk.RecordAsync(h.CaseId, by, accepted, null, cancellationToken).ConfigureAwait(false);
            }

            return Folded(key, h);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Extends the hand-off's current limit as the law allows (延期, e.g. court-referred mediation by consent of all parties), recorded on its case.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">Who grants it (a member of the receiving body, or a dispatcher of the case's area).</param>
    /// <param name="extension">The extension.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The hand-off after the extension.</returns>
    /// <remarks>The case does not change state: a <see cref="CaseHandOffExtended"/> event is appended, which the ledger folds. An overdue flag is lifted, so the new limit can be flagged again.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> or <paramref name="extension"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, the hand-off is not pending, its flow allows no (further) extension, or the reason is empty; nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the record (the actor may not hand the case back); nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<HandOff> ExtendAsync(CorrelationKey key, CaseActor by, TimeLimit extension, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(extension);
        return RecordAsync(key, by, (h, at) =>
        {
            h.Extend(extension, at, by.Id, reason);
            return new CaseHandOffExtended(h.Key.Value, extension, reason);
        }, cancellationToken);
    }

    /// <summary>Pauses the hand-off's clock for excluded time (e.g. an appraisal, 鉴定), recorded on its case.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">Who records it (a member of the receiving body, or a dispatcher of the case's area).</param>
    /// <param name="reason">What the excluded step is; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The paused hand-off.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the hand-off cannot pause now (not pending, already paused, no clock, empty reason); nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the record; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<HandOff> PauseAsync(CorrelationKey key, CaseActor by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        return RecordAsync(key, by, (h, at) =>
        {
            h.PauseForExclusion(at, by.Id, reason);
            return new CaseHandOffPaused(h.Key.Value, reason);
        }, cancellationToken);
    }

    /// <summary>Resumes the hand-off's paused clock, recorded on its case.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">Who records it (a member of the receiving body, or a dispatcher of the case's area).</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The resumed hand-off.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the hand-off is not paused; nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the record; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">The hand-off's case does not exist; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<HandOff> ResumeAsync(CorrelationKey key, CaseActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        return RecordAsync(key, by, (h, at) =>
        {
            h.Resume(at, by.Id);
            return new CaseHandOffResumed(h.Key.Value);
        }, cancellationToken);
    }

    /// <summary>Hands a case off by hand (移交) to a body for a flow, and opens its ledger entry: hand-offs made by a person are in the ledger too.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="actor">Who hands it off (a dispatcher of the case's area).</param>
    /// <param name="body">The receiving body's unit.</param>
    /// <param name="purpose">The flow (e.g. <see cref="HandOffPurpose.CourtPreFilingDiversion"/> for a dispute the court sends to pre-filing mediation).</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="key">The outside body's reference number; <see langword="null"/> for the report's external reference or the case id (with a suffix when taken).</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The ledger entry.</returns>
    /// <remarks>The entry names no rule (a person decided); its sender is the case's holding unit, else the actor's unit.
    /// The ledger entry is checked first (a duplicate key or a request its flow refuses changes nothing), then the case
    /// is handed off on the desk, then the entry is opened.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty, or neither the case nor the actor names a sending unit.</exception>
    /// <exception cref="HandOffRefusedException">The key is taken, or the flow refuses the request (e.g. a return to petition handling without a mediation record); nothing changed.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the hand-off; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public async Task<HandOff> HandOffAsync(
        CaseId caseId, CaseActor actor, OrgUnitId body, HandOffPurpose purpose, string reason, CorrelationKey? key = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var c = await desk.FindAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(caseId);
            var from = c.HoldingUnit ?? actor.Unit
                ?? throw new ArgumentException($"Case {caseId} has no holding unit and {actor} names no unit: a hand-off needs a sending body.", nameof(actor));
            var at = clock.GetCurrentInstant();
            var k = key ?? FreeKey(HandOffCasePolicy.KeyFor(c), c.Id.ToString());
            var flow = HandOffFlows.For(purpose);
            var fact = CaseHandOffFacts.FromCase(c);
            var request = new HandOffRequest(k, caseId, purpose, fact.DisputeType, from, body, actor.Id, at, reason) { TrafficAccident = fact.TrafficAccident };
            Ledger.Validate(request);
            var terms = new CaseHandOffTerms(k.Value, purpose.ToString(), request.DisputeType.Key, from) { TrafficAccident = fact.TrafficAccident };
            await desk.HandOffAsync(caseId, actor, new CaseHandedOff(body, $"{reason} ({flow.Name}, hand-off '{k}')") { Terms = terms }, cancellationToken).ConfigureAwait(false);

            // The ledger opened the hand-off when it folded the committed event.
            return Ledger.TryGet(k, out var sent)
                ? sent
                : throw (ProjectionFailures.LastOrDefault() as HandOffRefusedException ?? new HandOffRefusedException(HandOffRefusal.UnknownKey, k, null,
                    $"Case {caseId} was handed off to {body} under '{k}', but the ledger did not fold the event: is this mediation desk built over the same case desk?"));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Gets the correlation key of the hand-off a case event belongs to.</summary>
    /// <param name="caseEvent">A case event.</param>
    /// <returns>The key named in the event's cause (a hand-off by rule or a return flow), else for a HandOff by hand the
    /// ledger entry of the case sent at the event's instant to its target unit; <see langword="null"/> when none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvent"/> is null.</exception>
    public CorrelationKey? KeyOf(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        if (caseEvent.Payload is CaseHandedOff { Terms: { } terms })
        {
            return new CorrelationKey(terms.Key);
        }

        if (caseEvent.Cause is { } cause && cause.Facts.TryGetValue(HandOffCasePolicy.KeyFact, out var value))
        {
            return new CorrelationKey(value);
        }

        if (caseEvent.Payload is CaseHandedOff { Body: var to })
        {
            return Ledger.ForCase(caseEvent.CaseId).LastOrDefault(h => h.To == to && h.SentAt == caseEvent.At)?.Key;
        }

        return null;
    }

    /// <summary>Sweeps the case desk, then the ledger: each hand-off newly overdue is flagged once, recorded on its case
    /// (<see cref="CaseHandOffOverdue"/>) with a supervision (督办, <see cref="CaseSupervised"/>) naming the limit and the rule, in one append.</summary>
    /// <param name="now">The instant to sweep at.</param>
    /// <param name="supervisor">Who presses for the overdue hand-off on the desk (a leader or supervisor of the centre).</param>
    /// <param name="cancellationToken">Cancels the sweep between cases.</param>
    /// <returns>What the sweep did.</returns>
    /// <remarks>
    /// Sweeping again at the same instant flags nothing (a hand-off is flagged once until it is extended). Supervise
    /// is used because it is the desk step that records pressure on an open case without changing its state. When the
    /// desk refuses the supervision (for example, the case is no longer open), nothing is recorded, the hand-off stays
    /// unflagged, and the refusal is listed in <see cref="MediationSweepResult.Failures"/>; the next sweep tries again.
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
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var flagged = ImmutableArray.CreateBuilder<HandOffEvent>();
            var failures = ImmutableArray.CreateBuilder<Exception>();
            foreach (var h in Ledger.Overdue(now))
            {
                var due = h.FlagOverdue(now, supervisor.Id).History[^1];
                var note = $"Hand-off '{h.Key}' to {h.To} is overdue ({h.Flow.Name}, rule {h.RuleId}): {due.Text}";
                try
                {
                    await desk.RecordAsync(h.CaseId, supervisor, new CaseHandOffOverdue(h.Key.Value), new CaseSupervised(note), null, cancellationToken).ConfigureAwait(false);
                    var after = Ledger.Get(h.Key);
                    if (after.OverdueFlaggedAt is not null && after.History[^1].Kind == HandOffEventKind.FlaggedOverdue)
                    {
                        flagged.Add(after.History[^1]);
                    }
                }
                catch (Exception e) when (e is CaseActionRefusedException or CaseNotFoundException or ConcurrencyConflictException)
                {
                    failures.Add(e);
                }
            }

            return new MediationSweepResult(swept, flagged.ToImmutable(), failures.ToImmutable());
        }
        finally
        {
            gate.Release();
        }
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private void Project(CaseEvent e)
    {
        try
        {
            Ledger.ProjectIfNext(e, out var gap);
            if (gap)
            {
                // Events of this case before the restart (or missed) are not folded yet: the next call reads its history.
                ImmutableInterlocked.Update(ref behind, static (set, id) => set.Add(id), e.CaseId);
            }
        }
        catch (Exception ex) when (ex is HandOffRefusedException or ArgumentException)
        {
            ImmutableInterlocked.Update(ref projectionFailures, static (list, x) => list.Add(x), ex);
        }
    }

    /// <summary>Rebuilds a fresh ledger from the stored histories (once), then folds the stored histories of cases whose published events skipped versions. Called under the gate.</summary>
    /// <summary>Makes <see cref="Ledger"/> whole: rebuilds it from the stored histories if that has not been done yet
    /// (once, see the class remarks), then folds the stored histories of cases whose published events it missed.</summary>
    /// <param name="cancellationToken">Cancels the reading; what was folded stays folded, and the next call goes on.</param>
    /// <returns>A task that completes when the ledger holds every stored hand-off step.</returns>
    /// <remarks>Every call of this desk, and the <see cref="HandOffCasePolicy"/> before it reads the ledger, do this
    /// themselves; a host needs it only to read <see cref="Ledger"/> directly right after start-up. Cheap once the
    /// ledger is whole.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Exception">The store's exception when it cannot be read; the next call reads again.</exception>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await Ledger.EnsureRebuiltAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in Interlocked.Exchange(ref behind, []))
        {
            Fold(await desk.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The ledger's rebuild source: folds every stored history (the ledger runs it once, see <see cref="HandOffLedger.EnsureRebuiltAsync"/>).</summary>
    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        if (!Ledger.IsRestored && desk.CanReadHistories)
        {
            await foreach (var history in desk.ReadHistoriesAsync(cancellationToken).ConfigureAwait(false))
            {
                Fold(history);
            }
        }
    }

    private void Fold(IReadOnlyList<CaseEvent> history)
    {
        foreach (var e in history)
        {
            try
            {
                Ledger.Project(e);
            }
            catch (Exception ex) when (ex is HandOffRefusedException or ArgumentException)
            {
                ImmutableInterlocked.Update(ref projectionFailures, static (list, x) => list.Add(x), ex);
            }
        }
    }

    /// <summary>Gets the hand-off after the desk appended its step, which the ledger folded when the desk published it.</summary>
    private HandOff Folded(CorrelationKey key, HandOff before)
    {
        var after = Ledger.Get(key);
        return !ReferenceEquals(after, before)
            ? after
            : throw (ProjectionFailures.LastOrDefault() as HandOffRefusedException ?? new HandOffRefusedException(HandOffRefusal.UnknownKey, key, before,
                $"The step of hand-off '{key}' was recorded on case {before.CaseId}, but the ledger did not fold the event: is this mediation desk built over the same case desk?"));
    }

    private async Task<HandOff> RecordAsync(
        CorrelationKey key, CaseActor by, Func<HandOff, Instant, CaseHandOffRecord> plan, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var h = Ledger.Get(key);
            var record = plan(h, clock.GetCurrentInstant()); // validates: throws the ledger's typed refusal, changing nothing
            await desk.RecordAsync(h.CaseId, by, record, null, cancellationToken).ConfigureAwait(false);
            return Folded(key, h);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Suffix(HandOffPurpose purpose) => purpose switch
    {
        HandOffPurpose.CourtJudicialConfirmation => "confirm",
        HandOffPurpose.CourtReturnToFiling => "filing",
        HandOffPurpose.PetitionReturn => "petition",
        HandOffPurpose.PoliceTrafficSwitch => "police",
        HandOffPurpose.ProcuratorateReturn => "procuratorate",
        _ => purpose.ToString(),
    };

    private CorrelationKey FreeKey(CorrelationKey preferred, string suffix)
    {
        if (!Ledger.IsTaken(preferred))
        {
            return preferred;
        }

        var candidate = new CorrelationKey($"{preferred.Value}/{suffix}");
        for (var i = 2; Ledger.IsTaken(candidate); i++)
        {
            candidate = new CorrelationKey($"{preferred.Value}/{suffix}-{i}");
        }

        return candidate;
    }

    private CorrelationKey ReturnKey(CorrelationKey from, HandOffPurpose purpose)
    {
        var suffix = Suffix(purpose);
        var candidate = new CorrelationKey($"{from.Value}/{suffix}");
        for (var i = 2; Ledger.IsTaken(candidate); i++)
        {
            candidate = new CorrelationKey($"{from.Value}/{suffix}-{i}");
        }

        return candidate;
    }

    /// <summary>The road map's next step after a mediation that did not settle the whole matter, for the hand-back note.</summary>
    private string NextStep(HandOff h, HandOffOutcome outcome)
    {
        if (outcome is HandOffOutcome.Agreement or HandOffOutcome.Received)
        {
            return "";
        }

        var map = options?.RoadMap ?? LegalRoadMap.Default;
        return map.NextAfter(h.DisputeType, RoadMapStepKind.Mediation) is { } next
            ? $" Next step on the legal road map (法治化路线图): {next}."
            : "";
    }

    private async Task<Case> ConcludeCoreAsync(
        CorrelationKey key, CaseActor by, HandOffOutcome outcome, string text, Instant? takesEffect, bool? confirmation, bool? police,
        CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var at = clock.GetCurrentInstant();
            var h = Ledger.Get(key);
            h.Conclude(at, by.Id, outcome, text); // validates: throws the ledger's typed refusal, changing nothing
            if (takesEffect is { } effect && effect > at)
            {
                throw new HandOffRefusedException(HandOffRefusal.Incomplete, key, h,
                    $"{h} is accepted: the conclusion is refused: the agreement takes effect at {effect}, after it is reported at {at}; report it once it is in effect.");
            }

            var plan = h.Direction == HandOffDirection.ToMediation
                ? PlanReturn(h, by, outcome, text, takesEffect ?? at, confirmation, police, at)
                : new ReturnPlan(null, null, "");
            var concluded = new CaseHandOffConcluded(h.Key.Value, outcome.ToString(), text);
            Func<CancellationToken, Task<Case>> onCase;
            if (plan.Staged is { } staged)
            {
                // One desk action: the hand-back carries the return it decides; the case keeps it (Case.PendingReturn, in
                // the store) until the hand-off policy makes the hand-off, in the same append or on a later sweep.
                var what = outcome == HandOffOutcome.Agreement ? "Mediation agreement (调解协议)" : $"Mediation ended in {outcome}";
                var note = $"{what} at {h.To} under hand-off '{h.Key}'; returned by rule {staged.Request.RuleId} to {staged.Request.To} under hand-off '{staged.Request.Key}'{plan.Skipped}. Mediation record (调解记录): {text}";
                var request = staged.Request;
                var terms = new CaseHandOffTerms(request.Key.Value, request.Purpose.ToString(), request.DisputeType.Key, request.From)
                {
                    RuleId = request.RuleId,
                    Returns = h.Key.Value,
                    SentBy = request.SentBy,
                    AgreementTakesEffect = request.AgreementTakesEffect,
                    MediationTerminated = request.MediationTerminated,
                    MediationRecord = request.MediationRecord,
                    TrafficAccident = request.TrafficAccident,
                };
                var step = new CaseHandedBack(note) { Return = new CaseHandOffReturn(request.To, staged.Text, terms) };
                onCase = ct => desk.RecordAsync(h.CaseId, by, concluded, step, null, ct);
            }
            else if (outcome == HandOffOutcome.Agreement)
            {
                var reply = h.Direction == HandOffDirection.ToMediation
                    ? $"Mediation agreement (调解协议) at {h.To} under hand-off '{h.Key}' (rule {h.RuleId}): {text}{plan.Skipped}"
                    : $"{h.Flow.Name} settled by {h.To} under hand-off '{h.Key}' (rule {h.RuleId}): {text}";
                onCase = ct => desk.RecordAsync(h.CaseId, by, concluded, new CaseResolved(reply), null, ct);
            }
            else
            {
                var note = h.Direction == HandOffDirection.ToMediation
                    ? $"Mediation ended in {outcome} at {h.To} under hand-off '{h.Key}'; returned by rule {plan.RuleId ?? h.RuleId}. Mediation record (调解记录): {text}{NextStep(h, outcome)}"
                    : $"{h.Flow.Name} ended in {outcome} at {h.To} under hand-off '{h.Key}' (rule {h.RuleId}); the case returns to its holder: {text}";
                onCase = ct => desk.RecordAsync(h.CaseId, by, concluded, new CaseHandedBack(note), null, ct);
            }

            return await onCase(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private ReturnPlan PlanReturn(HandOff h, CaseActor by, HandOffOutcome outcome, string text, Instant takesEffect, bool? confirmation, bool? police, Instant at)
    {
        var traffic = h.DisputeType == DisputeType.Traffic || h.TrafficAccident;
        var agreed = outcome is HandOffOutcome.Agreement or HandOffOutcome.PartialAgreement;
        var fact = new HandOffFact(HandOffOrigin.Mediation, h.DisputeType)
        {
            CameBy = h.Route,
            MediationOutcome = outcome,
            TrafficAccident = traffic,
            ConfirmationRequested = agreed && (confirmation ?? h.Route == HandOffRoute.Court),
            SwitchToPoliceRequested = !agreed && traffic && (police ?? true),
        };
        var matches = HandOffRules.Decide(rules, fact);
        var ruleId = matches.Select(m => m.RuleId).FirstOrDefault();
        if (options is null)
        {
            return new ReturnPlan(null, ruleId, "");
        }

        var skipped = new List<string>();
        foreach (var match in matches)
        {
            if (match.Decision is not { Direction: HandOffDirection.FromMediation } decision
                || options.UnitFor(decision.Target) is not { } unit)
            {
                continue;
            }

            var request = HandOffRules.ToRequest(match, fact, ReturnKey(h.Key, decision.Purpose), h.CaseId, h.To, unit, by.Id, at) with
            {
                MediationRecord = text,
                TrafficAccident = traffic,
                AgreementTakesEffect = decision.Purpose == HandOffPurpose.CourtJudicialConfirmation ? takesEffect : null,
                MediationTerminated = decision.Purpose == HandOffPurpose.PoliceTrafficSwitch ? at : null,
                AnswerLimit = decision.Purpose == HandOffPurpose.PoliceTrafficSwitch ? MediationLimits.TrafficSwitchToPolice : null,
            };
            try
            {
                Ledger.Validate(request);
            }
            catch (HandOffRefusedException e) when (e.Refusal == HandOffRefusal.OutsideWindow)
            {
                skipped.Add($"rule {match.RuleId} not carried out: {e.Message}");
                continue;
            }

            var facts = request.Facts.ToBuilder();
            facts[HandOffCasePolicy.KeyFact] = request.Key.Value;
            facts[HandOffCasePolicy.PurposeFact] = decision.Purpose.ToString();
            facts[HandOffCasePolicy.FromFact] = h.To.ToString();
            facts[HandOffCasePolicy.ToFact] = unit.ToString();
            facts["returns-hand-off"] = h.Key.Value;
            facts["sent-by"] = by.Id.ToString();
            var staged = new StagedReturn(request, facts.ToImmutable(), $"{decision.Note} → {unit} (from hand-off '{h.Key}')");
            return new ReturnPlan(staged, match.RuleId, Skipped(skipped));
        }

        return new ReturnPlan(null, ruleId, Skipped(skipped));
    }

    private static string Skipped(List<string> skipped) => skipped.Count == 0 ? "" : $" ({string.Join("; ", skipped)})";

    private async Task<Case> AnswerAsync(
        CorrelationKey key, Func<HandOff, Instant, Func<CancellationToken, Task<Case>>> plan, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);

            // Validates against the ledger first (throws its typed refusal, changing nothing), then records on the case;
            // the ledger folds the event when the desk publishes it.
            var onCase = plan(Ledger.Get(key), clock.GetCurrentInstant());
            return await onCase(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}

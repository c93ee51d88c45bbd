using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Lifecycles;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases.Desk;

// One public method per action. Each documents only what is particular to it; all of them share these outcomes:
// CaseNotFoundException (no such case), CaseActionRefusedException (refused: nothing changed),
// ConcurrencyConflictException (someone else wrote first: nothing changed), and the store's own exceptions (nothing
// published). A policy failure after the action is recorded on the case (Case.PolicyFailure), never thrown.
public sealed partial class CaseDesk
{
    /// <summary>Accepts a registered matter (受理).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts (a dispatcher).</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action (and after any policy actions it caused).</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> AcceptAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseAccepted(), cancellationToken);

    /// <summary>Declines a registered or returned matter (不予受理), with a reason.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts (a dispatcher).</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> DeclineAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseDeclined(reason), cancellationToken);

    /// <summary>Dispatches the case to a unit (转办/派单), starting that unit's clock (and the sign-for clock when the policy has one); again before a claim to re-dispatch (改派).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts (a dispatcher).</param>
    /// <param name="unit">The unit to handle it; must be in the directory when one is configured.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: an unknown unit); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> DispatchAsync(CaseId id, CaseActor actor, OrgUnitId unit, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseDispatched(unit), cancellationToken);

    /// <summary>Claims the case for the acting worker (签收), stopping the sign-for clock.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ClaimAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseClaimed(actor?.Id ?? throw new ArgumentNullException(nameof(actor))), cancellationToken);

    /// <summary>Starts handling (开始办理).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> StartAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseStarted(), cancellationToken);

    /// <summary>Resolves the case with a reply to the citizen (办结); the unit clock pauses while the reply is reviewed.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit (or of the body it was handed off to).</param>
    /// <param name="reply">The reply (答复); not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ResolveAsync(CaseId id, CaseActor actor, string reply, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseResolved(reply), cancellationToken);

    /// <summary>Sends the reply for review (送审).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> SubmitForReviewAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseSubmittedForReview(), cancellationToken);

    /// <summary>Approves the reply (审核通过): stops the citizen and unit clocks and starts the callback clock when the policy has one.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ApproveAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseApproved(), cancellationToken);

    /// <summary>Rejects a non-standard reply back to handling (驳回), with a reason; the unit clock resumes.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> RejectAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseRejected(reason), cancellationToken);

    /// <summary>Records a call-back attempt (回访); the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who called (a dispatcher).</param>
    /// <param name="note">A note on the call, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> CallBackAsync(CaseId id, CaseActor actor, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseCalledBack(note), cancellationToken);

    /// <summary>Records a rating of the current cycle (评价), stopping the callback clock; on a closed case, a late rating.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The citizen (by query code), a people's deputy, or the dispatcher at call-back.</param>
    /// <param name="rating">The rating; not <see cref="CaseRating.NotRated"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> RateAsync(CaseId id, CaseActor actor, CaseRating rating, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseRated(rating), cancellationToken);

    /// <summary>Closes (archives) a rated case (归档), stopping every clock.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> CloseAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseClosed(), cancellationToken);

    /// <summary>Returns the case to the dispatcher (退回), with a reason: the unit clock stops; the citizen clock runs on.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A worker of the holding unit.</param>
    /// <param name="reason">Why the matter is not the unit's; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ReturnAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseReturned(reason), cancellationToken);

    /// <summary>Suspends handling (挂起), with a reason: the running clocks pause.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> SuspendAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseSuspended(reason), cancellationToken);

    /// <summary>Resumes a suspended case (恢复) in the state it was suspended from; the paused clocks resume.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ResumeAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseResumed(), cancellationToken);

    /// <summary>Requests an extension (延期申请), with a reason and optionally the length asked for.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A worker of the holding unit.</param>
    /// <param name="reason">Why more time is needed; not empty.</param>
    /// <param name="limit">The extension asked for, or <see langword="null"/> for the policy's extension limit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: a request is already pending, or the caps are reached); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> RequestExtensionAsync(CaseId id, CaseActor actor, string reason, TimeLimit? limit = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseExtensionRequested(reason, limit), cancellationToken);

    /// <summary>Grants the pending extension (批准延期): the citizen and unit clocks are extended, within the caps.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="limit">The extension granted, or <see langword="null"/> for what was requested (else the policy's extension limit).</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <remarks>
    /// Caps: at most <see cref="CaseDeskOptions.MaxExtensions"/> grants; one grant may not reach past the deadline
    /// the policy's <see cref="SlaLimitNames.Extension"/> limit would give; all grants together may not add more than
    /// <see cref="CaseDeskOptions.MaxExtensionTotal"/> of working time.
    /// </remarks>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (no pending request, no limit to grant, a cap exceeded); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> GrantExtensionAsync(CaseId id, CaseActor actor, TimeLimit? limit = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseExtensionGranted(limit), cancellationToken);

    /// <summary>Denies the pending extension (不予延期), with a reason.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: no pending request); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> DenyExtensionAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseExtensionDenied(reason), cancellationToken);

    /// <summary>Escalates the case to a unit up the ladder (升级): a new unit clock starts; the citizen clock runs on.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher, or the system with a cause (through a policy).</param>
    /// <param name="unit">The unit to take it over; must be in the directory when one is configured.</param>
    /// <param name="reason">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> EscalateAsync(CaseId id, CaseActor actor, OrgUnitId unit, string? reason = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseEscalated(unit, reason), cancellationToken);

    /// <summary>Reopens a rated or closed case (重办), with a reason: a new handling cycle with new citizen and unit clocks, rated again.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A people's deputy, a leader, or the system with a cause.</param>
    /// <param name="reason">Why (an unsatisfied rating, a leader's instruction); not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ReopenAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseReopened(reason), cancellationToken);

    /// <summary>Withdraws the matter (撤回), stopping every clock.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The citizen (by query code), or a dispatcher on the citizen's request.</param>
    /// <param name="reason">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> WithdrawAsync(CaseId id, CaseActor actor, string? reason = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseWithdrawn(reason), cancellationToken);

    /// <summary>Supervises the case (督办): recorded, the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A leader or supervisor.</param>
    /// <param name="note">What is pressed for, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> SuperviseAsync(CaseId id, CaseActor actor, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseSupervised(note), cancellationToken);

    /// <summary>Records a leader's instruction (批示): the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A leader.</param>
    /// <param name="instruction">The instruction; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="ArgumentException"><paramref name="instruction"/> is empty.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> InstructAsync(CaseId id, CaseActor actor, string instruction, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instruction);
        return ActAsync(id, actor, new CaseInstructed(instruction), cancellationToken);
    }

    /// <summary>Records a leader's instruction (批示) that names the unit instructed and a limit (Baiyin: "请市住建局即刻处理"): the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A leader.</param>
    /// <param name="instruction">The instruction; not empty.</param>
    /// <param name="unit">The unit instructed; must be in the directory when one is configured.</param>
    /// <param name="limit">The limit it sets the unit, counted from now on the case's calendar.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action, and after the policies' follow-up: a county desk's escalation policy issues a
    /// tracked supervision of <paramref name="unit"/> with <paramref name="limit"/> (see <see cref="Case.Supervisions"/>,
    /// <see cref="CaseSupervision.Instruction"/>).</returns>
    /// <remarks>The follow-up goes overdue like any supervision (the sweep records it once and the county's desk rules
    /// may re-issue it higher), and closes when the unit reports back (<see cref="ReportInAsync"/> by a member of the unit).</remarks>
    /// <exception cref="ArgumentException"><paramref name="instruction"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="limit"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: a unit not in the directory); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> InstructAsync(CaseId id, CaseActor actor, string instruction, OrgUnitId unit, TimeLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instruction);
        ArgumentNullException.ThrowIfNull(limit);
        return ActAsync(id, actor, new CaseInstructed(instruction) { Unit = unit, Limit = limit }, cancellationToken);
    }

    /// <summary>Assigns a people's deputy (人大代表) to follow the case (指派代表): the state does not change, and the case lists the deputy in <see cref="Case.AssignedDeputies"/>.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher or leader responsible for the case's area.</param>
    /// <param name="deputy">The deputy's actor id.</param>
    /// <param name="note">Why the deputy follows the case, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <remarks>
    /// The desk asks the authoriser whether <paramref name="deputy"/> could rate the case once assigned; when it could not
    /// (an unknown deputy, or a <see cref="DeputyScope.Area"/> county and a case outside the deputy's area) the
    /// assignment is refused with the authoriser's reason, so no assignment is recorded that would let nobody act.
    /// </remarks>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: <see cref="CaseRefusalKind.InvalidArgument"/> for a deputy who could not act on the case); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> AssignDeputyAsync(CaseId id, CaseActor actor, ActorId deputy, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseDeputyAssigned(deputy, note), cancellationToken);

    /// <summary>Hands the case off to a mediation or legal route (移交): the running clocks pause until it is handed back.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher, or the system with a cause (Fengqiao.Mediation).</param>
    /// <param name="body">The body taking it (a mediation committee, a court); must be in the directory when one is configured.</param>
    /// <param name="reason">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> HandOffAsync(CaseId id, CaseActor actor, OrgUnitId body, string? reason = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseHandedOff(body, reason), cancellationToken);

    /// <summary>Hands the case back (移交退回) to the state it left; the paused clocks resume.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher, a member of the body holding it, or the system with a cause.</param>
    /// <param name="note">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> HandBackAsync(CaseId id, CaseActor actor, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseHandedBack(note), cancellationToken);

    /// <summary>Hands the case off (移交) with its terms as data (<see cref="CaseHandedOff.Terms"/>): the running clocks pause until it is handed back.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher, or the system with a cause (Fengqiao.Mediation).</param>
    /// <param name="step">The hand-off: body, reason and terms.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> HandOffAsync(CaseId id, CaseActor actor, CaseHandedOff step, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, step ?? throw new ArgumentNullException(nameof(step)), cancellationToken);

    /// <summary>Hands the case back (移交退回), optionally staging a return flow on it (<see cref="CaseHandedBack.Return"/>, kept as <see cref="Case.PendingReturn"/> until a hand-off makes it).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher, a member of the body holding it, or the system with a cause.</param>
    /// <param name="step">The hand-back: note and staged return.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action and the policies' follow-up in the same append (a hand-off policy carries out the staged return there).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> HandBackAsync(CaseId id, CaseActor actor, CaseHandedBack step, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, step ?? throw new ArgumentNullException(nameof(step)), cancellationToken);

    /// <summary>Merges a case into another open case about the same matter (合并): this case ends, and its report joins the other.</summary>
    /// <param name="id">The case to merge away.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="into">The open case it joins.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The merged case (the other case carries a <see cref="CaseReportJoined"/> event).</returns>
    /// <remarks>
    /// Two cases change, in two appends: first this case (Merged), then the other (ReportJoined). If the second append
    /// fails, this case still records <see cref="Case.MergedInto"/> and the error propagates; the join can be repeated
    /// by hand. Stores that offer multi-case transactions may do better; the port does not require it.
    /// </remarks>
    /// <exception cref="CaseNotFoundException">Either case does not exist.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: merging into itself or into a case that is not open); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">A case changed meanwhile.</exception>
    public async Task<Case> MergeAsync(CaseId id, CaseActor actor, CaseId into, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = await LoadRequiredAsync(into, cancellationToken).ConfigureAwait(false);
        var merged = await ActAsync(id, actor, new CaseMerged(into, reason), cancellationToken, target).ConfigureAwait(false);
        var at = Instant.Max(clock.GetCurrentInstant(), target.UpdatedAt);
        target = await LoadRequiredAsync(into, cancellationToken).ConfigureAwait(false);
        at = Instant.Max(at, target.UpdatedAt);
        var joined = new CaseEvent(into, target.Version + 1, at, actor, target.State, target.State, new CaseReportJoined(merged.Report, id, reason));
        var events = new List<CaseEvent>(2) { joined };
        var (after, _) = await RunPoliciesAsync(target.Apply(joined), joined, at, events, cancellationToken).ConfigureAwait(false);
        await CommitAsync(target.Version, events, after, cancellationToken).ConfigureAwait(false);
        return merged;
    }

    internal Task<Case> ActAsync(CaseId id, CaseActor actor, CaseTransition step, CancellationToken cancellationToken, Case? mergeTarget = null) =>
        ActCoreAsync(id, actor, null, step, null, cancellationToken, mergeTarget);

    /// <summary>Decides <paramref name="record"/> (when given) and then <paramref name="step"/> (when given) on one load of the case, and appends them with the policies' follow-up in one append.</summary>
    private async Task<Case> ActCoreAsync(
        CaseId id, CaseActor actor, CaseRecord? record, CaseTransition? step, CaseEventCause? cause, CancellationToken cancellationToken, Case? mergeTarget = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await LoadRequiredAsync(id, cancellationToken).ConfigureAwait(false);
        var events = new List<CaseEvent>(3);
        var before = current;
        if (record is not null)
        {
            var recorded = await DecideRecordAsync(current, actor, record, cause, cancellationToken).ConfigureAwait(false);
            events.Add(recorded.Event);
            current = recorded.Case;
            if (step is null)
            {
                (current, _) = await RunPoliciesAsync(current, recorded.Event, recorded.Event.At, events, cancellationToken).ConfigureAwait(false);
                await CommitAsync(before.Version, events, current, cancellationToken).ConfigureAwait(false);
                return current;
            }
        }

        step = step ?? throw new ArgumentNullException(nameof(step));
        var (next, e, effects) = await DecideAsync(current, actor, step, cause, mergeTarget, cancellationToken).ConfigureAwait(false);
        events.Add(e);
        if (effects.Count > 0)
        {
            try
            {
                (next, e) = await CarryOutEffectsAsync(next, e, effects, events, cancellationToken).ConfigureAwait(false);
            }
            catch (CaseActionRefusedException refused) when (refused.CaseId == current.Id)
            {
                // The effect belongs to this action: refused together, nothing saved.
                throw new CaseActionRefusedException(refused.Kind, current.Id, current.State, step.Trigger, actor,
                    $"the lifecycle's action emitted {refused.Trigger} ({refused.State}), which was refused: {refused.Reason}",
                    await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false), refused.FailedGuards, refused);
            }
        }

        (next, _) = await RunPoliciesAsync(next, e, e.At, events, cancellationToken).ConfigureAwait(false);
        await CommitAsync(before.Version, events, next, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>Refuses an action that lacks what it needs before any payload can be built (e.g. an actor with no unit to issue from).</summary>
    private async Task<Case> RefuseAsync(CaseId id, CaseActor actor, CaseTrigger trigger, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await LoadRequiredAsync(id, cancellationToken).ConfigureAwait(false);
        throw new CaseActionRefusedException(CaseRefusalKind.InvalidArgument, current.Id, current.State, trigger, actor, reason,
            await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false));
    }

    private async Task<Case> LoadRequiredAsync(CaseId id, CancellationToken cancellationToken) =>
        await store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(id);

    /// <summary>
    /// Carries out, as steps of the system in the same append, the desk steps (<see cref="CaseTransition"/> payloads)
    /// that the lifecycle's entry, exit and internal actions emitted while <paramref name="origin"/> was decided, and
    /// those their own actions emit, in order.
    /// </summary>
    /// <returns>The case after the last step and the last event.</returns>
    private async Task<(Case Case, CaseEvent Last)> CarryOutEffectsAsync(
        Case current, CaseEvent origin, IReadOnlyList<CaseTransition> effects, List<CaseEvent> events, CancellationToken cancellationToken)
    {
        var queue = new Queue<(CaseEvent Origin, CaseTransition Step)>();
        foreach (var effect in effects)
        {
            queue.Enqueue((origin, effect));
        }

        var last = origin;
        var steps = 0;
        while (queue.TryDequeue(out var item))
        {
            if (++steps > maxPolicySteps)
            {
                throw new LifecycleDefinitionException(
                    $"Case {current.Id}: the lifecycle's actions emitted more than {maxPolicySteps} steps in a row after {origin.Trigger} (the last: {item.Step.Trigger}); this looks like a loop.");
            }

            var cause = new CaseEventCause(LifecycleEffectRuleId, new Dictionary<string, string>
            {
                ["from"] = item.Origin.From.ToString(),
                ["trigger"] = item.Origin.Trigger?.ToString() ?? "",
                ["to"] = item.Origin.To.ToString(),
                ["effect"] = item.Step.Trigger.ToString(),
            });
            var (next, e, more) = await DecideAsync(current, CaseActor.System, item.Step, cause, null, cancellationToken).ConfigureAwait(false);
            events.Add(e);
            current = next;
            last = e;
            foreach (var effect in more)
            {
                queue.Enqueue((e, effect));
            }
        }

        return (current, last);
    }

    private async Task<(Case Case, CaseEvent Event, IReadOnlyList<CaseTransition> Effects)> DecideAsync(
        Case current, CaseActor actor, CaseTransition step, CaseEventCause? cause, Case? mergeTarget, CancellationToken cancellationToken)
    {
        try
        {
            return await DecideCoreAsync(current, actor, step, cause, mergeTarget, cancellationToken).ConfigureAwait(false);
        }
        catch (CaseActionRefusedException e) when (e.CaseId == current.Id)
        {
            // Every refusal, whatever refused it (lifecycle, authoriser, the desk's checks), lists the same thing: what
            // this actor may do on the case now.
            throw new CaseActionRefusedException(e.Kind, e.CaseId, e.State, e.Trigger, e.Actor, e.Reason,
                await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false), e.FailedGuards, e.InnerException);
        }
    }

    private async Task<(Case Case, CaseEvent Event, IReadOnlyList<CaseTransition> Effects)> DecideCoreAsync(
        Case current, CaseActor actor, CaseTransition step, CaseEventCause? cause, Case? mergeTarget, CancellationToken cancellationToken)
    {
        var trigger = step.Trigger;
        CaseActionRefusedException Refuse(CaseRefusalKind kind, string reason) => new(kind, current.Id, current.State, trigger, actor, reason, []);

        if (actor.Kind == CaseActorKind.System && cause is null)
        {
            throw Refuse(CaseRefusalKind.Unauthorized, "the system acts only with a recorded cause (rule and facts)");
        }

        var decision = await authorizer.AuthorizeAsync(actor, trigger, current, cause is not null, cancellationToken).ConfigureAwait(false);
        if (decision is null || !decision.IsAllowed)
        {
            throw Refuse(CaseRefusalKind.Unauthorized, decision?.Reason ?? "the authoriser gave no decision");
        }

        if (routing is not null && actor.Kind != CaseActorKind.System && trigger is CaseTrigger.Dispatch or CaseTrigger.Escalate && step.ArgumentUnit is { } sendTo
            && routing.CheckTarget(actor, trigger, current, sendTo) is { IsAllowed: false } notThere)
        {
            throw Refuse(CaseRefusalKind.Unauthorized, notThere.Reason!);
        }

        var text = step.ArgumentText;
        var args = new CaseTransitionArgs
        {
            Reason = IsReasonTrigger(trigger) ? text : null,
            Reply = trigger == CaseTrigger.Resolve ? text : null,
            TargetUnit = step.ArgumentUnit,
            Rating = step.ArgumentRating,
            ReturnTo = trigger switch
            {
                CaseTrigger.Resume => current.SuspendedFrom,
                CaseTrigger.HandBack => current.HandedOffFrom,
                _ => null,
            },
            Actor = actor,
            Case = current,
        };
        var outcome = lifecycle.TryFire(current.State, trigger, args);
        if (!outcome.IsCompleted)
        {
            var refusal = new TransitionRefusedException(
                outcome.Status, current.State, trigger, [.. outcome.PermittedTriggers.Select(t => (object)t)], outcome.FailedGuards);
            throw new CaseActionRefusedException(
                outcome.Status == TransitionStatus.GuardFailed ? CaseRefusalKind.GuardFailed : CaseRefusalKind.NotPermitted,
                current.Id, current.State, trigger, actor,
                outcome.Status == TransitionStatus.GuardFailed ? "a guard refused it" : "the lifecycle does not permit it in this state",
                [], outcome.FailedGuards, refusal);
        }

        IReadOnlyList<CaseTransition> effects = [];
        if (outcome.Effects.Count > 0)
        {
            var steps = new List<CaseTransition>(outcome.Effects.Count);
            foreach (var effect in outcome.Effects)
            {
                steps.Add(effect as CaseTransition ?? throw new LifecycleDefinitionException(
                    $"Case {current.Id}: an action of the lifecycle on {current.State} --{trigger}--> {outcome.Destination} emitted a {effect.GetType().Name}, " +
                    "which the case desk cannot carry out: an action may emit only desk steps (CaseTransition payloads such as CaseSupervised), " +
                    "which the desk appends with the step. Nothing was saved."));
            }

            effects = steps;
        }

        // A department with a desk at the centre (常驻/轮驻): a dispatch, an escalation or a summons (吹哨) naming it
        // reaches the desk when it is staffed today, and the event records the unit reached.
        if (stationed.Count > 0)
        {
            step = AtStationedDesks(step);
        }

        if (step.ArgumentUnit is { } unit && directory is not null
            && await directory.FindUnitAsync(unit, cancellationToken).ConfigureAwait(false) is null)
        {
            throw Refuse(CaseRefusalKind.InvalidArgument, $"there is no unit '{unit}' in the directory");
        }

        switch (step)
        {
            case CaseMerged merge when merge.Into == current.Id:
                throw Refuse(CaseRefusalKind.InvalidArgument, "a case cannot be merged into itself");
            case CaseMerged when mergeTarget is { } target && !IsOpen(target.State):
                throw Refuse(CaseRefusalKind.InvalidArgument, $"case '{target.Id}' is {target.State}, not open, and cannot take a merge");
            case CaseMerged when mergeTarget is { MergedInto: not null } chained:
                throw Refuse(CaseRefusalKind.InvalidArgument, $"case '{chained.Id}' was itself merged away");
            case CaseMerged when mergeTarget is { } target:
                var over = await authorizer.AuthorizeAsync(actor, trigger, target, cause is not null, cancellationToken).ConfigureAwait(false);
                if (over is not { IsAllowed: true })
                {
                    throw Refuse(CaseRefusalKind.Unauthorized, $"no authority over case '{target.Id}', which it would join: {over?.Reason ?? "the authoriser gave no decision"}");
                }

                break;
            case CaseDeputyAssigned assign:
                var assigned = current.Apply(new CaseEvent(current.Id, current.Version + 1, current.UpdatedAt, actor, current.State, current.State, assign));
                var deputyMay = await authorizer.AuthorizeAsync(CaseActor.Deputy(assign.Deputy), CaseTrigger.Rate, assigned, false, cancellationToken).ConfigureAwait(false);
                if (deputyMay is not { IsAllowed: true })
                {
                    throw Refuse(CaseRefusalKind.InvalidArgument, $"people's deputy '{assign.Deputy}' could not act on the case even when assigned: {deputyMay?.Reason ?? "the authoriser gave no decision"}");
                }

                break;
            case CaseExtensionRequested when current.HasPendingExtension:
                throw Refuse(CaseRefusalKind.InvalidArgument, "an extension request is already pending");
            case CaseExtensionRequested when current.ExtensionCount >= maxExtensions:
                throw Refuse(CaseRefusalKind.CapExceeded, $"the case has had {current.ExtensionCount} of at most {maxExtensions} extension(s)");
            case CaseExtensionDenied when !current.HasPendingExtension:
                throw Refuse(CaseRefusalKind.InvalidArgument, "no extension request is pending");
            case CaseExtensionGranted grant:
                step = new CaseExtensionGranted(CheckGrant(current, grant.Limit, Refuse));
                break;
            case CaseSupervisionIssued supervision:
                await CheckSupervisionAsync(current, actor, supervision, Refuse, cancellationToken).ConfigureAwait(false);
                break;
            case CaseSummoned summons:
                await CheckSummonsAsync(summons, Refuse, cancellationToken).ConfigureAwait(false);
                break;
            case CaseInstructed instructed:
                await CheckInstructionAsync(instructed, Refuse, cancellationToken).ConfigureAwait(false);
                break;
            case CaseClosed when writtenReports.FirstOrDefault(r => r.IsMissingOn(current)) is { } missing:
                throw Refuse(CaseRefusalKind.GuardFailed,
                    $"unit '{missing.Unit}' held the case and has filed no written report (书面报送) to '{missing.Addressee}'; the county requires one before the case closes");
            case CaseReportedIn reportIn:
                var sequence = CheckReportIn(current, actor, reportIn.Department, Refuse);
                if (reportIn.Summons != 0 && reportIn.Summons != sequence && sequence != 0)
                {
                    throw Refuse(CaseRefusalKind.InvalidArgument, $"department '{reportIn.Department}' answers summons #{sequence}, not #{reportIn.Summons}");
                }

                step = reportIn with { Summons = sequence };
                break;
            default:
                break;
        }

        // Relay budgets: the level a case enters is recorded on the step, so a replay needs neither the org tree nor the ladder.
        if (relayLevelOf is not null && !current.Sla.RelayBudgets.IsEmpty)
        {
            step = step switch
            {
                CaseDispatched { RelayLevel: null } d => d with { RelayLevel = relayLevelOf(d.Unit) },
                CaseEscalated { RelayLevel: null } x => x with { RelayLevel = relayLevelOf(x.Unit) },
                _ => step,
            };
        }

        var at = Instant.Max(clock.GetCurrentInstant(), current.UpdatedAt);
        var e = new CaseEvent(current.Id, current.Version + 1, at, actor, outcome.Source, outcome.Destination, step) { Cause = cause };
        return (current.Apply(e), e, effects);
    }

    /// <summary>Resolves the departments a dispatch, escalation or summons names to their desks at the centre on today's rota.</summary>
    private CaseTransition AtStationedDesks(CaseTransition step)
    {
        OrgUnitId Resolve(OrgUnitId unit) =>
            stationed.TryGetValue(unit, out var atCentre) ? atCentre.Resolve(clock.GetCurrentInstant().InZone(calendar.Zone).Date) : unit;

        return step switch
        {
            CaseDispatched dispatched when stationed.ContainsKey(dispatched.Unit) => dispatched with { Unit = Resolve(dispatched.Unit) },
            CaseEscalated escalated when stationed.ContainsKey(escalated.Unit) => escalated with { Unit = Resolve(escalated.Unit) },
            CaseSummoned summoned when !summoned.Departments.IsDefault && summoned.Departments.Any(stationed.ContainsKey) =>
                summoned with { Departments = [.. summoned.Departments.Select(Resolve).Distinct()] },
            _ => step,
        };
    }

    private TimeLimit CheckGrant(Case current, TimeLimit? asked, Func<CaseRefusalKind, string, CaseActionRefusedException> refuse)
    {
        if (!current.HasPendingExtension)
        {
            throw refuse(CaseRefusalKind.InvalidArgument, "no extension request is pending");
        }

        if (current.ExtensionCount >= maxExtensions)
        {
            throw refuse(CaseRefusalKind.CapExceeded, $"the case has had {current.ExtensionCount} of at most {maxExtensions} extension(s)");
        }

        var limit = asked ?? current.PendingExtension ?? current.Sla.Extension
            ?? throw refuse(CaseRefusalKind.InvalidArgument, "no extension length was asked for and the SLA policy names no extension limit");
        var deadline = current.Clock(CaseClockKind.Citizen)!.Deadline;
        var extended = calendar.Deadline(deadline, limit).Deadline;
        if (current.Sla.Extension is { } cap && extended > calendar.Deadline(deadline, cap).Deadline)
        {
            throw refuse(CaseRefusalKind.CapExceeded, $"an extension of {limit} is longer than the policy's extension limit of {cap}");
        }

        var added = calendar.WorkingTimeBetween(deadline, extended);
        if (maxExtensionTotal is { } total && current.ExtensionTotal + added > total)
        {
            throw refuse(CaseRefusalKind.CapExceeded,
                $"extensions would add {(current.ExtensionTotal + added).TotalHours:0.##} working hours in total, more than the cap of {total.TotalHours:0.##}");
        }

        return limit;
    }

    /// <summary>What <paramref name="actor"/> may do on the case now: the triggers the lifecycle permits in its state
    /// (given the arguments they need), that the authoriser allows the actor, and that the desk's own checks allow
    /// (extension decisions only while an extension is pending, a request only while none is and the cap is not reached).</summary>
    private async Task<IReadOnlyList<CaseTrigger>> PermittedAsync(Case current, CaseActor actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<CaseTrigger> candidates;
        try
        {
            candidates = lifecycle.GetPermittedTriggers(current.State, new CaseTransitionArgs
            {
                Reason = ArgumentPlaceholder,
                Reply = ArgumentPlaceholder,
                TargetUnit = current.HoldingUnit ?? current.Report.Location.Grid,
                Rating = CaseRating.Satisfied,
                ReturnTo = current.SuspendedFrom ?? current.HandedOffFrom,
                Actor = actor,
                Case = current,
            });
        }
        catch (TransitionFailedException)
        {
            return [];
        }

        var permitted = new List<CaseTrigger>(candidates.Count);
        foreach (var trigger in candidates)
        {
            var open = trigger switch
            {
                CaseTrigger.GrantExtension or CaseTrigger.DenyExtension => current.HasPendingExtension,
                CaseTrigger.RequestExtension => !current.HasPendingExtension && current.ExtensionCount < maxExtensions,
                _ => true,
            };
            if (open && await authorizer.AuthorizeAsync(actor, trigger, current, actor.Kind == CaseActorKind.System, cancellationToken).ConfigureAwait(false)
                is { IsAllowed: true })
            {
                permitted.Add(trigger);
            }
        }

        return permitted;
    }

    private const string ArgumentPlaceholder = "(given)";

    private static bool IsReasonTrigger(CaseTrigger trigger) => trigger is not (CaseTrigger.Resolve or CaseTrigger.Instruct);
}

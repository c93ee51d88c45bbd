using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Lifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases.Desk;

// One public method per action. Each documents only what is particular to it; all of them share these outcomes:
// CaseNotFoundException (no such case), CaseActionRefusedException (refused: nothing changed),
// ConcurrencyConflictException (someone else wrote first: nothing changed), CasePolicyException (the action was
// recorded, a policy failed after it), and the store's own exceptions (nothing published).
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
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> AcceptAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Accept, default, cancellationToken);

    /// <summary>Declines a registered or returned matter (不予受理), with a reason.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts (a dispatcher).</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> DeclineAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Decline, new(Text: reason), cancellationToken);

    /// <summary>Dispatches the case to a unit (转办/派单), starting that unit's clock (and the sign-for clock when the policy has one); again before a claim to re-dispatch (改派).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts (a dispatcher).</param>
    /// <param name="unit">The unit to handle it; must be in the directory when one is configured.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: an unknown unit); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> DispatchAsync(CaseId id, CaseActor actor, OrgUnitId unit, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Dispatch, new(Unit: unit), cancellationToken);

    /// <summary>Claims the case for the acting worker (签收), stopping the sign-for clock.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> ClaimAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Claim, default, cancellationToken);

    /// <summary>Starts handling (开始办理).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> StartAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Start, default, cancellationToken);

    /// <summary>Resolves the case with a reply to the citizen (办结); the unit clock pauses while the reply is reviewed.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit (or of the body it was handed off to).</param>
    /// <param name="reply">The reply (答复); not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> ResolveAsync(CaseId id, CaseActor actor, string reply, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Resolve, new(Text: reply), cancellationToken);

    /// <summary>Sends the reply for review (送审).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The worker of the holding unit.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> SubmitForReviewAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.SubmitForReview, default, cancellationToken);

    /// <summary>Approves the reply (审核通过): stops the citizen and unit clocks and starts the callback clock when the policy has one.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> ApproveAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Approve, default, cancellationToken);

    /// <summary>Rejects a non-standard reply back to handling (驳回), with a reason; the unit clock resumes.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> RejectAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Reject, new(Text: reason), cancellationToken);

    /// <summary>Records a call-back attempt (回访); the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who called (a dispatcher).</param>
    /// <param name="note">A note on the call, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> CallBackAsync(CaseId id, CaseActor actor, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.CallBack, new(Text: note), cancellationToken);

    /// <summary>Records a rating of the current cycle (评价), stopping the callback clock; on a closed case, a late rating.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The citizen (by query code), a people's deputy, or the dispatcher at call-back.</param>
    /// <param name="rating">The rating; not <see cref="CaseRating.NotRated"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> RateAsync(CaseId id, CaseActor actor, CaseRating rating, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Rate, new(Rating: rating), cancellationToken);

    /// <summary>Closes (archives) a rated case (归档), stopping every clock.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> CloseAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Close, default, cancellationToken);

    /// <summary>Returns the case to the dispatcher (退回), with a reason: the unit clock stops; the citizen clock runs on.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A worker of the holding unit.</param>
    /// <param name="reason">Why the matter is not the unit's; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> ReturnAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Return, new(Text: reason), cancellationToken);

    /// <summary>Suspends handling (挂起), with a reason: the running clocks pause.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> SuspendAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Suspend, new(Text: reason), cancellationToken);

    /// <summary>Resumes a suspended case (恢复) in the state it was suspended from; the paused clocks resume.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> ResumeAsync(CaseId id, CaseActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Resume, default, cancellationToken);

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
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> RequestExtensionAsync(CaseId id, CaseActor actor, string reason, TimeLimit? limit = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.RequestExtension, new(Text: reason, Limit: limit), cancellationToken);

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
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> GrantExtensionAsync(CaseId id, CaseActor actor, TimeLimit? limit = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.GrantExtension, new(Limit: limit), cancellationToken);

    /// <summary>Denies the pending extension (不予延期), with a reason.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A reviewer.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: no pending request); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> DenyExtensionAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.DenyExtension, new(Text: reason), cancellationToken);

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
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> EscalateAsync(CaseId id, CaseActor actor, OrgUnitId unit, string? reason = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Escalate, new(Unit: unit, Text: reason), cancellationToken);

    /// <summary>Reopens a rated or closed case (重办), with a reason: a new handling cycle with new citizen and unit clocks, rated again.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A people's deputy, a leader, or the system with a cause.</param>
    /// <param name="reason">Why (an unsatisfied rating, a leader's instruction); not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> ReopenAsync(CaseId id, CaseActor actor, string reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Reopen, new(Text: reason), cancellationToken);

    /// <summary>Withdraws the matter (撤回), stopping every clock.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">The citizen (by query code), or a dispatcher on the citizen's request.</param>
    /// <param name="reason">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> WithdrawAsync(CaseId id, CaseActor actor, string? reason = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Withdraw, new(Text: reason), cancellationToken);

    /// <summary>Supervises the case (督办): recorded, the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A leader or supervisor.</param>
    /// <param name="note">What is pressed for, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> SuperviseAsync(CaseId id, CaseActor actor, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.Supervise, new(Text: note), cancellationToken);

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
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> InstructAsync(CaseId id, CaseActor actor, string instruction, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instruction);
        return ActAsync(id, actor, CaseTrigger.Instruct, new(Text: instruction), cancellationToken);
    }

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
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> HandOffAsync(CaseId id, CaseActor actor, OrgUnitId body, string? reason = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.HandOff, new(Unit: body, Text: reason), cancellationToken);

    /// <summary>Hands the case back (移交退回) to the state it left; the paused clocks resume.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A dispatcher, a member of the body holding it, or the system with a cause.</param>
    /// <param name="note">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public Task<Case> HandBackAsync(CaseId id, CaseActor actor, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, CaseTrigger.HandBack, new(Text: note), cancellationToken);

    /// <summary>Merges a case into another open case about the same matter (合并): this case ends, and its report joins the other.</summary>
    /// <param name="id">The case to merge away.</param>
    /// <param name="actor">A dispatcher.</param>
    /// <param name="into">The open case it joins.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The merged case (the other case carries a <see cref="CaseEventKind.ReportJoined"/> event).</returns>
    /// <remarks>
    /// Two cases change, in two appends: first this case (Merged), then the other (ReportJoined). If the second append
    /// fails, this case still records <see cref="Case.MergedInto"/> and the error propagates; the join can be repeated
    /// by hand. Stores that offer multi-case transactions may do better; the port does not require it.
    /// </remarks>
    /// <exception cref="CaseNotFoundException">Either case does not exist.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: merging into itself or into a case that is not open); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">A case changed meanwhile.</exception>
    /// <exception cref="CasePolicyException">The action was recorded, but a policy failed after it.</exception>
    public async Task<Case> MergeAsync(CaseId id, CaseActor actor, CaseId into, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = await LoadRequiredAsync(into, cancellationToken).ConfigureAwait(false);
        var merged = await ActAsync(id, actor, CaseTrigger.Merge, new(Text: reason, OtherCase: into, Target: target), cancellationToken)
            .ConfigureAwait(false);
        var at = Instant.Max(clock.GetCurrentInstant(), target.UpdatedAt);
        target = await LoadRequiredAsync(into, cancellationToken).ConfigureAwait(false);
        at = Instant.Max(at, target.UpdatedAt);
        var joined = new CaseEvent(into, target.Version + 1, at, actor, CaseEventKind.ReportJoined, target.State, target.State)
        {
            JoinedReport = merged.Report,
            OtherCase = id,
            Text = reason,
        };
        var after = target.Apply(joined);
        await CommitAsync(target.Version, [joined], after, cancellationToken).ConfigureAwait(false);
        await RunPoliciesAsync(after, joined, at, cancellationToken).ConfigureAwait(false);
        return merged;
    }

    internal async Task<Case> ActAsync(CaseId id, CaseActor actor, CaseTrigger trigger, Step step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await LoadRequiredAsync(id, cancellationToken).ConfigureAwait(false);
        var (next, e) = await DecideAndCommitAsync(current, actor, trigger, step, null, cancellationToken).ConfigureAwait(false);
        return await RunPoliciesAsync(next, e, e.At, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Case> LoadRequiredAsync(CaseId id, CancellationToken cancellationToken) =>
        await store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(id);

    private async Task<(Case Case, CaseEvent Event)> DecideAndCommitAsync(
        Case current, CaseActor actor, CaseTrigger trigger, Step step, CaseEventCause? cause, CancellationToken cancellationToken)
    {
        var (next, e) = await DecideAsync(current, actor, trigger, step, cause, cancellationToken).ConfigureAwait(false);
        await CommitAsync(current.Version, [e], next, cancellationToken).ConfigureAwait(false);
        return (next, e);
    }

    private async Task<(Case Case, CaseEvent Event)> DecideAsync(
        Case current, CaseActor actor, CaseTrigger trigger, Step step, CaseEventCause? cause, CancellationToken cancellationToken)
    {
        CaseActionRefusedException Refuse(CaseRefusalKind kind, string reason) =>
            new(kind, current.Id, current.State, trigger, actor, reason, Permitted(current, actor));

        if (actor.Kind == CaseActorKind.System && cause is null)
        {
            throw Refuse(CaseRefusalKind.Unauthorized, "the system acts only with a recorded cause (rule and facts)");
        }

        var decision = await authorizer.AuthorizeAsync(actor, trigger, current, cause is not null, cancellationToken).ConfigureAwait(false);
        if (decision is null || !decision.IsAllowed)
        {
            throw Refuse(CaseRefusalKind.Unauthorized, decision?.Reason ?? "the authoriser gave no decision");
        }

        if (routing is not null && actor.Kind != CaseActorKind.System && trigger is CaseTrigger.Dispatch or CaseTrigger.Escalate && step.Unit is { } sendTo
            && routing.CheckTarget(actor, trigger, current, sendTo) is { IsAllowed: false } notThere)
        {
            throw Refuse(CaseRefusalKind.Unauthorized, notThere.Reason!);
        }

        var args = new CaseTransitionArgs
        {
            Reason = IsReasonTrigger(trigger) ? step.Text : null,
            Reply = trigger == CaseTrigger.Resolve ? step.Text : null,
            TargetUnit = step.Unit,
            Rating = step.Rating,
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
                outcome.PermittedTriggers, outcome.FailedGuards, refusal);
        }

        var limit = step.Limit;
        if (step.Unit is { } unit && directory is not null
            && await directory.FindUnitAsync(unit, cancellationToken).ConfigureAwait(false) is null)
        {
            throw Refuse(CaseRefusalKind.InvalidArgument, $"there is no unit '{unit}' in the directory");
        }

        switch (trigger)
        {
            case CaseTrigger.Merge when step.OtherCase == current.Id:
                throw Refuse(CaseRefusalKind.InvalidArgument, "a case cannot be merged into itself");
            case CaseTrigger.Merge when step.Target is { } target && !IsOpen(target.State):
                throw Refuse(CaseRefusalKind.InvalidArgument, $"case '{target.Id}' is {target.State}, not open, and cannot take a merge");
            case CaseTrigger.Merge when step.Target is { MergedInto: not null } chained:
                throw Refuse(CaseRefusalKind.InvalidArgument, $"case '{chained.Id}' was itself merged away");
            case CaseTrigger.RequestExtension when current.HasPendingExtension:
                throw Refuse(CaseRefusalKind.InvalidArgument, "an extension request is already pending");
            case CaseTrigger.RequestExtension when current.ExtensionCount >= maxExtensions:
                throw Refuse(CaseRefusalKind.CapExceeded, $"the case has had {current.ExtensionCount} of at most {maxExtensions} extension(s)");
            case CaseTrigger.DenyExtension when !current.HasPendingExtension:
                throw Refuse(CaseRefusalKind.InvalidArgument, "no extension request is pending");
            case CaseTrigger.GrantExtension:
                limit = CheckGrant(current, step.Limit, Refuse);
                break;
            case CaseTrigger.Supervise when step.Unit is not null && step.Limit is not null:
                step = step with { IssuingUnit = await CheckSupervisionAsync(current, actor, step, Refuse, cancellationToken).ConfigureAwait(false) };
                break;
            case CaseTrigger.Summon:
                step = step with { IssuingUnit = await CheckSummonsAsync(actor, step, Refuse, cancellationToken).ConfigureAwait(false) };
                break;
            case CaseTrigger.ReportIn:
                step = step with { SummonsSequence = CheckReportIn(current, actor, step, Refuse) };
                break;
            default:
                break;
        }

        var at = Instant.Max(clock.GetCurrentInstant(), current.UpdatedAt);
        var e = new CaseEvent(current.Id, current.Version + 1, at, actor, CaseEventKind.Transition, outcome.Source, outcome.Destination)
        {
            Trigger = trigger,
            TargetUnit = step.Unit,
            Worker = trigger == CaseTrigger.Claim ? actor.Id : null,
            Text = step.Text,
            Rating = step.Rating,
            Limit = trigger is CaseTrigger.RequestExtension or CaseTrigger.GrantExtension or CaseTrigger.Supervise or CaseTrigger.Summon ? limit : null,
            Cause = cause,
            OtherCase = step.OtherCase,
            IssuingUnit = trigger is CaseTrigger.Supervise or CaseTrigger.Summon ? step.IssuingUnit : null,
            Grade = trigger == CaseTrigger.Supervise && step.IssuingUnit is not null ? step.Grade ?? CaseSupervisionGrade.Yellow : null,
            Departments = trigger == CaseTrigger.Summon ? step.Departments : default,
            SupervisionSequence = trigger == CaseTrigger.Supervise ? step.SupervisionSequence : null,
            SummonsSequence = trigger is CaseTrigger.Supervise or CaseTrigger.ReportIn ? step.SummonsSequence : null,
        };
        return (current.Apply(e), e);
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

    private IReadOnlyList<CaseTrigger> Permitted(Case current, CaseActor actor)
    {
        try
        {
            return lifecycle.GetPermittedTriggers(current.State, new CaseTransitionArgs { Actor = actor, Case = current });
        }
        catch (TransitionFailedException)
        {
            return [];
        }
    }

    private static bool IsReasonTrigger(CaseTrigger trigger) => trigger is not (CaseTrigger.Resolve or CaseTrigger.Instruct);

    internal readonly record struct Step(
        OrgUnitId? Unit = null, string? Text = null, TimeLimit? Limit = null, CaseRating Rating = CaseRating.NotRated, CaseId? OtherCase = null,
        Case? Target = null, OrgUnitId? IssuingUnit = null, CaseSupervisionGrade? Grade = null, ImmutableArray<OrgUnitId> Departments = default,
        int? SupervisionSequence = null, int? SummonsSequence = null);
}

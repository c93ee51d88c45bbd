using Fengqiao.Lifecycles;

namespace Fengqiao.Cases.CaseLifecycle;

/// <summary>The default case lifecycle, and a builder preloaded with it for counties that extend or adjust it.</summary>
/// <remarks>
/// <para>
/// Main path: Registered 登记 → Accepted 受理 → Dispatched 转办/派单 → Claimed 签收 → InProgress 办理 → Resolved 办结 →
/// UnderReview 审核 (Reject 驳回 → InProgress) → CallbackPending 回访 → Rated 评价 → Closed 归档 (Reopen 重办 → Reopened →
/// a new handling cycle). Registered may also be Declined 不予受理.
/// </para>
/// <para>
/// Hierarchy: every state but Closed and the terminal ones is inside <see cref="CaseState.Open"/> (未结), where
/// Supervise 督办, Instruct 批示, Summon 吹哨 and ReportIn 报到 are internal transitions. Accepted, Dispatched, Claimed, InProgress, Returned,
/// Escalated and Reopened are inside <see cref="CaseState.Handling"/> (办理中), from which a case may be Suspended 挂起,
/// Escalated 升级, HandedOff 移交, Merged 合并 or Withdrawn 撤回, and where extension requests 延期申请 are internal
/// transitions (their caps on count and length belong to the SLA policy, applied by the desk).
/// </para>
/// <para>
/// Resume and HandBack return to the state the case left: the lifecycle reads it from
/// <see cref="CaseTransitionArgs.ReturnTo"/>, which the host fills from the case's history. The lifecycle itself
/// stays free of per-case memory, and the graph still shows every possible return as an edge.
/// </para>
/// <para>
/// The default lifecycle has no entry or exit actions: firing allocates nothing, and the host derives its events
/// and clock changes from the outcome (source, trigger, destination).
/// </para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe. Each call to <see cref="CreateDefaultBuilder"/> returns a new, independent builder.</threadsafety>
public static class CaseLifecycles
{
    internal static readonly CaseState[] HandlingStates =
    [
        CaseState.Accepted, CaseState.Dispatched, CaseState.Claimed, CaseState.InProgress,
        CaseState.Returned, CaseState.Escalated, CaseState.Reopened,
    ];

    /// <summary>Gets the default case lifecycle, built once and shared.</summary>
    public static Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> Default { get; } = CreateDefaultBuilder().Build();

    /// <summary>Creates a builder holding the default lifecycle, to extend or adjust and then build.</summary>
    /// <returns>A new builder; changing it does not affect <see cref="Default"/>.</returns>
    /// <remarks>
    /// For example, a county that lets units skip review removes <see cref="CaseTrigger.SubmitForReview"/> from
    /// <see cref="CaseState.Resolved"/>, permits <see cref="CaseTrigger.Approve"/> there instead, and removes
    /// <see cref="CaseState.UnderReview"/>; if it forgets the last step, Build reports UnderReview as unreachable.
    /// </remarks>
    public static LifecycleBuilder<CaseState, CaseTrigger, CaseTransitionArgs> CreateDefaultBuilder()
    {
        var reason = CaseGuards.ReasonGiven;
        var unit = CaseGuards.TargetUnitGiven;
        var b = new LifecycleBuilder<CaseState, CaseTrigger, CaseTransitionArgs>(CaseState.Registered);
        LabelTriggers(b);

        b.Configure(CaseState.Open).Label("Open 未结")
            .InternalTransition(CaseTrigger.Supervise)
            .InternalTransition(CaseTrigger.Instruct)
            .InternalTransition(CaseTrigger.Summon)
            .InternalTransition(CaseTrigger.ReportIn)
            .InternalTransition(CaseTrigger.AssignDeputy);
        b.Configure(CaseState.Registered).Label("Registered 登记").SubstateOf(CaseState.Open)
            .Permit(CaseTrigger.Accept, CaseState.Accepted)
            .Permit(CaseTrigger.Decline, CaseState.Declined, reason)
            .Permit(CaseTrigger.Merge, CaseState.Merged, reason)
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn)
            .Permit(CaseTrigger.HandOff, CaseState.HandedOff, unit)
            .Permit(CaseTrigger.Escalate, CaseState.Escalated, unit);
        b.Configure(CaseState.Handling).Label("Handling 办理中").SubstateOf(CaseState.Open)
            .Permit(CaseTrigger.Suspend, CaseState.Suspended, reason)
            .Permit(CaseTrigger.Escalate, CaseState.Escalated, unit)
            .Permit(CaseTrigger.HandOff, CaseState.HandedOff, unit)
            .Permit(CaseTrigger.Merge, CaseState.Merged, reason)
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn)
            .InternalTransition(CaseTrigger.RequestExtension, reason)
            .InternalTransition(CaseTrigger.GrantExtension)
            .InternalTransition(CaseTrigger.DenyExtension, reason);
        b.Configure(CaseState.Accepted).Label("Accepted 受理").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Dispatch, CaseState.Dispatched, unit);
        b.Configure(CaseState.Dispatched).Label("Dispatched 转办/派单").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Claim, CaseState.Claimed)
            .Permit(CaseTrigger.Return, CaseState.Returned, reason)
            .PermitReentry(CaseTrigger.Dispatch, unit);
        b.Configure(CaseState.Claimed).Label("Claimed 签收").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Start, CaseState.InProgress)
            .Permit(CaseTrigger.Return, CaseState.Returned, reason);
        b.Configure(CaseState.InProgress).Label("InProgress 办理").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Resolve, CaseState.Resolved, CaseGuards.ReplyGiven);
        b.Configure(CaseState.Returned).Label("Returned 退回").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Dispatch, CaseState.Dispatched, unit)
            .Permit(CaseTrigger.Decline, CaseState.Declined, reason);
        b.Configure(CaseState.Escalated).Label("Escalated 升级").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Dispatch, CaseState.Dispatched, unit)
            .Permit(CaseTrigger.Claim, CaseState.Claimed);
        b.Configure(CaseState.Reopened).Label("Reopened 重办").SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Dispatch, CaseState.Dispatched, unit)
            .Permit(CaseTrigger.Claim, CaseState.Claimed);
        b.Configure(CaseState.Suspended).Label("Suspended 挂起").SubstateOf(CaseState.Open)
            .PermitDynamic(CaseTrigger.Resume, HandlingStates, a => a.ReturnTo!.Value, CaseGuards.ReturnToHandlingState);
        b.Configure(CaseState.HandedOff).Label("HandedOff 移交").SubstateOf(CaseState.Open)
            .PermitDynamic(CaseTrigger.HandBack, [CaseState.Registered, .. HandlingStates], a => a.ReturnTo!.Value, CaseGuards.ReturnToOpenState)
            .Permit(CaseTrigger.Resolve, CaseState.Resolved, CaseGuards.ReplyGiven);
        b.Configure(CaseState.Resolved).Label("Resolved 办结").SubstateOf(CaseState.Open)
            .Permit(CaseTrigger.SubmitForReview, CaseState.UnderReview);
        b.Configure(CaseState.UnderReview).Label("UnderReview 审核").SubstateOf(CaseState.Open)
            .Permit(CaseTrigger.Approve, CaseState.CallbackPending)
            .Permit(CaseTrigger.Reject, CaseState.InProgress, reason);
        b.Configure(CaseState.CallbackPending).Label("CallbackPending 回访").SubstateOf(CaseState.Open)
            .InternalTransition(CaseTrigger.CallBack)
            .Permit(CaseTrigger.Rate, CaseState.Rated, CaseGuards.RatingGiven);
        b.Configure(CaseState.Rated).Label("Rated 评价").SubstateOf(CaseState.Open)
            .Permit(CaseTrigger.Close, CaseState.Closed)
            .Permit(CaseTrigger.Reopen, CaseState.Reopened, reason);
        b.Configure(CaseState.Closed).Label("Closed 归档")
            .Permit(CaseTrigger.Reopen, CaseState.Reopened, reason)
            .InternalTransition(CaseTrigger.Rate, CaseGuards.RatingGiven)
            .InternalTransition(CaseTrigger.AssignDeputy);
        b.Configure(CaseState.Declined).Label("Declined 不予受理").Terminal();
        b.Configure(CaseState.Merged).Label("Merged 合并").Terminal();
        b.Configure(CaseState.Withdrawn).Label("Withdrawn 撤回").Terminal();
        return b;
    }

    private static void LabelTriggers(LifecycleBuilder<CaseState, CaseTrigger, CaseTransitionArgs> b) =>
        b.LabelTrigger(CaseTrigger.Accept, "Accept 受理")
            .LabelTrigger(CaseTrigger.Decline, "Decline 不予受理")
            .LabelTrigger(CaseTrigger.Dispatch, "Dispatch 派单")
            .LabelTrigger(CaseTrigger.Claim, "Claim 签收")
            .LabelTrigger(CaseTrigger.Start, "Start 开始办理")
            .LabelTrigger(CaseTrigger.Resolve, "Resolve 办结")
            .LabelTrigger(CaseTrigger.SubmitForReview, "SubmitForReview 送审")
            .LabelTrigger(CaseTrigger.Approve, "Approve 审核通过")
            .LabelTrigger(CaseTrigger.Reject, "Reject 驳回")
            .LabelTrigger(CaseTrigger.CallBack, "CallBack 回访")
            .LabelTrigger(CaseTrigger.Rate, "Rate 评价")
            .LabelTrigger(CaseTrigger.Close, "Close 归档")
            .LabelTrigger(CaseTrigger.Return, "Return 退回")
            .LabelTrigger(CaseTrigger.Suspend, "Suspend 挂起")
            .LabelTrigger(CaseTrigger.Resume, "Resume 恢复")
            .LabelTrigger(CaseTrigger.RequestExtension, "RequestExtension 延期申请")
            .LabelTrigger(CaseTrigger.GrantExtension, "GrantExtension 批准延期")
            .LabelTrigger(CaseTrigger.DenyExtension, "DenyExtension 不予延期")
            .LabelTrigger(CaseTrigger.Escalate, "Escalate 升级")
            .LabelTrigger(CaseTrigger.Reopen, "Reopen 重办")
            .LabelTrigger(CaseTrigger.Merge, "Merge 合并")
            .LabelTrigger(CaseTrigger.Withdraw, "Withdraw 撤回")
            .LabelTrigger(CaseTrigger.HandOff, "HandOff 移交")
            .LabelTrigger(CaseTrigger.HandBack, "HandBack 移交退回")
            .LabelTrigger(CaseTrigger.Supervise, "Supervise 督办")
            .LabelTrigger(CaseTrigger.Instruct, "Instruct 批示")
            .LabelTrigger(CaseTrigger.Summon, "Summon 吹哨")
            .LabelTrigger(CaseTrigger.ReportIn, "ReportIn 报到")
            .LabelTrigger(CaseTrigger.AssignDeputy, "AssignDeputy 指派代表");
}

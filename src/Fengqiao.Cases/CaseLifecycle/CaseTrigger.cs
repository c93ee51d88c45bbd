namespace Fengqiao.Cases.CaseLifecycle;

/// <summary>The triggers of the default case lifecycle: one per action a portal user can take on a case.</summary>
/// <remarks>The numeric values are stable and may be stored. Which arguments each needs is listed on <see cref="CaseTransitionArgs"/>.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseTrigger
{
    /// <summary>Accept — 受理: take the registered matter in.</summary>
    Accept = 0,

    /// <summary>Decline — 不予受理: refuse the matter, with a reason.</summary>
    Decline = 1,

    /// <summary>Dispatch — 转办/派单: send the case to a unit (the target unit); again before it is claimed to re-dispatch (改派).</summary>
    Dispatch = 2,

    /// <summary>Claim — 签收: a worker of the holding unit signs for the case.</summary>
    Claim = 3,

    /// <summary>Start — 开始办理: the worker starts handling.</summary>
    Start = 4,

    /// <summary>Resolve — 办结: finish handling with a reply.</summary>
    Resolve = 5,

    /// <summary>SubmitForReview — 送审: send the reply for review.</summary>
    SubmitForReview = 6,

    /// <summary>Approve — 审核通过: the reviewer accepts the reply.</summary>
    Approve = 7,

    /// <summary>Reject — 驳回: the reviewer sends a non-standard reply back for handling, with a reason.</summary>
    Reject = 8,

    /// <summary>CallBack — 回访: record a call-back attempt (the state does not change).</summary>
    CallBack = 9,

    /// <summary>Rate — 评价: record the citizen's or deputy's rating (satisfied, basically satisfied, unsatisfied).</summary>
    Rate = 10,

    /// <summary>Close — 归档: archive the case.</summary>
    Close = 11,

    /// <summary>Return — 退回: the unit says the matter is not theirs and sends it back, with a reason.</summary>
    Return = 12,

    /// <summary>Suspend — 挂起: pause handling, with a reason.</summary>
    Suspend = 13,

    /// <summary>Resume — 恢复: continue handling in the state the case was suspended from.</summary>
    Resume = 14,

    /// <summary>RequestExtension — 延期申请: ask for more time, with a reason (the state does not change).</summary>
    RequestExtension = 15,

    /// <summary>GrantExtension — 批准延期: approve an extension request (the state does not change).</summary>
    GrantExtension = 16,

    /// <summary>DenyExtension — 不予延期: refuse an extension request, with a reason (the state does not change).</summary>
    DenyExtension = 17,

    /// <summary>Escalate — 升级: move the case up the responsibility ladder to the target unit.</summary>
    Escalate = 18,

    /// <summary>Reopen — 重办: start a new handling cycle, with a reason (an unsatisfied rating, a leader's instruction).</summary>
    Reopen = 19,

    /// <summary>Merge — 合并: join this case to an existing case about the same matter (the reason names it).</summary>
    Merge = 20,

    /// <summary>Withdraw — 撤回: the citizen withdraws the matter.</summary>
    Withdraw = 21,

    /// <summary>HandOff — 移交: hand the case to a mediation or legal route (the target unit).</summary>
    HandOff = 22,

    /// <summary>HandBack — 移交退回: the mediation or legal route hands the case back to the state it left.</summary>
    HandBack = 23,

    /// <summary>Supervise — 督办: a supervisor presses for handling (recorded; the state does not change).</summary>
    Supervise = 24,

    /// <summary>Instruct — 批示: a leader gives an instruction on the case (recorded; the state does not change).</summary>
    Instruct = 25,

    /// <summary>Summon — 吹哨: a street or centre summons departments to the case, each to report in within a limit (recorded; the state does not change).</summary>
    Summon = 26,

    /// <summary>ReportIn — 报到: a summoned department reports in on the case (recorded; the state does not change).</summary>
    ReportIn = 27,

    /// <summary>AssignDeputy — 指派代表: a dispatcher or leader assigns a people's deputy (人大代表) to follow the case (recorded; the state does not change).</summary>
    AssignDeputy = 28,
}

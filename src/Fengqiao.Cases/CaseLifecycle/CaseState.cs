namespace Fengqiao.Cases.CaseLifecycle;

/// <summary>The states of a case in the default lifecycle (<see cref="CaseLifecycles.Default"/>).</summary>
/// <remarks>
/// <para>
/// The numeric values are stable and may be stored. <see cref="Open"/> and <see cref="Handling"/> are superstates:
/// a case is never in them directly, but "is in state" answers true for them (a case that is
/// <see cref="Dispatched"/> is <see cref="Handling"/> and <see cref="Open"/>).
/// </para>
/// <para>Terminal states: <see cref="Declined"/>, <see cref="Merged"/>, <see cref="Withdrawn"/>. <see cref="Closed"/> can be reopened.</para>
/// </remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseState
{
    /// <summary>Registered — 登记: the report has been taken in and the case created; not yet examined.</summary>
    Registered = 0,

    /// <summary>Accepted — 受理: the centre has accepted the matter as one it handles.</summary>
    Accepted = 1,

    /// <summary>Declined — 不予受理: the centre will not handle the matter (with a reason). Terminal.</summary>
    Declined = 2,

    /// <summary>Dispatched — 转办/派单: sent to a unit (community, department, street) to handle.</summary>
    Dispatched = 3,

    /// <summary>Claimed — 签收: a worker of the unit has signed for the case.</summary>
    Claimed = 4,

    /// <summary>InProgress — 办理: the unit is handling the matter (visit, verify, resolve).</summary>
    InProgress = 5,

    /// <summary>Resolved — 办结: the unit has finished and given a reply.</summary>
    Resolved = 6,

    /// <summary>UnderReview — 审核: the reply is being reviewed; a non-standard reply is rejected back (驳回).</summary>
    UnderReview = 7,

    /// <summary>CallbackPending — 回访: the citizen is to be called back and asked to rate the handling.</summary>
    CallbackPending = 8,

    /// <summary>Rated — 评价: the citizen (or a people's deputy) has rated the handling.</summary>
    Rated = 9,

    /// <summary>Closed — 归档: the case is archived; an unsatisfied rating or a leader's instruction may still reopen it.</summary>
    Closed = 10,

    /// <summary>Returned — 退回: the unit says the matter is not theirs; back to the dispatcher with a reason.</summary>
    Returned = 11,

    /// <summary>Suspended — 挂起: handling is paused (with a reason); resuming returns to the state it was suspended from.</summary>
    Suspended = 12,

    /// <summary>Escalated — 升级: moved up the responsibility ladder (the move itself is decided by Fengqiao.Escalation).</summary>
    Escalated = 13,

    /// <summary>Reopened — 重办: a new handling cycle after an unsatisfied rating or a leader's instruction.</summary>
    Reopened = 14,

    /// <summary>Merged — 合并: the same matter from another channel joined an existing case. Terminal.</summary>
    Merged = 15,

    /// <summary>Withdrawn — 撤回: the citizen withdrew the matter. Terminal.</summary>
    Withdrawn = 16,

    /// <summary>HandedOff — 移交: handed to a mediation or legal route (Fengqiao.Mediation) until it is handed back or settled.</summary>
    HandedOff = 17,

    /// <summary>Open — 未结 (superstate): every state before the case is closed; supervision and instructions apply here.</summary>
    Open = 100,

    /// <summary>Handling — 办理中 (superstate): accepted and with the organisation; may be suspended, escalated, handed off, extended.</summary>
    Handling = 101,
}

using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Hosting.Web;

/// <summary>Chinese labels (first) with English beside them, for showing case states to citizens and staff.</summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class CaseLabels
{
    /// <summary>The label of a state, for example <c>处理中 In progress</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The label; an undefined value reads as its number, never an exception.</returns>
    public static string State(CaseState state) => state switch
    {
        CaseState.Registered => "已登记 Registered",
        CaseState.Accepted => "已受理 Accepted",
        CaseState.Declined => "不予受理 Declined",
        CaseState.Dispatched => "已派单 Dispatched",
        CaseState.Claimed => "已签收 Claimed",
        CaseState.InProgress => "处理中 In progress",
        CaseState.Resolved => "已办结待审 Answered",
        CaseState.UnderReview => "审核中 Under review",
        CaseState.CallbackPending => "待回访 Awaiting call-back",
        CaseState.Rated => "已评价 Rated",
        CaseState.Closed => "已结案 Closed",
        CaseState.Returned => "已退回 Returned",
        CaseState.Suspended => "已挂起 Suspended",
        CaseState.Escalated => "已上报 Escalated",
        CaseState.Reopened => "已重办 Reopened",
        CaseState.Merged => "已合并 Merged",
        CaseState.Withdrawn => "已撤回 Withdrawn",
        CaseState.HandedOff => "已移交调解 Handed off",
        _ => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Whether a case in this state is finished (nothing more will happen without a reopening).</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> for closed, declined, merged and withdrawn cases.</returns>
    public static bool IsFinished(CaseState state) =>
        state is CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn;
}

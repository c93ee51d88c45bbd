namespace Fengqiao.Cases;

/// <summary>Why a tracked supervision (督办) on a case was closed.</summary>
/// <remarks>The numeric values are stable and may be stored.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseSupervisionClosure
{
    /// <summary>The case reached Resolved (办结) or a later state, or ended (declined, merged, withdrawn).</summary>
    CaseResolved = 0,

    /// <summary>The supervised unit held the case when the supervision was issued and no longer holds it (escalated, re-dispatched, returned).</summary>
    TargetNoLongerHolds = 1,

    /// <summary>A higher level re-issued the supervision after it went overdue (<see cref="CaseSupervision.Supersedes"/> on the new one).</summary>
    Superseded = 2,

    /// <summary>The supervision pressed a summoned department that had not reported in (吹哨报到), and it has now reported in.</summary>
    ReportedIn = 3,

    /// <summary>The supervision followed up a leader's instruction (批示) naming its target, and the target has reported back.</summary>
    ReportedBack = 4,
}

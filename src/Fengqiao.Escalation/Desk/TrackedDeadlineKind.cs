namespace Fengqiao.Escalation.Desk;

/// <summary>Which tracked deadline of a case a <see cref="TrackedDeadline"/> is: a supervision's (督办) or a summoned department's report-in (吹哨报到).</summary>
/// <remarks>The numeric values are stable.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum TrackedDeadlineKind
{
    /// <summary>An open supervision (督办) whose deadline the sweep recorded passing.</summary>
    Supervision = 0,

    /// <summary>A summoned department that did not report in (报到) by its deadline, as the sweep recorded, and is not yet taken up.</summary>
    SummonedDepartment = 1,
}

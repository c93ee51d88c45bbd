namespace Fengqiao.Cases.Events;

/// <summary>What kind of step a <see cref="CaseEvent"/> records.</summary>
/// <remarks>The numeric values are stable and may be stored.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseEventKind
{
    /// <summary>The case was registered (登记): always version 1, carrying <see cref="CaseEvent.Registration"/>.</summary>
    Registered = 0,

    /// <summary>A lifecycle trigger was accepted (<see cref="CaseEvent.Trigger"/>, from and to states).</summary>
    Transition = 1,

    /// <summary>An SLA clock changed stage or warning level (<see cref="CaseEvent.Clock"/>, <see cref="CaseEvent.Stage"/>); the state does not change.</summary>
    ClockStageChanged = 2,

    /// <summary>A duplicate report of the same matter joined this case instead of opening a new one (<see cref="CaseEvent.JoinedReport"/>).</summary>
    ReportJoined = 3,

    /// <summary>A tracked supervision's (督办) deadline passed while it was open (<see cref="CaseEvent.SupervisionSequence"/>, the target in <see cref="CaseEvent.TargetUnit"/>); recorded once by the sweep, the state does not change.</summary>
    SupervisionOverdue = 4,

    /// <summary>A summoned department did not report in (报到) by its deadline (<see cref="CaseEvent.SummonsSequence"/>, the department in <see cref="CaseEvent.TargetUnit"/>); recorded once by the sweep, the state does not change.</summary>
    SummonsOverdue = 5,
}

namespace Fengqiao.Lifecycles;

/// <summary>How firing a trigger ended.</summary>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum TransitionStatus
{
    /// <summary>A default-constructed outcome: never returned by a lifecycle.</summary>
    None = 0,

    /// <summary>The trigger was permitted, every guard passed and every action ran: the destination is the new state.</summary>
    Completed = 1,

    /// <summary>The state (and none of its superstates) permits the trigger: nothing changed.</summary>
    NotPermitted = 2,

    /// <summary>The trigger is declared for the state but a guard refused it; the reasons say why. Nothing changed.</summary>
    GuardFailed = 3,
}

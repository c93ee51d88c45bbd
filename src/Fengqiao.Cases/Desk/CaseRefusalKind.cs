namespace Fengqiao.Cases.Desk;

/// <summary>Why the desk refused an action (see <see cref="CaseActionRefusedException"/>).</summary>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseRefusalKind
{
    /// <summary>The lifecycle does not permit the trigger in the case's state.</summary>
    NotPermitted = 0,

    /// <summary>The lifecycle permits the trigger but a guard refused it (a reason or reply missing…).</summary>
    GuardFailed = 1,

    /// <summary>The authoriser denied the actor.</summary>
    Unauthorized = 2,

    /// <summary>The action's data is invalid for this case (an unknown unit, no pending extension, merging a case into itself…).</summary>
    InvalidArgument = 3,

    /// <summary>An extension would exceed the caps on count or total length.</summary>
    CapExceeded = 4,
}

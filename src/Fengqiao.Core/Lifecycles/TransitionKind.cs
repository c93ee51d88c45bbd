namespace Fengqiao.Lifecycles;

/// <summary>What a permitted trigger does to the state.</summary>
/// <remarks>
/// <para>
/// Exit and entry actions run for <see cref="External"/> and <see cref="Reentry"/> transitions; an
/// <see cref="Internal"/> transition runs only its own action and never leaves the state.
/// </para>
/// </remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum TransitionKind
{
    /// <summary>The case moves to a destination state (which may be chosen from the arguments at firing time).</summary>
    External = 0,

    /// <summary>The case leaves and re-enters the state it is in: exit and entry actions run, the state stays.</summary>
    Reentry = 1,

    /// <summary>The trigger is recorded without leaving the state: no exit or entry action runs (e.g. Supervise — 督办).</summary>
    Internal = 2,
}

namespace Fengqiao.Cases;

/// <summary>The SLA clocks a case runs (see <see cref="Case.Clock"/>).</summary>
/// <remarks>The numeric values are stable and may be stored.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseClockKind
{
    /// <summary>The citizen-facing clock for the whole handling cycle (办理时限), from registration (or reopening) until approval; a return or an escalation never resets it.</summary>
    Citizen = 0,

    /// <summary>The clock of the unit now holding the case, from dispatch (or escalation, or reopening) until approval; restarted for each new holder.</summary>
    Unit = 1,

    /// <summary>The sign-for clock (签收时限), from dispatch until a worker claims the case; only when the policy names a sign-for limit.</summary>
    SignFor = 2,

    /// <summary>The callback clock (回访时限), from approval until the rating; only when the policy names a callback limit.</summary>
    Callback = 3,

    /// <summary>The accept clock (受理时限), from registration until the case leaves <see cref="CaseLifecycle.CaseState.Registered"/> (accepted, declined, merged, withdrawn, handed off or escalated); only when the policy names an accept limit (<see cref="CaseSlaTerms.Accept"/>). When it runs out the escalation rules treat the registering unit (<see cref="Case.RegisteringUnit"/>) as the holder.</summary>
    Accept = 4,

    /// <summary>The relay level clock (接力时限): the budget of the level now holding the case (<see cref="CaseSlaTerms.RelayBudgets"/>), consumed cumulatively — it pauses when the case leaves the level and resumes where it stopped when the case comes back; only while the case is held at a level with a budget (<see cref="Case.RelayLevel"/>).</summary>
    Relay = 5,
}

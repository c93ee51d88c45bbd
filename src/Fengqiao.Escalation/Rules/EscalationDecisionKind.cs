namespace Fengqiao.Escalation.Rules;

/// <summary>What an escalation rule decides for a case.</summary>
/// <remarks>Only <see cref="ToLevel"/> and <see cref="StartAt"/> may skip levels, and only to the level the rule
/// names; every other kind moves one level or none (see <see cref="EscalationPolicy"/>).</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum EscalationDecisionKind
{
    /// <summary>The case stays where it is (a rule may say so explicitly to stop lower rules).</summary>
    None = 0,

    /// <summary>Escalate (升级) to the next level up the ladder.</summary>
    NextLevel = 1,

    /// <summary>Escalate to a named level (and optionally a named department), skipping the levels between.</summary>
    ToLevel = 2,

    /// <summary>Start the case at a named level: the same move as <see cref="ToLevel"/>, meant for intake (a case that
    /// must start high is dispatched there first rather than escalated).</summary>
    StartAt = 3,

    /// <summary>Reopen a closed case one level above the unit that closed it.</summary>
    ReopenAboveCloser = 4,

    /// <summary>Supervise (督办) the case by a named level with its own deadline; the case stays with its holder.</summary>
    Supervise = 5,
}

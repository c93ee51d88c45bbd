namespace Fengqiao.Testing;

/// <summary>What a county scenario step does.</summary>
public enum ScenarioStepKind
{
    /// <summary><c>report</c>: a citizen's report is registered (a new case, or one joined to an existing case).</summary>
    Report = 0,

    /// <summary><c>act</c>: a desk action by a member, the citizen or a deputy; may expect a refusal.</summary>
    Act = 1,

    /// <summary><c>advance</c>: the clock moves forward, sweeping hourly.</summary>
    Advance = 2,

    /// <summary><c>sweep</c>: one sweep at the current time.</summary>
    Sweep = 3,

    /// <summary><c>expect</c>: checks a case's state, holder, level, rule, deadlines, events, hand-off or supervision.</summary>
    Expect = 4,
}

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

    /// <summary><c>expect</c>: checks a case's state, holder, level, rule, deadlines, events, hand-off, supervision, post, scores or written reports.</summary>
    Expect = 4,

    /// <summary><c>hand-over</c>: a member passes the work on a case to a post within the unit holding it (岗位交接); may expect a refusal.</summary>
    HandOver = 5,

    /// <summary><c>score</c>: a people's deputy scores a closed case (测评打分); may expect a refusal.</summary>
    Score = 6,

    /// <summary><c>written-report</c>: the unit holding a case files a written report on it to an addressee (书面报送); may expect a refusal.</summary>
    WrittenReport = 7,
}

using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>A step's checked arguments (one record per step kind).</summary>
internal abstract record ScenarioStepBody;

/// <summary><c>report</c>: <paramref name="Joins"/> names the case the report is expected to join (a duplicate).</summary>
internal sealed record ReportStepBody(string Case, CaseReport Report, string? By, string? Joins, bool Refused, string? ReasonContains) : ScenarioStepBody;

/// <summary><c>act</c>.</summary>
internal sealed record ActStepBody(
    string Case,
    string Action,
    CaseTrigger Trigger,
    string By,
    string? ByUnit,
    string? To,
    string? Level,
    string? Text,
    CaseRating Rating,
    string? As,
    string? Into,
    TimeLimit? Limit,
    ImmutableArray<string> Departments,
    bool Refused,
    string? ReasonContains) : ScenarioStepBody
{
    /// <summary>Gets the grade of a tracked supervision (<c>supervise</c> with <c>to</c> and <c>limit</c>).</summary>
    public CaseSupervisionGrade? Grade { get; init; }
}

/// <summary>The desk calls that are not lifecycle triggers (<c>hand-over</c>, <c>score</c>, <c>written-report</c>): who acts, and the refusal expected.</summary>
internal abstract record DeskCallStepBody(string Case, string By, string? ByUnit, bool Refused, string? ReasonContains) : ScenarioStepBody;

/// <summary><c>hand-over</c>: the work passes to <paramref name="Post"/> within the unit holding the case.</summary>
internal sealed record HandOverStepBody(string Case, string By, string? ByUnit, string Post, string? Text, bool Refused, string? ReasonContains)
    : DeskCallStepBody(Case, By, ByUnit, Refused, ReasonContains);

/// <summary><c>score</c>: a deputy (<paramref name="By"/> is <c>deputy:&lt;member id&gt;</c>) scores the case.</summary>
internal sealed record ScoreStepBody(string Case, string By, string? ByUnit, int Score, string? Text, bool Refused, string? ReasonContains)
    : DeskCallStepBody(Case, By, ByUnit, Refused, ReasonContains);

/// <summary><c>written-report</c>: the unit <paramref name="By"/> acts for reports the case in writing to <paramref name="To"/>.</summary>
internal sealed record WrittenReportStepBody(string Case, string By, string? ByUnit, string To, string Text, bool Refused, string? ReasonContains)
    : DeskCallStepBody(Case, By, ByUnit, Refused, ReasonContains);

/// <summary><c>advance</c>: by a limit on the county's calendar, or to a local time.</summary>
internal sealed record AdvanceStepBody(TimeLimit? Limit, LocalDateTime? To) : ScenarioStepBody;

/// <summary><c>sweep</c>.</summary>
internal sealed record SweepStepBody : ScenarioStepBody;

/// <summary>A <c>due</c> or <c>unit-due</c> expectation.</summary>
internal sealed record DueExpectation(LocalDateTime? At, bool? Provisional, bool None);

/// <summary>A <c>hand-off</c> expectation (either part may be left out).</summary>
internal sealed record HandOffExpectation(string? Purpose, string? Body, bool None);

/// <summary><c>expect</c>: every key given is checked, in this order.</summary>
internal sealed record ExpectStepBody(
    string Case,
    CaseState? State,
    string? Holder,
    string? Level,
    string? Rule,
    DueExpectation? Due,
    DueExpectation? UnitDue,
    ImmutableArray<string> EventsInclude,
    HandOffExpectation? HandOff,
    string? SupervisedBy,
    string? Worker) : ScenarioStepBody
{
    /// <summary>Gets the post expected to have the case (<c>none</c> for no post), or <see langword="null"/> when not checked.</summary>
    public string? Post { get; init; }

    /// <summary>Gets the deputies' scores expected on the case, in the order given, or default when not checked.</summary>
    public ImmutableArray<int> Scores { get; init; }

    /// <summary>Gets the addressees of the written reports expected on the case, in the order filed, or default when not checked.</summary>
    public ImmutableArray<string> WrittenReports { get; init; }
}

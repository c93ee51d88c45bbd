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
    string? ReasonContains) : ScenarioStepBody;

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
    string? Worker) : ScenarioStepBody;

using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases.Events;

/// <summary>One accepted step in a case's life: the unit of the append-only history whose fold is the <see cref="Case"/>.</summary>
/// <remarks>
/// <para>
/// Versions start at 1 with <see cref="CaseEventKind.Registered"/> and rise by exactly one per event. Which optional
/// data is set depends on the kind and trigger: <see cref="TargetUnit"/> for Dispatch, Escalate and HandOff;
/// <see cref="Worker"/> for Claim; <see cref="Text"/> for the reason, reply, instruction or note; <see cref="Rating"/>
/// for Rate; <see cref="Limit"/> for RequestExtension and GrantExtension; <see cref="Clock"/> and <see cref="Stage"/>
/// for clock stage changes (with the warning's name in <see cref="Text"/>); <see cref="OtherCase"/> for Merge (the
/// case merged into) and ReportJoined (the case the report came from, if it was a case); <see cref="Cause"/> whenever
/// the system acted. A tracked supervision (Supervise) carries <see cref="TargetUnit"/>, <see cref="IssuingUnit"/>,
/// <see cref="Limit"/> and <see cref="Grade"/>; a Summon carries <see cref="IssuingUnit"/>, <see cref="Departments"/> and
/// <see cref="Limit"/>; ReportIn carries the department in <see cref="TargetUnit"/> and <see cref="SummonsSequence"/>.
/// </para>
/// <para>Events are written by the desk only; a host stores and reads them but never makes them up.</para>
/// <para><see cref="Text"/> and <see cref="Registration"/> may hold personal data: <see cref="ToString"/> prints neither.</para>
/// </remarks>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case's version after this event (1 for registration).</param>
/// <param name="At">When the step was accepted.</param>
/// <param name="Actor">Who acted.</param>
/// <param name="Kind">What kind of step.</param>
/// <param name="From">The state before the step.</param>
/// <param name="To">The state after the step (equal to <paramref name="From"/> for internal steps).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseEvent(CaseId CaseId, long Version, Instant At, CaseActor Actor, CaseEventKind Kind, CaseState From, CaseState To)
{
    /// <summary>Gets the trigger for <see cref="CaseEventKind.Transition"/> events, else <see langword="null"/>.</summary>
    public CaseTrigger? Trigger { get; init; }

    /// <summary>Gets the unit dispatched, escalated or handed off to, or <see langword="null"/>.</summary>
    public OrgUnitId? TargetUnit { get; init; }

    /// <summary>Gets the worker who claimed the case, or <see langword="null"/>.</summary>
    public ActorId? Worker { get; init; }

    /// <summary>Gets the reason, reply, instruction, note or warning name the step carried, or <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the rating given with Rate; <see cref="CaseRating.NotRated"/> otherwise.</summary>
    public CaseRating Rating { get; init; }

    /// <summary>Gets the time limit requested or granted with an extension, or the limit of a tracked supervision (Supervise) or summons (Summon), or <see langword="null"/>.</summary>
    public TimeLimit? Limit { get; init; }

    /// <summary>Gets the clock whose stage changed, or <see langword="null"/>.</summary>
    public CaseClockKind? Clock { get; init; }

    /// <summary>Gets the clock's new stage, or <see langword="null"/>.</summary>
    public SlaStage? Stage { get; init; }

    /// <summary>Gets the rule and facts that made the system act, or <see langword="null"/> for a person's action.</summary>
    public CaseEventCause? Cause { get; init; }

    /// <summary>Gets the registration record, set only on the <see cref="CaseEventKind.Registered"/> event.</summary>
    public CaseRegistration? Registration { get; init; }

    /// <summary>Gets the other case involved: the case merged into (Merge), or the duplicate's own case (ReportJoined), or <see langword="null"/>.</summary>
    public CaseId? OtherCase { get; init; }

    /// <summary>Gets the unit that issues a tracked supervision (Supervise) or blows the whistle (Summon), or <see langword="null"/>.</summary>
    public OrgUnitId? IssuingUnit { get; init; }

    /// <summary>Gets the grade of a tracked supervision (Supervise), or <see langword="null"/>.</summary>
    public CaseSupervisionGrade? Grade { get; init; }

    /// <summary>Gets the departments summoned (Summon); empty (default) otherwise.</summary>
    public ImmutableArray<OrgUnitId> Departments { get; init; }

    /// <summary>Gets the supervision concerned: the overdue one re-issued (Supervise) or recorded overdue (<see cref="CaseEventKind.SupervisionOverdue"/>), or <see langword="null"/>.</summary>
    public int? SupervisionSequence { get; init; }

    /// <summary>Gets the summons concerned: reported in to (ReportIn), recorded overdue (<see cref="CaseEventKind.SummonsOverdue"/>), or whose no-show a supervision presses (Supervise); else <see langword="null"/>.</summary>
    public int? SummonsSequence { get; init; }

    /// <summary>Gets the duplicate report that joined the case (<see cref="CaseEventKind.ReportJoined"/>), or <see langword="null"/>.</summary>
    public CaseReport? JoinedReport { get; init; }

    /// <summary>Describes the event without personal data.</summary>
    /// <returns>For example <c>case-1 v3 Transition Accepted --Dispatch--&gt; Dispatched by Staff(d-1 @ street-1)</c>.</returns>
    public override string ToString()
    {
        var step = Kind switch
        {
            CaseEventKind.Transition => $"{From} --{Trigger}--> {To}",
            CaseEventKind.ClockStageChanged => $"{Clock} clock {Stage}",
            CaseEventKind.SupervisionOverdue => $"supervision #{SupervisionSequence} of {TargetUnit} overdue",
            CaseEventKind.SummonsOverdue => $"{TargetUnit} did not report in to summons #{SummonsSequence}",
            _ => To.ToString(),
        };
        return $"{CaseId} v{Version} {Kind} {step} by {Actor}{(Cause is null ? "" : $" because {Cause}")}";
    }
}

using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Policies;

/// <summary>An action a policy asks the desk to take: a trigger, its data, and the cause to record.</summary>
/// <remarks>The desk fires it as <see cref="CaseActor.System"/>; it is refused like any other action if the lifecycle or the desk's checks refuse it.</remarks>
/// <param name="Trigger">The trigger to fire.</param>
/// <param name="Cause">The rule id and the facts that made the policy ask.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePolicyAction(CaseTrigger Trigger, CaseEventCause Cause)
{
    /// <summary>Gets the unit to dispatch, escalate or hand off to, or <see langword="null"/>.</summary>
    public OrgUnitId? TargetUnit { get; init; }

    /// <summary>Gets the reason, reply, instruction or note, or <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the extension limit, or the limit of a tracked supervision or summons, or <see langword="null"/>.</summary>
    public TimeLimit? Limit { get; init; }

    /// <summary>Gets the unit issuing a tracked supervision (Supervise, with <see cref="TargetUnit"/> and <see cref="Limit"/>) or blowing the whistle (Summon), or <see langword="null"/>.</summary>
    public OrgUnitId? IssuingUnit { get; init; }

    /// <summary>Gets the grade of a tracked supervision, or <see langword="null"/> for yellow.</summary>
    public CaseSupervisionGrade? Grade { get; init; }

    /// <summary>Gets the departments to summon (Summon); empty (default) otherwise.</summary>
    public ImmutableArray<OrgUnitId> Departments { get; init; }

    /// <summary>Gets the overdue supervision a new supervision re-issues (and closes), or <see langword="null"/>.</summary>
    public int? SupervisionSequence { get; init; }

    /// <summary>Gets the summons whose no-show department a supervision presses, or <see langword="null"/>.</summary>
    public int? SummonsSequence { get; init; }

    /// <summary>Gets the rating for Rate, or <see cref="CaseRating.NotRated"/>.</summary>
    public CaseRating Rating { get; init; }
}

using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>The payload of a lifecycle step: a trigger the lifecycle accepted, with the data that trigger carries.</summary>
/// <remarks>
/// Each trigger has one payload type (<see cref="CaseTrigger.Supervise"/> has two: <see cref="CaseSupervised"/> for a
/// note and <see cref="CaseSupervisionIssued"/> for a tracked supervision). Policies ask the desk for a step by giving
/// its payload (<see cref="Policies.CasePolicyAction"/>).
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public abstract record CaseTransition : CaseEventPayload
{
    private protected CaseTransition()
    {
    }

    /// <summary>Gets the trigger this step fires.</summary>
    public abstract CaseTrigger Trigger { get; }

    /// <summary>Gets the reason, reply, note or instruction the lifecycle's guards see, or <see langword="null"/>.</summary>
    internal virtual string? ArgumentText => null;

    /// <summary>Gets the unit the step names (dispatch, escalation, hand-off, supervision target, department), or <see langword="null"/>.</summary>
    internal virtual OrgUnitId? ArgumentUnit => null;

    /// <summary>Gets the rating a Rate step gives.</summary>
    internal virtual CaseRating ArgumentRating => CaseRating.NotRated;
}

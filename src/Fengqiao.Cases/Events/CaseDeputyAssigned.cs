using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A people's deputy (人大代表) was assigned to follow the case: from now on the deputy may rate and reopen it.</summary>
/// <remarks>
/// The payload of a <see cref="CaseTrigger.AssignDeputy"/> step (the state does not change). The case keeps every
/// deputy assigned to it in <see cref="Case.AssignedDeputies"/>; assigning the same deputy twice records the step
/// again and changes nothing else. Whether an assignment is what lets a deputy act is the authoriser's call
/// (<see cref="DeputyScope"/> for the default one).
/// </remarks>
/// <param name="Deputy">The deputy's actor id.</param>
/// <param name="Note">Why the deputy follows the case, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseDeputyAssigned(ActorId Deputy, string? Note = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.AssignDeputy;

    internal override string? ArgumentText => Note;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Deputy.ToString();
}

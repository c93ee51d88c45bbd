using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>A tracked supervision (督办) was issued: a unit presses a target unit to act within a limit.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Supervise"/> step.</remarks>
/// <param name="Issuer">The unit that issues it.</param>
/// <param name="Target">The unit pressed.</param>
/// <param name="Limit">Its own time limit, counted from its issue on the case's calendar.</param>
/// <param name="Grade">Its grade.</param>
/// <param name="Note">What is pressed for, or <see langword="null"/>.</param>
/// <param name="Supersedes">The overdue supervision this one re-issues (and closes), or <see langword="null"/>.</param>
/// <param name="Summons">The summons whose no-show department it presses, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSupervisionIssued(OrgUnitId Issuer, OrgUnitId Target, TimeLimit Limit, CaseSupervisionGrade Grade, string? Note = null, int? Supersedes = null, int? Summons = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Supervise;

    /// <summary>Gets or initialises the version of the instruction (批示, <see cref="CaseInstructed"/>) this supervision follows up, or <see langword="null"/>.</summary>
    /// <remarks>A supervision that follows up an instruction closes when its target reports back (<see cref="CaseReportedIn"/> with no summons).</remarks>
    public long? Instruction { get; init; }

    internal override string? ArgumentText => Note;

    internal override OrgUnitId? ArgumentUnit => Target;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Issuer} -> {Target} {Grade}";
}

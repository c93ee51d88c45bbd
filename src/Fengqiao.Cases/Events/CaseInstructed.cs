using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>A leader's instruction (批示) was recorded.</summary>
/// <remarks>
/// <para>The payload of a <see cref="CaseTrigger.Instruct"/> step.</para>
/// <para>An instruction may name the unit instructed and a limit (Baiyin: "请市住建局即刻处理"): both or neither. A county
/// desk then follows it up as a tracked supervision (督办) of that unit by the instructing leader's unit with that limit,
/// linked to this event (<see cref="CaseSupervisionIssued.Instruction"/>); it goes overdue like any supervision and
/// closes when the named unit reports back (<see cref="CaseReportedIn"/> with no summons).</para>
/// </remarks>
/// <param name="Instruction">The instruction.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseInstructed(string Instruction) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Instruct;

    /// <summary>Gets or initialises the unit instructed to act (e.g. the housing bureau), or <see langword="null"/> for an instruction naming none.</summary>
    public OrgUnitId? Unit { get; init; }

    /// <summary>Gets or initialises the limit the instruction sets the named unit, counted from the instruction on the case's calendar, or <see langword="null"/>.</summary>
    public TimeLimit? Limit { get; init; }

    internal override string? ArgumentText => Instruction;

    internal override OrgUnitId? ArgumentUnit => Unit;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Unit is { } unit ? $"{unit} within {Limit}" : null;
}

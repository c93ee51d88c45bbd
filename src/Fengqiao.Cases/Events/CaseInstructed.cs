using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>A leader's instruction (批示) was recorded.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Instruct"/> step.</remarks>
/// <param name="Instruction">The instruction.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseInstructed(string Instruction) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Instruct;

    internal override string? ArgumentText => Instruction;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}

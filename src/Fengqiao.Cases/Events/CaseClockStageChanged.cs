using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>An SLA clock changed stage or warning level, as recorded by the sweep; the state does not change.</summary>
/// <param name="Clock">The clock.</param>
/// <param name="Stage">Its new stage.</param>
/// <param name="Warning">The name of the warning threshold now passed, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseClockStageChanged(CaseClockKind Clock, SlaStage Stage, string? Warning = null) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Clock} {Stage}";
}

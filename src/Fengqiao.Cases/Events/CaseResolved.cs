using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The case was resolved with a reply to the citizen (办结).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Resolve"/> step.</remarks>
/// <param name="Reply">The reply (答复).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseResolved(string Reply) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Resolve;

    internal override string? ArgumentText => Reply;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}

namespace Fengqiao.Cases.Events;

/// <summary>What one <see cref="CaseEvent"/> records: one small immutable record per kind of step, the only data the event carries besides its envelope.</summary>
/// <remarks>
/// <para>
/// The family is closed: only this package defines payloads, and every fold (<see cref="Case.Apply"/>) and every format
/// (<see cref="Serialization.CaseEventJson"/>) handles each of them, so a new kind of step cannot be forgotten by one of
/// them. Lifecycle steps derive from <see cref="CaseTransition"/> (which names the trigger); the others are the
/// registration (<see cref="CaseRegistration"/>), a joined duplicate (<see cref="CaseReportJoined"/>), the sweep's
/// records (<see cref="CaseClockStageChanged"/>, <see cref="CaseSupervisionOverdue"/>, <see cref="CaseSummonsOverdue"/>),
/// a re-projected deadline (<see cref="CaseDeadlineReprojected"/>)
/// and the desk's record of a policy failure (<see cref="CasePolicyFailed"/>, <see cref="CasePolicyRecovered"/>).
/// </para>
/// <para>Inspect a payload with pattern matching (<c>e.Payload is CaseDispatched { Unit: var unit }</c>).</para>
/// <para>A payload may hold personal data (a reason, a reply, a report): <see cref="ToString"/> prints only its kind and the ids, stages and numbers it carries.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public abstract record CaseEventPayload
{
    private protected CaseEventPayload()
    {
    }

    /// <summary>Names the kind of payload without its personal data (reasons, replies, reports).</summary>
    /// <returns>The payload type's name, with units, clocks or numbers where it has them: for example <c>CaseDispatched(community-1)</c>.</returns>
    public sealed override string ToString() => Details() is { } details ? $"{GetType().Name}({details})" : GetType().Name;

    /// <summary>Gets the payload's data that is not personal, for <see cref="ToString"/>, or <see langword="null"/>.</summary>
    private protected virtual string? Details() => null;

    internal abstract void Accept(ICaseEventPayloadVisitor visitor);
}

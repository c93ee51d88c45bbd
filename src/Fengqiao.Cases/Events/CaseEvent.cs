using Fengqiao.Cases.CaseLifecycle;
using NodaTime;

namespace Fengqiao.Cases.Events;

/// <summary>One accepted step in a case's life: the unit of the append-only history whose fold is the <see cref="Case"/>.</summary>
/// <remarks>
/// <para>
/// The envelope — case, version, instant, actor, states before and after, and the cause when the system acted —
/// carries exactly one <see cref="Payload"/>, whose type says what kind of step it was and holds that step's data
/// (<see cref="CaseDispatched"/>, <see cref="CaseClaimed"/>, <see cref="CaseSupervisionIssued"/>, …; see
/// <see cref="CaseEventPayload"/>). Versions start at 1 with the <see cref="CaseRegistration"/> and rise by exactly one
/// per event.
/// </para>
/// <para>
/// <see cref="Cause"/> explains a system action (the rule and the facts it saw) for people; nothing reads it back to
/// decide anything — the data a later step needs is in the payload.
/// </para>
/// <para>Events are written by the desk only; a host stores and reads them but never makes them up.</para>
/// <para>The payload may hold personal data: <see cref="ToString"/> prints only its kind.</para>
/// </remarks>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case's version after this event (1 for registration).</param>
/// <param name="At">When the step was accepted.</param>
/// <param name="Actor">Who acted.</param>
/// <param name="From">The state before the step.</param>
/// <param name="To">The state after the step (equal to <paramref name="From"/> for steps that do not move the case).</param>
/// <param name="Payload">What the step was, with its data; not null.</param>
/// <exception cref="ArgumentNullException"><paramref name="Payload"/> is null.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseEvent(CaseId CaseId, long Version, Instant At, CaseActor Actor, CaseState From, CaseState To, CaseEventPayload Payload)
{
    /// <summary>Gets what the step was, with its data.</summary>
    public CaseEventPayload Payload { get; init; } = Payload ?? throw new ArgumentNullException(nameof(Payload));

    /// <summary>Gets the trigger of a lifecycle step (the payload is a <see cref="CaseTransition"/>), else <see langword="null"/>.</summary>
    public CaseTrigger? Trigger => Payload is CaseTransition t ? t.Trigger : null;

    /// <summary>Gets the rule and facts that made the system act, or <see langword="null"/> for a person's action.</summary>
    /// <remarks>An explanation only: policies never parse it to decide.</remarks>
    public CaseEventCause? Cause { get; init; }

    /// <summary>Describes the event without personal data.</summary>
    /// <returns>For example <c>case-1 v3 Accepted --Dispatch--&gt; Dispatched CaseDispatched by Staff(d-1 @ street-1)</c>.</returns>
    public override string ToString()
    {
        var step = Trigger is { } trigger ? $"{From} --{trigger}--> {To}" : To.ToString();
        return $"{CaseId} v{Version} {step} {Payload} by {Actor}{(Cause is null ? "" : $" because {Cause}")}";
    }
}

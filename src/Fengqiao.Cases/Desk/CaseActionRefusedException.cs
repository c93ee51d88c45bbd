using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Desk;

/// <summary>Thrown when the desk refuses an action. Nothing changed: no event was appended or published.</summary>
/// <remarks>
/// The message names the case, its state, the trigger, the actor, why, the triggers the state permits and the guard
/// reasons — never the reporter's personal data. For a lifecycle refusal, <see cref="Exception.InnerException"/> is
/// the <see cref="Fengqiao.Lifecycles.TransitionRefusedException"/>.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseActionRefusedException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why it was refused.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="state">The case's state (unchanged).</param>
    /// <param name="trigger">The refused trigger.</param>
    /// <param name="actor">Who tried.</param>
    /// <param name="reason">Why, in a sentence without personal data.</param>
    /// <param name="permittedTriggers">The triggers the state permits.</param>
    /// <param name="failedGuards">The reasons of the guards that refused.</param>
    /// <param name="innerException">The lifecycle's refusal, if any.</param>
    public CaseActionRefusedException(
        CaseRefusalKind kind, CaseId caseId, CaseState state, CaseTrigger trigger, CaseActor actor, string reason,
        IEnumerable<CaseTrigger>? permittedTriggers = null, IEnumerable<string>? failedGuards = null, Exception? innerException = null)
        : this(kind, caseId, state, trigger, actor, reason, [.. permittedTriggers ?? []], [.. failedGuards ?? []], innerException)
    {
    }

    private CaseActionRefusedException(
        CaseRefusalKind kind, CaseId caseId, CaseState state, CaseTrigger trigger, CaseActor actor, string reason,
        ImmutableArray<CaseTrigger> permitted, ImmutableArray<string> failed, Exception? innerException)
        : base(FengqiaoErrorKind.Refusal, 
            $"Case '{caseId}' in state '{state}': {trigger} by {actor} was refused ({kind}): {reason}. Nothing changed. " +
            $"Permitted triggers: {(permitted.IsEmpty ? "none" : string.Join(", ", permitted))}." +
            (failed.IsEmpty ? "" : $" Failed guards: {string.Join("; ", failed)}."),
            innerException)
    {
        Kind = kind;
        CaseId = caseId;
        State = state;
        Trigger = trigger;
        Actor = actor;
        Reason = reason;
        PermittedTriggers = permitted;
        FailedGuards = failed;
    }

    /// <summary>Gets why the action was refused.</summary>
    public CaseRefusalKind Kind { get; }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the case's state, which did not change.</summary>
    public CaseState State { get; }

    /// <summary>Gets the refused trigger.</summary>
    public CaseTrigger Trigger { get; }

    /// <summary>Gets who tried.</summary>
    public CaseActor Actor { get; }

    /// <summary>Gets the reason in one sentence.</summary>
    public string Reason { get; }

    /// <summary>Gets the triggers the state permits with the same arguments.</summary>
    public ImmutableArray<CaseTrigger> PermittedTriggers { get; }

    /// <summary>Gets the reasons of the lifecycle guards that refused (empty unless <see cref="Kind"/> is <see cref="CaseRefusalKind.GuardFailed"/>).</summary>
    public ImmutableArray<string> FailedGuards { get; }
}

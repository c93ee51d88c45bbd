using Fengqiao.Lifecycles;

namespace Fengqiao.Cases.CaseLifecycle;

/// <summary>The guards of the default case lifecycle, for counties that extend it and want the same wording.</summary>
/// <remarks>Each guard's reason is the sentence a refused user sees; each checks one property of <see cref="CaseTransitionArgs"/>.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal static class CaseGuards
{
    /// <summary>Gets a guard requiring <see cref="CaseTransitionArgs.Reason"/> to be given (not empty or white space).</summary>
    public static LifecycleGuard<CaseTransitionArgs> ReasonGiven { get; } =
        new("a reason must be given", a => !string.IsNullOrWhiteSpace(a.Reason));

    /// <summary>Gets a guard requiring <see cref="CaseTransitionArgs.TargetUnit"/> to be named.</summary>
    public static LifecycleGuard<CaseTransitionArgs> TargetUnitGiven { get; } =
        new("the target unit must be named", a => a.TargetUnit is not null);

    /// <summary>Gets a guard requiring <see cref="CaseTransitionArgs.Reply"/> to be given.</summary>
    public static LifecycleGuard<CaseTransitionArgs> ReplyGiven { get; } =
        new("a reply to the citizen must be given", a => !string.IsNullOrWhiteSpace(a.Reply));

    /// <summary>Gets a guard requiring a <see cref="CaseTransitionArgs.Rating"/> other than <see cref="CaseRating.NotRated"/>.</summary>
    public static LifecycleGuard<CaseTransitionArgs> RatingGiven { get; } =
        new("a rating must be given", a => a.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied or CaseRating.Unsatisfied);

    /// <summary>Gets a guard requiring <see cref="CaseTransitionArgs.ReturnTo"/> to be a handling state (the states inside <see cref="CaseState.Handling"/>).</summary>
    public static LifecycleGuard<CaseTransitionArgs> ReturnToHandlingState { get; } =
        new("the state to return to must be a handling state", a => a.ReturnTo is { } s && CaseLifecycles.HandlingStates.Contains(s));

    /// <summary>Gets a guard requiring <see cref="CaseTransitionArgs.ReturnTo"/> to be <see cref="CaseState.Registered"/> or a handling state.</summary>
    public static LifecycleGuard<CaseTransitionArgs> ReturnToOpenState { get; } =
        new("the state to return to must be Registered or a handling state",
            a => a.ReturnTo is { } s && (s == CaseState.Registered || CaseLifecycles.HandlingStates.Contains(s)));
}

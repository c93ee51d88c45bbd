namespace Fengqiao.Testing;

/// <summary>Thrown by <see cref="DeskScriptRunner"/> when a desk broke one of its invariants; the message names the invariant, the step and the difference.</summary>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class DeskInvariantException : FengqiaoException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="invariant">The invariant broken, such as <c>a refusal changes nothing</c>.</param>
    /// <param name="step">The step (0-based call index; -1 for registration, or the end-of-script checks).</param>
    /// <param name="detail">What happened.</param>
    public DeskInvariantException(string invariant, int step, string detail)
        : base(FengqiaoErrorKind.Check, $"Invariant '{invariant}' broken at {(step < 0 ? "the end of the script" : $"call {step}")}: {detail}")
    {
        Invariant = invariant;
        Step = step;
    }

    /// <summary>Gets the invariant broken.</summary>
    public string Invariant { get; }

    /// <summary>Gets the 0-based call index, or -1 for the checks after the last call.</summary>
    public int Step { get; }
}

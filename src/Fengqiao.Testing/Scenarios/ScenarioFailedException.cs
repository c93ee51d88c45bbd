namespace Fengqiao.Testing;

/// <summary>Thrown by <see cref="ScenarioRunner.AssertPassesAsync(string, CancellationToken)"/> when a scenario fails;
/// the message is the run's report (the failing step at <c>file:line</c>, what it expected and what happened).</summary>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class ScenarioFailedException : FengqiaoException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="result">The failed run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public ScenarioFailedException(ScenarioResult result)
        : base(FengqiaoErrorKind.Check, (result ?? throw new ArgumentNullException(nameof(result))).ToString()) =>
        Result = result;

    /// <summary>Gets the failed run.</summary>
    public ScenarioResult Result { get; }
}

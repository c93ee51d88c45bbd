using Fengqiao.Cases.Ports;

namespace Fengqiao.Testing;

/// <summary>What a <see cref="FaultyCaseStore"/> does instead of, or before, a store call: throw, wait for a signal, refuse an append as a conflict, or run something first.</summary>
/// <remarks>
/// <para>No fault sleeps: a "delay" is <see cref="Hold"/>, which waits for a task the test completes, so races are
/// arranged, not timed.</para>
/// <para><see cref="Conflict"/> applies to appends only: the append throws <see cref="ConcurrencyConflictException"/>
/// claiming the stored version is one past the expected one, and nothing is written (as if another writer had won).
/// On another operation it is ignored.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe; the delegates it holds must be thread-safe if the store is shared.</threadsafety>
public sealed class CaseStoreFault
{
    private CaseStoreFault(string name, Func<Exception>? exception, Task? release, bool conflict, Func<CancellationToken, ValueTask>? before)
    {
        Name = name;
        Exception = exception;
        Release = release;
        IsConflict = conflict;
        FirstAction = before;
    }

    /// <summary>Gets a short description of the fault, for the store's log.</summary>
    public string Name { get; }

    internal Func<Exception>? Exception { get; }

    internal Task? Release { get; }

    internal bool IsConflict { get; }

    internal Func<CancellationToken, ValueTask>? FirstAction { get; }

    /// <summary>Throws an exception made afresh for each injection (an infrastructure failure: a full disk, a dropped connection).</summary>
    /// <param name="exception">Makes the exception.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static CaseStoreFault Throw(Func<Exception> exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new("throw", exception, null, false, null);
    }

    /// <summary>Throws an <see cref="IOException"/> with the given message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The fault.</returns>
    public static CaseStoreFault ThrowIo(string message = "injected store failure") => new("throw IOException", () => new IOException(message), null, false, null);

    /// <summary>Refuses an append as a concurrency conflict and writes nothing.</summary>
    /// <returns>The fault.</returns>
    public static CaseStoreFault Conflict() => new("conflict", null, null, true, null);

    /// <summary>Waits until <paramref name="release"/> completes (or the call is cancelled), then lets the call through: a delay the test controls.</summary>
    /// <param name="release">The task to wait for.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="release"/> is null.</exception>
    public static CaseStoreFault Hold(Task release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new("hold", null, release, false, null);
    }

    /// <summary>Runs <paramref name="action"/> first (for example another writer appending to the same case), then lets the call through.</summary>
    /// <param name="action">What to run.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    public static CaseStoreFault Before(Func<CancellationToken, ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new("before", null, null, false, action);
    }
}

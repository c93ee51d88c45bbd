namespace Fengqiao.Cases.Ports;

/// <summary>The part of a case store that loads several cases in one round trip: implemented by stores whose cost is
/// per statement or per request rather than per case, so a sweep's due batch is read together.</summary>
/// <remarks>
/// <para>
/// Contract: <see cref="LoadManyAsync"/> returns, for each id in order, exactly what <see cref="ICaseStore.LoadAsync"/>
/// would have returned for it (null for an unknown id; an id given twice gets the same case twice), read from one
/// consistent state of the store where the store can. It fails as <see cref="ICaseStore.LoadAsync"/> fails; a failure
/// of one case fails the whole call.
/// </para>
/// <para>The cases are as stored when read: an append made after the call (by another node or request) makes one
/// stale, and appending on it then fails with <see cref="ConcurrencyConflictException"/>, as for any load.</para>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe, as <see cref="ICaseStore"/> is.</threadsafety>
public interface ICaseBatchLoad
{
    /// <summary>Loads the cases with the given ids.</summary>
    /// <param name="ids">The ids; may be empty.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>One case (or null when the store has none with that id) per id, in the order of <paramref name="ids"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken);
}

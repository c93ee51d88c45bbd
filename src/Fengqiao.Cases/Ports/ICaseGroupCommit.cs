using System.Collections.Immutable;

namespace Fengqiao.Cases.Ports;

/// <summary>The part of a case store that commits several appends together (group commit): implemented by stores whose
/// cost is per transaction rather than per event, so a sweep's appends share one commit.</summary>
/// <remarks>
/// <para>
/// Contract: <see cref="AppendGroupAsync"/> gives each append exactly the outcome <see cref="ICaseStore.AppendAsync"/>
/// would have given it, in order: an append sees the ones before it in the group (two appends to one case in a group
/// are checked one after the other, so the second is stale unless it continues the first). A refused append
/// (<see cref="ConcurrencyConflictException"/>, <see cref="QueryCodeConflictException"/>,
/// <see cref="DuplicateReportException"/>, or an <see cref="ArgumentException"/> from
/// <see cref="CaseAppendValidation"/>) writes nothing and leaves the others in the group alone. The task completes when
/// every accepted append is durable, as durable as a lone <see cref="ICaseStore.AppendAsync"/> would be.
/// </para>
/// <para>When the store itself fails (the file, the connection), the whole group fails with the store's exception and
/// nothing of it was written.</para>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe, as <see cref="ICaseStore"/> is; groups and single appends may
/// run concurrently.</threadsafety>
public interface ICaseGroupCommit
{
    /// <summary>Appends a group of appends in one commit, each checked on its own.</summary>
    /// <param name="appends">The appends, in the order they are checked; may be empty.</param>
    /// <param name="cancellationToken">Cancels the group before it is committed; then nothing of it is written.</param>
    /// <returns>One outcome per append, in order: <see langword="null"/> when it was appended, otherwise the exception
    /// that refused it (nothing of that append was written).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="appends"/> or one of its items is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the commit; nothing was written.</exception>
    ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken);
}

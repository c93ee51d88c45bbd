using Fengqiao.Cases.Events;

namespace Fengqiao.Cases.Ports;

/// <summary>The part of a case store that erases one case's personal data (个人信息删除) while keeping its history:
/// implemented by stores that keep reporters' personal data apart from the event log.</summary>
/// <remarks>
/// <para>
/// Contract: <see cref="EraseReporterAsync"/> appends the <see cref="CaseReporterErased"/> event exactly as
/// <see cref="ICaseStore.AppendAsync"/> would (same optimistic check, same exceptions, all or nothing) and, in the same
/// transaction, deletes the personal data of every earlier event of the case. Afterwards the case's events read back
/// with <see cref="Reporter.Erased"/> in every report and <see cref="CaseReport.ErasedText"/> in place of every staff
/// free text (reply, reason, note; what <c>CaseEventJson.SerializeApart</c> keeps in the personal document), the
/// snapshot likewise, and the store's integrity check (hash chain) still passes: the stored event bodies are not changed.
/// </para>
/// <para>Called by <c>CaseDesk.EraseReporterAsync</c>; a host does not call it directly.</para>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe, as <see cref="ICaseStore"/> is.</threadsafety>
public interface ICaseReporterErasure
{
    /// <summary>Appends an erasure event and deletes the case's personal data, if the stored version is still <paramref name="expectedVersion"/>.</summary>
    /// <param name="expectedVersion">The version the erasure was decided on (1 or more).</param>
    /// <param name="erasure">The event, numbered <paramref name="expectedVersion"/> + 1, whose payload is a <see cref="CaseReporterErased"/>.</param>
    /// <param name="snapshot">The case after the event (its reports erased).</param>
    /// <param name="cancellationToken">Cancels the erasure (before it is committed).</param>
    /// <returns>A task that completes when the erasure is durable.</returns>
    /// <exception cref="ArgumentException">The event is not an erasure, or does not fit the snapshot (see <see cref="CaseAppendValidation"/>).</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; nothing was written or deleted.</exception>
    ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken);
}

using NodaTime;

namespace Fengqiao.Cases.Ports;

/// <summary>The port that recognises a report of a matter the county already has a case for (the same matter must not become two cases).</summary>
/// <remarks>
/// <para>
/// On registration the desk asks <see cref="FindDuplicateAsync"/>; if it names a case that is still open, the report
/// joins that case (a <see cref="Events.CaseReportJoined"/> event) instead of opening a new one. After a new
/// case is registered, the desk calls <see cref="RememberAsync"/> so later reports can find it.
/// </para>
/// <para>
/// Contract: both members may be called concurrently from any thread. A detector may return a case that has since
/// closed: the desk checks. It throws only for infrastructure failures or cancellation, and then the desk registers
/// nothing. The default is <see cref="InMemory.RecentReportDuplicateDetector"/>.
/// </para>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe: registrations arrive concurrently.</threadsafety>
public interface IDuplicateDetector
{
    /// <summary>Finds an existing case about the same matter as <paramref name="report"/>.</summary>
    /// <param name="report">The new report.</param>
    /// <param name="at">When it arrived.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The existing case's id, or <see langword="null"/>.</returns>
    ValueTask<CaseId?> FindDuplicateAsync(CaseReport report, Instant at, CancellationToken cancellationToken);

    /// <summary>Remembers a newly registered case, so later reports of the same matter find it.</summary>
    /// <param name="registered">The case just registered.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the case is remembered.</returns>
    ValueTask RememberAsync(Case registered, CancellationToken cancellationToken);

    /// <summary>Forgets what was remembered of a case whose reporter's personal data was just erased (个人信息删除), so
    /// the erased phone or name matches no later report.</summary>
    /// <param name="erased">The case as it was before the erasure (its reports still carry the keys to forget).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the case's keys are forgotten.</returns>
    /// <remarks>Called by the desk after the store has stored the erasure. The default does nothing: right for a
    /// detector that keeps no personal data, or for a store that deletes its keys in the erasure's own transaction (as
    /// the shipped SQLite and PostgreSQL stores do). A detector that keeps reporters' keys elsewhere must forget them.</remarks>
    ValueTask ForgetAsync(Case erased, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

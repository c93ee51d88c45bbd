using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.Sqlite.Internal;
using NodaTime;

namespace Fengqiao.Storage.Sqlite;

/// <summary>The durable duplicate detector of the SQLite store: keyed digests of the matters reported, in the file.</summary>
public sealed partial class SqliteCaseStore : IDuplicateDetector
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>The rule of <see cref="Fengqiao.Cases.InMemory.RecentReportDuplicateDetector"/> (see <see cref="ReportMatterKey"/>),
    /// over every case in the file: it survives restarts and is shared by every desk and process on the file. Only
    /// open cases are found; with <see cref="SqliteCaseStoreOptions.DuplicateWindow"/> null it finds nothing.</para>
    /// <para>The keys are kept as HMAC-SHA-256 digests under a random salt made with the file (never the phone number
    /// itself). Each new case's keys are written, and checked against open cases, in its append's transaction, so two
    /// desks registering the same matter at once make one case (the second append throws
    /// <see cref="DuplicateReportException"/> and the desk joins the first case).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    public ValueTask<CaseId?> FindDuplicateAsync(CaseReport report, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (duplicateWindow is not { } window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult<CaseId?>(null);
        }

        return ValueTask.FromResult(Run(SqliteCaseStoreOperation.FindDuplicate,
            () => reportKeys.Find(reportKeys.Digests(report), at, window), cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>Does nothing: the case's keys were written with its registration, in the same transaction.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="registered"/> is null.</exception>
    public ValueTask RememberAsync(Case registered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }
}

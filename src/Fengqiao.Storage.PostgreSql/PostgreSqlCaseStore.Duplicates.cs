using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.PostgreSql.Internal;
using NodaTime;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>The durable duplicate detector of the PostgreSQL store, shared by every node on the database.</summary>
public sealed partial class PostgreSqlCaseStore : IDuplicateDetector
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>The rule of <see cref="Fengqiao.Cases.InMemory.RecentReportDuplicateDetector"/> (see <see cref="ReportMatterKey"/>),
    /// over every case in the database: it survives restarts and is shared by every node. Only open cases are found;
    /// with <see cref="PostgreSqlCaseStoreOptions.DuplicateWindow"/> null it finds nothing.</para>
    /// <para>The keys are kept as HMAC-SHA-256 digests under a random salt made with the schema (never the phone
    /// number itself). A new case's append takes a transaction-scoped advisory lock per key, checks for an open case
    /// with it and writes its own keys before it commits, so nodes registering the same matter at once make one case
    /// (the later append throws <see cref="DuplicateReportException"/> and the desk joins the first case).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public async ValueTask<CaseId?> FindDuplicateAsync(CaseReport report, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        if (duplicateWindow is not { } window)
        {
            return null;
        }

        return await RunAsync(PostgreSqlCaseStoreOperation.FindDuplicate,
            connection => ReportKeys.FindAsync(connection, report, at, reportKeySalt, window, commandTimeoutSeconds, cancellationToken),
            cancellationToken).ConfigureAwait(false);
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

    /// <summary>In a new case's append transaction: adds to <paramref name="batch"/> the locks of its matter keys (until
    /// commit, in a fixed order so two registrations with the same two keys cannot deadlock) and then the look-ups of an
    /// open case with one of them (<see cref="ReportKeys.Finds"/>). Adds nothing when the detector is off.</summary>
    /// <returns>How many lock commands it added (the look-ups follow them).</returns>
    private int AddDuplicateCheck(NpgsqlBatch batch, Case snapshot)
    {
        if (duplicateWindow is not { } window)
        {
            return 0;
        }

        var locks = 0;
        foreach (var lockObject in ReportMatterKey.Of(snapshot.Report).Select(k => ReportKeys.LockObject(ReportKeys.Digest(reportKeySalt, k))).Distinct().Order())
        {
            batch.BatchCommands.Add(BatchCommand("SELECT pg_advisory_xact_lock($1, $2)", ReportKeys.LockClass, lockObject));
            locks++;
        }

        foreach (var find in ReportKeys.Finds(snapshot.Report, snapshot.RegisteredAt, reportKeySalt, window))
        {
            batch.BatchCommands.Add(find);
        }

        return locks;
    }
}

using Fengqiao.Cases;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>Thrown when a case's stored events do not match their hash chain, or its personal data does not match the
/// digests in its events: something was edited, deleted or moved in the database, outside the store.</summary>
/// <remarks>
/// The message names the server, the case and the first version that fails, never the event's content or personal
/// data. The case is not loaded (a store opened with <see cref="PostgreSqlCaseStoreOptions.VerifyChainOnLoad"/> off
/// loads it unchecked instead). Restore the case from a backup; <see cref="PostgreSqlCaseStore.VerifyAsync"/> lists
/// every broken case.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class PostgreSqlCaseStoreTamperException : PostgreSqlCaseStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The server and database.</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="caseId">The case that fails the check.</param>
    /// <param name="version">The first version that fails.</param>
    /// <param name="problem">What fails, without any event content.</param>
    public PostgreSqlCaseStoreTamperException(string dataSource, PostgreSqlCaseStoreOperation operation, CaseId caseId, long version, string problem)
        : base(FengqiaoErrorKind.Tamper, dataSource, operation, $"case '{caseId}' fails its hash chain at version {version}: {problem}; restore the case from a backup")
    {
        CaseId = caseId;
        Version = version;
    }

    /// <summary>Gets the case that fails the check.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the first version that fails.</summary>
    public long Version { get; }
}

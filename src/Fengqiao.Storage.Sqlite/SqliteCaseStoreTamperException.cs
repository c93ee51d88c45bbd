using Fengqiao.Cases;

namespace Fengqiao.Storage.Sqlite;

/// <summary>Thrown when a case's stored events do not match their hash chain: an event was edited, deleted or moved
/// after it was written, outside the store.</summary>
/// <remarks>
/// The message names the file, the case and the first version that fails, never the event's content. The case is not
/// loaded (a store opened with <see cref="SqliteCaseStoreOptions.VerifyChainOnLoad"/> off loads it unchecked instead).
/// Restore the file from a backup; <c>fengqiao verify</c> lists every broken case, and <c>fengqiao repair</c> does not
/// re-chain edited events.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class SqliteCaseStoreTamperException : SqliteCaseStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The file (or <c>:memory:</c>).</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="caseId">The case whose chain is broken.</param>
    /// <param name="version">The first version that fails the check.</param>
    /// <param name="problem">What fails, without any event content.</param>
    public SqliteCaseStoreTamperException(string dataSource, SqliteCaseStoreOperation operation, CaseId caseId, long version, string problem)
        : base(FengqiaoErrorKind.Tamper, operation, dataSource, $"case '{caseId}' fails its hash chain at version {version}: {problem}; restore the file from a backup")
    {
        CaseId = caseId;
        Version = version;
    }

    /// <summary>Gets the case whose chain is broken.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the first version that fails the check.</summary>
    public long Version { get; }
}

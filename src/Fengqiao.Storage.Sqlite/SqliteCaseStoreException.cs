using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite;

/// <summary>
/// Thrown when a <see cref="SqliteCaseStore"/> cannot do what it was asked: the file cannot be opened or created, it is
/// damaged, another process held its write lock longer than the busy timeout, the disk is full. The one store failure
/// a host catches; the driver's own exception is never let through, only kept as <see cref="Exception.InnerException"/>.
/// </summary>
/// <remarks>
/// <para>The message names the file and the operation. When an append fails nothing of it was written.</para>
/// <para>
/// <see cref="SqliteCaseStoreSchemaException"/> derives from it (a file that is not a case store this version can
/// use); the class is open for that reason only. Refusals that are part of the store contract keep their own types:
/// <c>ConcurrencyConflictException</c>, <c>QueryCodeConflictException</c>, <see cref="OperationCanceledException"/>,
/// and <c>CaseEventFormatException</c> for a stored event that cannot be read.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public class SqliteCaseStoreException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The file (or <c>:memory:</c>).</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="problem">What went wrong, as a sentence fragment ("the file is damaged: …").</param>
    /// <param name="innerException">The cause, if any.</param>
    public SqliteCaseStoreException(string dataSource, SqliteCaseStoreOperation operation, string problem, Exception? innerException = null)
        : this($"The case store '{dataSource}' failed to {Verb(operation)}: {problem}", dataSource, operation, innerException)
    {
    }

    /// <summary>Creates the exception with a message of a derived type's own.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="dataSource">The file (or <c>:memory:</c>).</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected SqliteCaseStoreException(string message, string dataSource, SqliteCaseStoreOperation operation, Exception? innerException)
        : this(FengqiaoErrorKind.Store, message, dataSource, operation, innerException)
    {
    }

    // For a derived type of another kind (tamper); private protected so that only this package's types can choose.
    private protected SqliteCaseStoreException(
        FengqiaoErrorKind kind, SqliteCaseStoreOperation operation, string dataSource, string problem)
        : this(kind, $"The case store '{dataSource}' failed to {Verb(operation)}: {problem}", dataSource, operation, null)
    {
    }

    private SqliteCaseStoreException(
        FengqiaoErrorKind kind, string message, string dataSource, SqliteCaseStoreOperation operation, Exception? innerException)
        : base(kind, message, innerException)
    {
        DataSource = dataSource;
        Operation = operation;
    }

    /// <summary>Gets the file the store keeps its data in, or <c>:memory:</c>.</summary>
    public string DataSource { get; }

    /// <summary>Gets what the store was doing when it failed.</summary>
    public SqliteCaseStoreOperation Operation { get; }

    /// <summary>Gets whether the call failed only because another connection held the file's lock for longer than
    /// <see cref="SqliteCaseStoreOptions.BusyTimeout"/>: trying again later may succeed.</summary>
    public bool IsBusy => InnerException is SqliteException { SqliteErrorCode: 5 or 6 };

    private static string Verb(SqliteCaseStoreOperation operation) => operation switch
    {
        SqliteCaseStoreOperation.Open => "open",
        SqliteCaseStoreOperation.Load => "load a case",
        SqliteCaseStoreOperation.FindByQueryCode => "find a case by query code",
        SqliteCaseStoreOperation.ReadEvents => "read a case's events",
        SqliteCaseStoreOperation.Append => "append events",
        SqliteCaseStoreOperation.ListDue => "list the due cases",
        SqliteCaseStoreOperation.Verify => "verify",
        SqliteCaseStoreOperation.Repair => "repair",
        SqliteCaseStoreOperation.EraseReporter => "erase a reporter's personal data",
        _ => operation.ToString(),
    };
}

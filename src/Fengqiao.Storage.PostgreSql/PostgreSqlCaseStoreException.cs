using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>
/// Thrown when a <see cref="PostgreSqlCaseStore"/> cannot do what it was asked: the server cannot be reached, refused
/// the login, timed out, or failed the statement. The one store failure a host catches; the driver's own exception is
/// never let through, only kept as <see cref="Exception.InnerException"/>.
/// </summary>
/// <remarks>
/// <para>The message names the server and database (never the password) and the operation. When an append fails
/// nothing of it was written (the transaction is rolled back by the server).</para>
/// <para>
/// <see cref="PostgreSqlCaseStoreSchemaException"/> derives from it (a database this version cannot use); the class is
/// open for that reason only. Refusals that are part of the store contract keep their own types:
/// <c>ConcurrencyConflictException</c>, <c>QueryCodeConflictException</c>, <see cref="OperationCanceledException"/>,
/// and <c>CaseEventFormatException</c> for a stored event that cannot be read.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public class PostgreSqlCaseStoreException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The server and database, for example <c>db1:5432/fengqiao</c>.</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="problem">What went wrong, as a sentence fragment.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PostgreSqlCaseStoreException(string dataSource, PostgreSqlCaseStoreOperation operation, string problem, Exception? innerException = null)
        : this($"The case store '{dataSource}' failed to {Verb(operation)}: {problem}", dataSource, operation, innerException)
    {
    }

    /// <summary>Creates the exception of another kind (a tamper refusal) with the usual message.</summary>
    private protected PostgreSqlCaseStoreException(FengqiaoErrorKind kind, string dataSource, PostgreSqlCaseStoreOperation operation, string problem)
        : base(kind, $"The case store '{dataSource}' failed to {Verb(operation)}: {problem}")
    {
        DataSource = dataSource;
        Operation = operation;
    }

    /// <summary>Creates the exception with a message of a derived type's own.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="dataSource">The server and database.</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected PostgreSqlCaseStoreException(string message, string dataSource, PostgreSqlCaseStoreOperation operation, Exception? innerException)
        : base(FengqiaoErrorKind.Store, message, innerException)
    {
        DataSource = dataSource;
        Operation = operation;
    }

    /// <summary>Gets the server and database the store uses, for example <c>db1:5432/fengqiao</c>.</summary>
    public string DataSource { get; }

    /// <summary>Gets what the store was doing when it failed.</summary>
    public PostgreSqlCaseStoreOperation Operation { get; }

    /// <summary>Gets whether the failure may pass if the call is tried again: the server could not be reached, the
    /// pool had no free connection within the timeout, the command timed out, or the server cancelled it for a deadlock
    /// or a serialization failure.</summary>
    public bool IsTransient => InnerException is NpgsqlException { IsTransient: true } or TimeoutException;

    private static string Verb(PostgreSqlCaseStoreOperation operation) => operation switch
    {
        PostgreSqlCaseStoreOperation.Open => "open",
        PostgreSqlCaseStoreOperation.Load => "load a case",
        PostgreSqlCaseStoreOperation.FindByQueryCode => "find a case by query code",
        PostgreSqlCaseStoreOperation.ReadEvents => "read a case's events",
        PostgreSqlCaseStoreOperation.Append => "append events",
        PostgreSqlCaseStoreOperation.ListDue => "list the due cases",
        PostgreSqlCaseStoreOperation.Claim => "claim due cases",
        PostgreSqlCaseStoreOperation.Release => "release claimed cases",
        PostgreSqlCaseStoreOperation.Verify => "verify",
        PostgreSqlCaseStoreOperation.EraseReporter => "erase a reporter's personal data",
        _ => operation.ToString(),
    };
}

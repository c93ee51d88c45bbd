namespace Fengqiao.Storage.PostgreSql;

/// <summary>Thrown when a database opened as a case store holds a schema newer than this version knows.</summary>
/// <remarks>Nothing in the database was changed. Run the Fengqiao version that migrated it (or a newer one). An older
/// schema version is not refused: it is migrated forward at open.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class PostgreSqlCaseStoreSchemaException : PostgreSqlCaseStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The server and database.</param>
    /// <param name="foundVersion">The schema version found in the database.</param>
    /// <param name="problem">What is wrong.</param>
    public PostgreSqlCaseStoreSchemaException(string dataSource, long foundVersion, string problem)
        : base($"'{dataSource}' cannot be opened as a Fengqiao case store (schema version {PostgreSqlCaseStore.SchemaVersion}): {problem}. Nothing was changed.",
            dataSource, PostgreSqlCaseStoreOperation.Open, null)
    {
        FoundVersion = foundVersion;
    }

    /// <summary>Gets the schema version found in the database.</summary>
    public long FoundVersion { get; }

    /// <summary>Gets the newest schema version this version of the store reads and writes.</summary>
    public int ExpectedVersion { get; } = PostgreSqlCaseStore.SchemaVersion;
}

namespace Fengqiao.Storage.Sqlite;

/// <summary>Thrown when a file opened as a case store is not one this version can use: not SQLite, another application's database, or a case store of a newer schema version.</summary>
/// <remarks>Nothing in the file was changed. Open the file with the Fengqiao version that wrote it (or a newer one),
/// or point the store at a new file. An older schema version is not refused: it is migrated forward at open.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class SqliteCaseStoreSchemaException : SqliteCaseStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The file (or <c>:memory:</c>).</param>
    /// <param name="foundVersion">The schema version found in the file (SQLite <c>user_version</c>), or <see langword="null"/> when it could not be read.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SqliteCaseStoreSchemaException(string dataSource, long? foundVersion, string problem, Exception? innerException = null)
        : base($"'{dataSource}' cannot be opened as a Fengqiao case store (schema version {SqliteCaseStore.SchemaVersion}): {problem}. Nothing was changed.",
            dataSource, SqliteCaseStoreOperation.Open, innerException)
    {
        FoundVersion = foundVersion;
    }

    /// <summary>Gets the schema version found in the file, or <see langword="null"/> when it could not be read.</summary>
    public long? FoundVersion { get; }

    /// <summary>Gets the newest schema version this version of the store reads and writes.</summary>
    public int ExpectedVersion { get; } = SqliteCaseStore.SchemaVersion;
}

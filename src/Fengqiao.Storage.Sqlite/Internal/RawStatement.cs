using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>
/// One statement of the append path prepared once on the store's connection and run straight through SQLite
/// (<c>sqlite3_bind_*</c>, <c>sqlite3_step</c>, <c>sqlite3_reset</c>), below Microsoft.Data.Sqlite's command layer: the
/// driver looks each parameter up by name, converts its name and every text value to a new UTF-8 array, and opens a
/// data reader for every <see cref="SqliteCommand.ExecuteNonQuery"/>, which together cost an append about as much as
/// SQLite's own work (docs/benchmarks.md, "30 × 600 on the default store, session 11").
/// </summary>
/// <remarks>
/// <para>Parameters are bound by their 1-based index in the SQL text (write the SQL with <c>?1</c>, <c>?2</c>, …). Text
/// is bound from UTF-8 bytes and blobs from spans, both copied by SQLite (<c>SQLITE_TRANSIENT</c>), so the caller's
/// buffers may be reused as soon as the bind returns. Every binding is replaced by the next run's (each run binds every
/// parameter).</para>
/// <para>A failure of the step (a constraint, a full or damaged file) is thrown as the driver throws it, a
/// <see cref="SqliteException"/> with SQLite's code and message, after the statement is reset: the store maps it as it
/// maps the driver's. The statement runs inside whatever transaction is open on the connection (the driver's or the
/// store's <see cref="WriteTransaction"/>): SQLite has one per connection.</para>
/// <para>Not thread-safe: the store runs it under its gate. Dispose it before the connection.</para>
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;

    /// <summary>Prepares <paramref name="sql"/> on <paramref name="connection"/>, which must be open.</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="sql">One SQL statement with numbered parameters.</param>
    /// <exception cref="SqliteException">SQLite refused the SQL (a bug of the store, or a file of another schema).</exception>
    public RawStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement);
        SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>Binds an integer.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    /// <summary>Binds text (null binds SQL <c>NULL</c>), converted to UTF-8 on the stack or in a pooled array.</summary>
    public void Bind(int index, string? text)
    {
        if (text is null)
        {
            BindNull(index);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 256)
        {
            Span<byte> utf8 = stackalloc byte[max];
            var count = Encoding.UTF8.GetBytes(text, utf8);
            Check(raw.sqlite3_bind_text(statement, index, utf8[..count]));
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var count = Encoding.UTF8.GetBytes(text, rented);
            Check(raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, count)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Binds a blob (an empty span binds an empty blob, never <c>NULL</c>).</summary>
    public void Bind(int index, ReadOnlySpan<byte> blob) => Check(blob.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, index, 0) : raw.sqlite3_bind_blob(statement, index, blob));

    /// <summary>Binds a blob, or SQL <c>NULL</c> for null.</summary>
    public void BindBlobOrNull(int index, byte[]? blob)
    {
        if (blob is null)
        {
            BindNull(index);
        }
        else
        {
            Bind(index, blob.AsSpan());
        }
    }

    /// <summary>Binds SQL <c>NULL</c>.</summary>
    public void BindNull(int index) => Check(raw.sqlite3_bind_null(statement, index));

    /// <summary>Runs a statement that returns no rows.</summary>
    /// <returns>How many rows it changed (<c>sqlite3_changes</c>).</returns>
    /// <exception cref="SqliteException">The step failed; the statement is reset.</exception>
    public int Execute()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Fail(rc);
        }

        raw.sqlite3_reset(statement);
        return raw.sqlite3_changes(db);
    }

    /// <summary>Runs a statement that returns at most one row and stops on it: call <see cref="Int64"/> or
    /// <see cref="Blob"/>, then <see cref="Reset"/>.</summary>
    /// <returns>Whether there is a row.</returns>
    /// <exception cref="SqliteException">The step failed; the statement is reset.</exception>
    public bool Row()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Fail(rc);
        }

        raw.sqlite3_reset(statement);
        return false;
    }

    /// <summary>The integer in a column of the current row.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    /// <summary>A copy of the blob in a column of the current row, or null when it is SQL <c>NULL</c>.</summary>
    public byte[]? Blob(int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_blob(statement, column).ToArray();

    /// <summary>Ends a run that stopped on a row (see <see cref="Row"/>).</summary>
    public void Reset() => raw.sqlite3_reset(statement);

    public void Dispose() => statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private void Fail(int rc)
    {
        try
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }
}

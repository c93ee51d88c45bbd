using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The append path's transaction and savepoint statements, prepared once on the store's connection and reused
/// for every group (the driver's <see cref="SqliteConnection.BeginTransaction()"/> and its commit compile their SQL
/// anew each time, which cost about a fifth of a one-append commit).</summary>
/// <remarks>While one of these transactions is open, the connection's <see cref="SqliteConnection.BeginTransaction()"/>
/// must not be called and commands run with no <see cref="SqliteCommand.Transaction"/>: the driver does not know about
/// it, and SQLite runs every statement on the connection inside it. Not thread-safe: the store calls it under its gate.</remarks>
internal sealed class WriteTransaction : IDisposable
{
    private const string Savepoint = "append";

    private readonly SqliteConnection connection;
    private readonly SqliteCommand begin;
    private readonly SqliteCommand commit;
    private readonly SqliteCommand rollback;
    private readonly SqliteCommand save;
    private readonly SqliteCommand release;
    private readonly SqliteCommand rollbackTo;

    public WriteTransaction(SqliteConnection connection)
    {
        this.connection = connection;
        begin = Prepared("BEGIN IMMEDIATE");
        commit = Prepared("COMMIT");
        rollback = Prepared("ROLLBACK");
        save = Prepared("SAVEPOINT " + Savepoint);
        release = Prepared("RELEASE " + Savepoint);
        rollbackTo = Prepared("ROLLBACK TO " + Savepoint);
    }

    /// <summary>Gets whether a transaction is open on the connection (SQLite is not in autocommit mode).</summary>
    public bool IsOpen => connection.Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>Begins an immediate transaction: takes the write lock now (waiting up to the busy timeout).</summary>
    public void Begin() => begin.ExecuteNonQuery();

    /// <summary>Commits the open transaction.</summary>
    public void Commit() => commit.ExecuteNonQuery();

    /// <summary>Rolls the open transaction back; does nothing when SQLite has already ended it (it does after some errors).</summary>
    public void RollbackIfOpen()
    {
        if (IsOpen)
        {
            rollback.ExecuteNonQuery();
        }
    }

    /// <summary>Opens the savepoint of one append inside the transaction.</summary>
    public void Save() => save.ExecuteNonQuery();

    /// <summary>Keeps the append's writes: releases its savepoint into the transaction.</summary>
    public void Release() => release.ExecuteNonQuery();

    /// <summary>Undoes the append's writes and closes its savepoint; the transaction stays open.</summary>
    public void Undo()
    {
        rollbackTo.ExecuteNonQuery();
        release.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { begin, commit, rollback, save, release, rollbackTo })
        {
            command.Dispose();
        }
    }

    private SqliteCommand Prepared(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }
}

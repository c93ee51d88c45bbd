using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The command shape the data migrations (<see cref="PersonalApart"/>, <see cref="PlainCodes"/>,
/// <see cref="InlineText"/>) prepare once and run per row inside the opening transaction.</summary>
internal static class MigrationCommands
{
    /// <summary>A command on <paramref name="connection"/> in <paramref name="transaction"/> with one empty parameter per
    /// name in <paramref name="parameters"/>, for the caller to fill per row.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}

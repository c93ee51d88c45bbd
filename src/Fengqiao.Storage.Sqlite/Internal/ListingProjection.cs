using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The <c>case_listing</c> table: one row per case, the <see cref="CaseListingEntry"/> of its latest snapshot,
/// written in the transaction of every append (and built from the events when a file is migrated to version 4).</summary>
internal static class ListingProjection
{
    /// <summary>The columns a listing query selects from <c>case_listing</c>, in <see cref="Fengqiao.Storage.Internal.CaseListingRows"/>'s
    /// order, with the case's version read from its <c>cases</c> row (one primary-key look-up a listed case): an append
    /// that changes no listed column leaves the listing row as it was (<see cref="ListingWriter"/>), so the row's own
    /// <c>version</c> is that of its last write.</summary>
    internal static readonly string SelectColumns = Fengqiao.Storage.Internal.CaseListingRows.Columns.Replace(
        "id, version,", "id, (SELECT c.version FROM cases c WHERE c.id = case_listing.id) AS version,", StringComparison.Ordinal);

    internal const string UpsertSql =
        "INSERT INTO case_listing (id, version, state, holder, worker, category, grid, registered_at, overdue_from) " +
        "VALUES ($id, $version, $state, $holder, $worker, $category, $grid, $registered, $overdue) " +
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state, holder = excluded.holder, " +
        "worker = excluded.worker, overdue_from = excluded.overdue_from";

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, Case snapshot)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = UpsertSql;
        Bind(upsert, CaseListingEntry.From(snapshot));
        upsert.ExecuteNonQuery();
    }

    /// <summary>Projects every stored case, replaying its events case by case (one case's events in memory at a time).</summary>
    public static void BuildExisting(SqliteConnection connection, SqliteTransaction transaction, BusinessCalendar calendar, byte[] salt, QueryCodeKey? codeKey)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = UpsertSql;
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT case_id, body FROM events WHERE case_id IN (SELECT id FROM cases) ORDER BY case_id, version";
        using var reader = read.ExecuteReader();
        string? current = null;
        var events = new List<CaseEvent>();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (current is not null && !string.Equals(id, current, StringComparison.Ordinal))
            {
                Project(connection, transaction, upsert, events, calendar, salt);
                events.Clear();
            }

            current = id;
            events.Add(codeKey is null ? CaseEventJson.Deserialize(reader.GetString(1)) : CaseEventJson.Deserialize(reader.GetString(1), codeKey));
        }

        if (events.Count > 0)
        {
            Project(connection, transaction, upsert, events, calendar, salt);
        }
    }

    private static void Project(SqliteConnection connection, SqliteTransaction transaction, SqliteCommand upsert, List<CaseEvent> events, BusinessCalendar calendar, byte[] salt)
    {
        var folded = Case.Replay(events, calendar);
        upsert.Parameters.Clear();
        Bind(upsert, CaseListingEntry.From(folded));
        upsert.ExecuteNonQuery();
        ReportKeys.Remember(connection, transaction, folded, salt);
    }

    private static void Bind(SqliteCommand command, CaseListingEntry entry)
    {
        command.Parameters.AddWithValue("$id", entry.Id.Value);
        command.Parameters.AddWithValue("$version", entry.Version);
        command.Parameters.AddWithValue("$state", (int)entry.State);
        command.Parameters.AddWithValue("$holder", entry.HoldingUnit is { } h ? h.Value : DBNull.Value);
        command.Parameters.AddWithValue("$worker", entry.Worker is { } w ? w.Value : DBNull.Value);
        command.Parameters.AddWithValue("$category", entry.Category.Key);
        command.Parameters.AddWithValue("$grid", entry.Grid.Value);
        command.Parameters.AddWithValue("$registered", entry.RegisteredAt.ToUnixTimeTicks());
        command.Parameters.AddWithValue("$overdue", entry.OverdueFrom is { } o ? o.ToUnixTimeTicks() : DBNull.Value);
    }
}

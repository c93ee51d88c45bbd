using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>Writes a case's <c>case_listing</c> row in an append, with statements prepared once: the upsert of
/// <see cref="ListingProjection"/> when the row before the append is not known, else an update of only the columns
/// that changed (SQLite then rewrites only the indexes on those columns, not all seven), and nothing at all when no
/// listed column changed (most appends: a note, a clock event, a reply).</summary>
/// <remarks>
/// <para>The row at the checked version was written from that version's case by the same projection, so comparing the
/// two cases' entries tells which columns differ from the stored row. A row written by a version of Fengqiao whose
/// projection differed keeps such a column until the column next changes (<c>VerifyAsync</c> does not check listing rows).</para>
/// <para>The row's <c>version</c> is the version of its last write, not the case's: the listing reads the case's
/// version from <c>cases</c> (<see cref="ListingProjection.SelectColumns"/>).</para>
/// <para>Not thread-safe: the store calls it under its gate, inside the append's transaction.</para>
/// </remarks>
internal sealed class ListingWriter : IDisposable
{
    private const int StateColumn = 1, HolderColumn = 2, WorkerColumn = 4, OverdueColumn = 8;

    private readonly SqliteConnection connection;
    private readonly SqliteCommand upsert;

    // One prepared update per set of changed columns (at most 16), made when first needed.
    private readonly SqliteCommand?[] updates = new SqliteCommand?[16];

    public ListingWriter(SqliteConnection connection)
    {
        this.connection = connection;
        upsert = connection.CreateCommand();
        upsert.CommandText = ListingProjection.UpsertSql;
        foreach (var name in new[] { "$id", "$version", "$state", "$holder", "$worker", "$category", "$grid", "$registered", "$overdue" })
        {
            upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        upsert.Prepare();
    }

    /// <summary>Writes the row of <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The case after the append.</param>
    /// <param name="before">The case at the version the append was checked against (its row is the stored one), or null
    /// when it is not at hand or the case is new.</param>
    public void Write(Case snapshot, Case? before)
    {
        var entry = CaseListingEntry.From(snapshot);
        if (before is null || before.Id != snapshot.Id)
        {
            Upsert(entry);
            return;
        }

        var old = CaseListingEntry.From(before);
        var changed = (entry.State != old.State ? StateColumn : 0)
            | (entry.HoldingUnit != old.HoldingUnit ? HolderColumn : 0)
            | (entry.Worker != old.Worker ? WorkerColumn : 0)
            | (entry.OverdueFrom != old.OverdueFrom ? OverdueColumn : 0);
        if (changed == 0)
        {
            // Nothing listed changed: the row stands as it is (its version column is not read).
            Skipped++;
            return;
        }

        var update = updates[changed] ??= Prepare(changed);
        update.Parameters[0].Value = entry.Id.Value;
        update.Parameters[1].Value = entry.Version;
        var next = 2;
        if ((changed & StateColumn) != 0)
        {
            update.Parameters[next++].Value = (int)entry.State;
        }

        if ((changed & HolderColumn) != 0)
        {
            update.Parameters[next++].Value = entry.HoldingUnit is { } h ? h.Value : DBNull.Value;
        }

        if ((changed & WorkerColumn) != 0)
        {
            update.Parameters[next++].Value = entry.Worker is { } w ? w.Value : DBNull.Value;
        }

        if ((changed & OverdueColumn) != 0)
        {
            update.Parameters[next].Value = entry.OverdueFrom is { } o ? o.ToUnixTimeTicks() : DBNull.Value;
        }

        if (update.ExecuteNonQuery() != 1)
        {
            // The row is missing (a file from before the listing, repaired since): write it whole.
            Upsert(entry);
        }
    }

    /// <summary>Gets how many appends left their listing row as it was, for tests and benchmarks.</summary>
    public long Skipped { get; private set; }

    public void Dispose()
    {
        upsert.Dispose();
        foreach (var update in updates)
        {
            update?.Dispose();
        }
    }

    private void Upsert(CaseListingEntry entry)
    {
        var p = upsert.Parameters;
        p[0].Value = entry.Id.Value;
        p[1].Value = entry.Version;
        p[2].Value = (int)entry.State;
        p[3].Value = entry.HoldingUnit is { } h ? h.Value : DBNull.Value;
        p[4].Value = entry.Worker is { } w ? w.Value : DBNull.Value;
        p[5].Value = entry.Category.Key;
        p[6].Value = entry.Grid.Value;
        p[7].Value = entry.RegisteredAt.ToUnixTimeTicks();
        p[8].Value = entry.OverdueFrom is { } o ? o.ToUnixTimeTicks() : DBNull.Value;
        upsert.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(int changed)
    {
        var command = connection.CreateCommand();
        var set = "version = $version";
        command.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$version" });
        foreach (var (bit, column, parameter) in new[] { (StateColumn, "state", "$state"), (HolderColumn, "holder", "$holder"), (WorkerColumn, "worker", "$worker"), (OverdueColumn, "overdue_from", "$overdue") })
        {
            if ((changed & bit) != 0)
            {
                set += $", {column} = {parameter}";
                command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
            }
        }

        command.CommandText = $"UPDATE case_listing SET {set} WHERE id = $id";
        command.Prepare();
        return command;
    }
}

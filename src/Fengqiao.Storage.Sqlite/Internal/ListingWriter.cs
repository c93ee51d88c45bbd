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

    // The upsert's parameters are numbered in the order they first appear in its SQL ($id is 1, …, $overdue 9).
    private readonly RawStatement upsert;

    // One prepared update per set of changed columns (at most 16), made when first needed.
    private readonly RawStatement?[] updates = new RawStatement?[16];

    public ListingWriter(SqliteConnection connection)
    {
        this.connection = connection;
        upsert = new RawStatement(connection, ListingProjection.UpsertSql);
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
        update.Bind(1, entry.Id.Value);
        update.Bind(2, entry.Version);
        var next = 3;
        if ((changed & StateColumn) != 0)
        {
            update.Bind(next++, (int)entry.State);
        }

        if ((changed & HolderColumn) != 0)
        {
            update.Bind(next++, entry.HoldingUnit?.Value);
        }

        if ((changed & WorkerColumn) != 0)
        {
            update.Bind(next++, entry.Worker?.Value);
        }

        if ((changed & OverdueColumn) != 0)
        {
            BindTicksOrNull(update, next, entry.OverdueFrom);
        }

        if (update.Execute() != 1)
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

    private static void BindTicksOrNull(RawStatement statement, int index, NodaTime.Instant? at)
    {
        if (at is { } value)
        {
            statement.Bind(index, value.ToUnixTimeTicks());
        }
        else
        {
            statement.BindNull(index);
        }
    }

    private void Upsert(CaseListingEntry entry)
    {
        upsert.Bind(1, entry.Id.Value);
        upsert.Bind(2, entry.Version);
        upsert.Bind(3, (int)entry.State);
        upsert.Bind(4, entry.HoldingUnit?.Value);
        upsert.Bind(5, entry.Worker?.Value);
        upsert.Bind(6, entry.Category.Key);
        upsert.Bind(7, entry.Grid.Value);
        upsert.Bind(8, entry.RegisteredAt.ToUnixTimeTicks());
        BindTicksOrNull(upsert, 9, entry.OverdueFrom);
        upsert.Execute();
    }

    private RawStatement Prepare(int changed)
    {
        var set = "version = ?2";
        var next = 3;
        foreach (var (bit, column) in new[] { (StateColumn, "state"), (HolderColumn, "holder"), (WorkerColumn, "worker"), (OverdueColumn, "overdue_from") })
        {
            if ((changed & bit) != 0)
            {
                set += $", {column} = ?{next++}";
            }
        }

        return new RawStatement(connection, $"UPDATE case_listing SET {set} WHERE id = ?1");
    }
}

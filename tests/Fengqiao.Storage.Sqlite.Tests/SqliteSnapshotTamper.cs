using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.Sqlite.Internal;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The snapshot checks' hook on the SQLite file store: stores on new files of the factory's folder, and the
/// file's rows edited with <see cref="SqliteFile"/> (bodies encoded as the store encodes them).</summary>
internal sealed class SqliteSnapshotTamper(StoreFactory stores) : ISnapshotTamper
{
    public Task<ICaseStore> NewStoreAsync(int? snapshotInterval) =>
        Task.FromResult<ICaseStore>(SqliteCaseStore.Open(stores.NewPath(), CaseStoreConformance.Calendar, Options(snapshotInterval, verifyChainOnLoad: true)));

    public Task<ICaseStore> ReopenAsync(ICaseStore store, bool verifyChainOnLoad) =>
        Task.FromResult<ICaseStore>(SqliteCaseStore.Open(Path(store), CaseStoreConformance.Calendar, Options(null, verifyChainOnLoad)));

    public Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(ICaseStore store)
    {
        using var connection = Connect(Path(store));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT case_id, version, format, calendar, seal, body FROM snapshots ORDER BY case_id";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredSnapshot>();
        while (reader.Read())
        {
            rows.Add(new StoredSnapshot(new CaseId(reader.GetString(0)), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? [] : [.. (byte[])reader.GetValue(4)], Encoding.UTF8.GetString(StoredBodies.ReadSnapshot((byte[])reader.GetValue(5)))));
        }

        return Task.FromResult<IReadOnlyList<StoredSnapshot>>(rows);
    }

    public async Task<int> RewriteSnapshotsAsync(ICaseStore store, Func<StoredSnapshot, StoredSnapshot> rewrite)
    {
        var changed = 0;
        using var connection = Connect(Path(store));
        foreach (var row in await ReadSnapshotsAsync(store))
        {
            var to = rewrite(row);
            if (Unchanged(row, to))
            {
                continue;
            }

            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE snapshots SET format = $format, calendar = $calendar, seal = $seal, body = $body WHERE case_id = $id";
            write.Parameters.AddWithValue("$format", to.Format);
            write.Parameters.AddWithValue("$calendar", to.Calendar);
            write.Parameters.AddWithValue("$seal", to.Seal.ToArray());
            write.Parameters.AddWithValue("$body", StoredBodies.Encode(Encoding.UTF8.GetBytes(to.Body)));
            write.Parameters.AddWithValue("$id", row.CaseId.Value);
            changed += write.ExecuteNonQuery();
        }

        return changed;
    }

    public Task<int> EditEventAsync(ICaseStore store, CaseId id, long version, Func<string, string> edit) =>
        Task.FromResult(EditBodies(Path(store), $"WHERE case_id = '{id}' AND version = {version}", edit));

    public Task DeleteEventsAsync(ICaseStore store, CaseId id, long fromVersion)
    {
        Execute(Path(store), $"DELETE FROM events WHERE case_id = '{id}' AND version >= {fromVersion}");
        return Task.CompletedTask;
    }

    public Task<int> RewriteCaseRowAsync(ICaseStore store, CaseId id, Func<StoredCaseRow, StoredCaseRow> rewrite)
    {
        using var connection = Connect(Path(store));
        StoredCaseRow row;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version, next_due, query_code FROM cases WHERE id = $id";
            read.Parameters.AddWithValue("$id", id.Value);
            using var reader = read.ExecuteReader();
            if (!reader.Read())
            {
                return Task.FromResult(0);
            }

            row = new StoredCaseRow(id, reader.GetInt64(0), reader.IsDBNull(1) ? null : Instant.FromUnixTimeTicks(reader.GetInt64(1)), reader.GetString(2));
        }

        var to = rewrite(row);
        if (to == row with { CaseId = to.CaseId })
        {
            return Task.FromResult(0);
        }

        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE cases SET version = $version, next_due = $due, query_code = $code WHERE id = $id";
        write.Parameters.AddWithValue("$version", to.Version);
        write.Parameters.AddWithValue("$due", to.NextDue is { } due ? due.ToUnixTimeTicks() : DBNull.Value);
        write.Parameters.AddWithValue("$code", to.QueryCode);
        write.Parameters.AddWithValue("$id", id.Value);
        return Task.FromResult(write.ExecuteNonQuery());
    }

    public Task<byte[]> ReadHeadAsync(ICaseStore store, CaseId id) =>
        Task.FromResult(Convert.FromHexString(Assert.Single(Rows(Path(store), $"SELECT hex(head) FROM cases WHERE id = '{id}'"))));

    public async Task<IReadOnlyList<StoredCaseProblem>> VerifyAsync(ICaseStore store) =>
        [.. (await ((SqliteCaseStore)store).VerifyAsync(default)).Problems.Select(p => new StoredCaseProblem(p.CaseId, p.Version, p.Description, p.IsRepairable))];

    public async Task<long> RepairAsync(ICaseStore store) => (await ((SqliteCaseStore)store).RepairAsync(default)).CasesRepaired;

    public StoredCaseProblem? AsTamperRefusal(Exception exception) =>
        exception is SqliteCaseStoreTamperException e ? new StoredCaseProblem(e.CaseId, e.Version, e.Message, IsRepairable: false) : null;

    /// <summary>Whether a rewrite leaves a row as it is (the seal compared by content).</summary>
    internal static bool Unchanged(StoredSnapshot row, StoredSnapshot to) =>
        to.Format == row.Format && to.Calendar == row.Calendar && to.Body == row.Body && to.Seal.AsSpan().SequenceEqual(row.Seal.AsSpan());

    private static string Path(ICaseStore store) => ((SqliteCaseStore)store).DataSource;

    private static SqliteCaseStoreOptions Options(int? snapshotInterval, bool verifyChainOnLoad)
    {
        var defaults = new SqliteCaseStoreOptions();
        return new() { SnapshotCacheSize = 0, SnapshotInterval = snapshotInterval ?? defaults.SnapshotInterval, VerifyChainOnLoad = verifyChainOnLoad };
    }
}

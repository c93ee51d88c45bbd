using System.Collections.Concurrent;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using NodaTime;
using Npgsql;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>The snapshot checks' hook on the PostgreSQL store: each new store on a database of its own, a reopened
/// store a second pool on it, and the database's rows edited with SQL behind the store's back.</summary>
internal sealed class PostgreSqlSnapshotTamper(StoreFactory stores) : ISnapshotTamper
{
    private readonly ConcurrentDictionary<ICaseStore, string> databases = new();

    public async Task<ICaseStore> NewStoreAsync(int? snapshotInterval)
    {
        var db = await stores.NewDatabaseAsync();
        return Remember(await PostgreSqlCaseStore.OpenAsync(db, CaseStoreConformance.Calendar, Options(snapshotInterval, verifyChainOnLoad: true)), db);
    }

    public async Task<ICaseStore> ReopenAsync(ICaseStore store, bool verifyChainOnLoad) =>
        Remember(await PostgreSqlCaseStore.OpenAsync(databases[store], CaseStoreConformance.Calendar, Options(null, verifyChainOnLoad)), databases[store]);

    public async Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(ICaseStore store)
    {
        await using var connection = await OpenAsync(store);
        await using var command = new NpgsqlCommand("SELECT case_id, version, format, calendar, seal, body FROM fengqiao_snapshots ORDER BY case_id COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredSnapshot>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredSnapshot(new CaseId(reader.GetString(0)), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? [] : [.. (byte[])reader.GetValue(4)], Encoding.UTF8.GetString((byte[])reader.GetValue(5))));
        }

        return rows;
    }

    public async Task<int> RewriteSnapshotsAsync(ICaseStore store, Func<StoredSnapshot, StoredSnapshot> rewrite)
    {
        var changed = 0;
        await using var connection = await OpenAsync(store);
        foreach (var row in await ReadSnapshotsAsync(store))
        {
            var to = rewrite(row);
            if (to.Format == row.Format && to.Calendar == row.Calendar && to.Body == row.Body && to.Seal.AsSpan().SequenceEqual(row.Seal.AsSpan()))
            {
                continue;
            }

            await using var write = new NpgsqlCommand("UPDATE fengqiao_snapshots SET format = $1, calendar = $2, seal = $3, body = $4 WHERE case_id = $5", connection);
            foreach (var value in new object[] { to.Format, to.Calendar, to.Seal.ToArray(), Encoding.UTF8.GetBytes(to.Body), row.CaseId.Value })
            {
                write.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            changed += await write.ExecuteNonQueryAsync();
        }

        return changed;
    }

    public async Task<int> EditEventAsync(ICaseStore store, CaseId id, long version, Func<string, string> edit)
    {
        await using var connection = await OpenAsync(store);
        await using var read = new NpgsqlCommand("SELECT body FROM fengqiao_events WHERE case_id = $1 AND version = $2", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = id.Value });
        read.Parameters.Add(new NpgsqlParameter { Value = version });
        if (await read.ExecuteScalarAsync() is not string body || edit(body) is var edited && edited == body)
        {
            return 0;
        }

        await using var write = new NpgsqlCommand("UPDATE fengqiao_events SET body = $3 WHERE case_id = $1 AND version = $2", connection);
        foreach (var value in new object[] { id.Value, version, edited })
        {
            write.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await write.ExecuteNonQueryAsync();
    }

    public Task DeleteEventsAsync(ICaseStore store, CaseId id, long fromVersion) =>
        ExecuteAsync(databases[store], $"DELETE FROM fengqiao_events WHERE case_id = '{id}' AND version >= {fromVersion}");

    public async Task<int> RewriteCaseRowAsync(ICaseStore store, CaseId id, Func<StoredCaseRow, StoredCaseRow> rewrite)
    {
        await using var connection = await OpenAsync(store);
        StoredCaseRow row;
        await using (var read = new NpgsqlCommand("SELECT version, next_due, query_code FROM fengqiao_cases WHERE id = $1", connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = id.Value });
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return 0;
            }

            row = new StoredCaseRow(id, reader.GetInt64(0), reader.IsDBNull(1) ? null : Instant.FromUnixTimeTicks(reader.GetInt64(1)), reader.GetString(2));
        }

        var to = rewrite(row);
        if (to == row with { CaseId = to.CaseId })
        {
            return 0;
        }

        await using var write = new NpgsqlCommand("UPDATE fengqiao_cases SET version = $2, next_due = $3, query_code = $4 WHERE id = $1", connection);
        foreach (var value in new object[] { id.Value, to.Version, to.NextDue is { } due ? due.ToUnixTimeTicks() : DBNull.Value, to.QueryCode })
        {
            write.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await write.ExecuteNonQueryAsync();
    }

    public async Task<byte[]> ReadHeadAsync(ICaseStore store, CaseId id) =>
        Convert.FromHexString(Assert.Single(await TextAsync(databases[store], $"SELECT encode(head, 'hex') FROM fengqiao_cases WHERE id = '{id}'")));

    public async Task<IReadOnlyList<StoredCaseProblem>> VerifyAsync(ICaseStore store) =>
        [.. (await ((PostgreSqlCaseStore)store).VerifyAsync(default)).Problems.Select(p => new StoredCaseProblem(p.CaseId, p.Version, p.Description, p.IsRepairable))];

    public async Task<long> RepairAsync(ICaseStore store) => (await ((PostgreSqlCaseStore)store).RepairAsync(default)).CasesRepaired;

    public StoredCaseProblem? AsTamperRefusal(Exception exception) =>
        exception is PostgreSqlCaseStoreTamperException e ? new StoredCaseProblem(e.CaseId, e.Version, e.Message, IsRepairable: false) : null;

    private static PostgreSqlCaseStoreOptions Options(int? snapshotInterval, bool verifyChainOnLoad)
    {
        var defaults = StoreFactory.Keyed();
        return new()
        {
            QueryCodeKey = defaults.QueryCodeKey,
            SnapshotCacheSize = 0,
            SnapshotInterval = snapshotInterval ?? defaults.SnapshotInterval,
            VerifyChainOnLoad = verifyChainOnLoad,
        };
    }

    private PostgreSqlCaseStore Remember(PostgreSqlCaseStore store, string db)
    {
        databases[store] = db;
        return store;
    }

    private async Task<NpgsqlConnection> OpenAsync(ICaseStore store)
    {
        var connection = new NpgsqlConnection(databases[store]);
        await connection.OpenAsync();
        return connection;
    }
}

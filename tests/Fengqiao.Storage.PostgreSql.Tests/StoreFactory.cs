using System.Security.Cryptography;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Testing;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Makes PostgreSQL stores, each on a database of its own, and closes them after the test.</summary>
internal sealed class StoreFactory(PostgresServer server)
{
    private readonly List<PostgreSqlCaseStore> opened = [];

    public Task<string> NewDatabaseAsync() => server.NewDatabaseAsync();

    public async Task<PostgreSqlCaseStore> OpenAsync(string connectionString, PostgreSqlCaseStoreOptions? options = null)
    {
        // With the test county's query-code key unless the test says otherwise: a database of an older schema needs it.
        var store = await PostgreSqlCaseStore.OpenAsync(connectionString, BareCounty.Calendar, options ?? Keyed());
        opened.Add(store);
        return store;
    }

    public async Task<ICaseStore> OpenKindAsync(string kind) => kind switch
    {
        "postgres" => await OpenAsync(await NewDatabaseAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind"),
    };

    /// <summary>Gets options under which loads ignore snapshots and replay every case's events: the path a case takes
    /// without a current snapshot (a database migrated from schema 8, a snapshot of another format or calendar), whose
    /// checks of the events and the personal data kept apart the tamper tests exercise. A load from a snapshot reads no
    /// events; the conformance suite's snapshot checks (<see cref="CaseStoreConformance.SnapshotCheckNames"/>) cover what it checks instead.</summary>
    public static PostgreSqlCaseStoreOptions Replaying { get; } = new() { QueryCodeKey = BareCounty.QueryCodeKeyBytes, SnapshotInterval = 0 };

    /// <summary>Store options with the test county's query-code key (<see cref="BareCounty.QueryCodeKeyBytes"/>).</summary>
    public static PostgreSqlCaseStoreOptions Keyed(byte[]? chainKey = null) => new() { ChainKey = chainKey, QueryCodeKey = BareCounty.QueryCodeKeyBytes };

    /// <summary>A desk on the given store whose ids and query codes repeat from run to run.</summary>
    public static BareCounty Kit(ICaseStore store, int seed = 1) =>
        new(wrap: _ => store, configure: o => o.QueryCodes = new QueryCodeGenerator(new SeededRandom(seed)));

    public async Task CloseAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>A repeatable "random" source, so two desks draw the same query codes.</summary>
    internal sealed class SeededRandom(int seed) : RandomNumberGenerator
    {
        private readonly Random random = new(seed);

        public override void GetBytes(byte[] data) => random.NextBytes(data);

        public override void GetBytes(Span<byte> data) => random.NextBytes(data);
    }
}

using Fengqiao.Cases.Ports;
using Fengqiao.Testing;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Makes the stores under test and cleans up after them (a temp folder for file stores).</summary>
internal sealed class StoreFactory : IDisposable
{
    private readonly List<IDisposable> opened = [];

    public StoreFactory()
    {
        Folder = Path.Combine(Path.GetTempPath(), "fengqiao-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>Gets options under which loads ignore snapshots and replay every case's events: the path a case takes
    /// without a current snapshot (a file migrated from schema 7, a snapshot of another format or calendar), whose
    /// checks of the events and the personal data kept apart the tamper tests exercise. A load from a snapshot reads no
    /// events; the conformance suite's snapshot checks (<see cref="CaseStoreConformance.SnapshotCheckNames"/>) cover what it checks instead.</summary>
    public static SqliteCaseStoreOptions Replaying { get; } = new() { SnapshotInterval = 0 };

    public string Folder { get; }

    public string NewPath() => Path.Combine(Folder, $"cases-{opened.Count}-{Guid.NewGuid():N}.db");

    public SqliteCaseStore OpenFile(string path, SqliteCaseStoreOptions? options = null) => Track(SqliteCaseStore.Open(path, BareCounty.Calendar, options));

    public SqliteCaseStore OpenInMemory(SqliteCaseStoreOptions? options = null) => Track(SqliteCaseStore.OpenInMemory(BareCounty.Calendar, options));

    /// <summary>A desk on the given store whose ids and query codes repeat from run to run.</summary>
    public static BareCounty Kit(ICaseStore store, int seed = 1) =>
        new(wrap: _ => store, configure: o => o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(seed));

    public void Dispose()
    {
        foreach (var store in opened)
        {
            store.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }

    private T Track<T>(T store)
        where T : IDisposable
    {
        opened.Add(store);
        return store;
    }
}

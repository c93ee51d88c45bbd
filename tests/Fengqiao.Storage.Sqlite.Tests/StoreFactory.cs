using System.Security.Cryptography;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Tests.Desk;

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

    public string Folder { get; }

    public string NewPath() => Path.Combine(Folder, $"cases-{opened.Count}-{Guid.NewGuid():N}.db");

    public SqliteCaseStore OpenFile(string path, SqliteCaseStoreOptions? options = null) => Track(SqliteCaseStore.Open(path, DeskKit.Calendar, options));

    public SqliteCaseStore OpenInMemory(SqliteCaseStoreOptions? options = null) => Track(SqliteCaseStore.OpenInMemory(DeskKit.Calendar, options));

    public ICaseStore Open(string kind) => kind switch
    {
        "in-memory" => new InMemoryCaseStore(),
        "sqlite-memory" => OpenInMemory(),
        "sqlite-file" => OpenFile(NewPath()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind"),
    };

    /// <summary>A desk on the given store whose ids and query codes repeat from run to run.</summary>
    public static DeskKit Kit(ICaseStore store, int seed = 1) =>
        new(wrap: _ => store, configure: o => o.QueryCodes = new QueryCodeGenerator(new SeededRandom(seed)));

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

    /// <summary>A repeatable "random" source, so two desks draw the same query codes.</summary>
    private sealed class SeededRandom(int seed) : RandomNumberGenerator
    {
        private readonly Random random = new(seed);

        public override void GetBytes(byte[] data) => random.NextBytes(data);

        public override void GetBytes(Span<byte> data) => random.NextBytes(data);
    }
}

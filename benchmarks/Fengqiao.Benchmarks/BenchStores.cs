using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;

namespace Fengqiao.Benchmarks;

/// <summary>What the store benchmarks share: a temp folder for file stores, the one event they append, and the cleanup
/// after a run (close the store, drop its PostgreSQL copy, delete its folder).</summary>
internal static class BenchStores
{
    /// <summary>A new empty folder under the temp path for a benchmark's files.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fengqiao-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The event an append benchmark writes: a Supervise (督办) at the case's last instant, and the case after it.</summary>
    public static (CaseEvent Event, Case After) Supervise(Case c, CaseActor actor)
    {
        var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, actor, c.State, c.State, new CaseSupervised("督办"));
        return (e, c.Apply(e));
    }

    /// <summary>Closes the store, then drops the PostgreSQL copy and deletes the folder when there are any.</summary>
    public static void Release(ICaseStore? store, string? postgresDatabase, string? folder)
    {
        (store as IDisposable)?.Dispose();
        if (postgresDatabase is not null)
        {
            PostgresBench.Drop(postgresDatabase);
        }

        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

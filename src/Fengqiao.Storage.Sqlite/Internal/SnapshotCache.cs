using Fengqiao.Cases;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>A bounded least-recently-used map of folded cases. Thread-safe: the writer puts what it commits while the
/// read connection gets and puts what it loads.</summary>
internal sealed class SnapshotCache(int capacity)
{
    private readonly Dictionary<CaseId, LinkedListNode<Case>> map = new(Math.Min(capacity, 1024));
    private readonly LinkedList<Case> order = new();

    public int Count
    {
        get
        {
            lock (map)
            {
                return map.Count;
            }
        }
    }

    public bool TryGet(CaseId id, long version, out Case snapshot)
    {
        lock (map)
        {
            if (map.TryGetValue(id, out var node) && node.Value.Version == version)
            {
                order.Remove(node);
                order.AddFirst(node);
                snapshot = node.Value;
                return true;
            }
        }

        snapshot = null!;
        return false;
    }

    /// <summary>Keeps a folded case; a case already held at a later version stays (a reader that began before a commit
    /// may put the version it read after the writer put the newer one).</summary>
    public void Put(Case snapshot)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (map)
        {
            if (map.TryGetValue(snapshot.Id, out var node))
            {
                if (node.Value.Version <= snapshot.Version)
                {
                    node.Value = snapshot;
                }

                order.Remove(node);
                order.AddFirst(node);
                return;
            }

            if (map.Count == capacity)
            {
                var last = order.Last!;
                order.RemoveLast();
                map.Remove(last.Value.Id);
            }

            map[snapshot.Id] = order.AddFirst(snapshot);
        }
    }

    public void Clear()
    {
        lock (map)
        {
            map.Clear();
            order.Clear();
        }
    }
}

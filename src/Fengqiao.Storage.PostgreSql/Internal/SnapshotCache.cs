using Fengqiao.Cases;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>A bounded least-recently-used map of folded cases. Not thread-safe: the store calls it under its own lock.</summary>
internal sealed class SnapshotCache(int capacity)
{
    private readonly Dictionary<CaseId, LinkedListNode<Case>> map = new(Math.Min(capacity, 1024));
    private readonly LinkedList<Case> order = new();

    public int Count => map.Count;

    public bool TryGet(CaseId id, long version, out Case snapshot)
    {
        if (map.TryGetValue(id, out var node) && node.Value.Version == version)
        {
            order.Remove(node);
            order.AddFirst(node);
            snapshot = node.Value;
            return true;
        }

        snapshot = null!;
        return false;
    }

    public void Put(Case snapshot)
    {
        if (capacity == 0)
        {
            return;
        }

        if (map.TryGetValue(snapshot.Id, out var node))
        {
            node.Value = snapshot;
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

    public void Clear()
    {
        map.Clear();
        order.Clear();
    }
}

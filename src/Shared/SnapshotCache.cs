using Fengqiao.Cases;

namespace Fengqiao.Storage.Internal;

/// <summary>The in-memory cache of folded cases both shipped stores keep: a bounded least-recently-used map from case
/// id to the newest fold the store has seen, used by a load only while its version is the stored one.</summary>
/// <remarks>
/// <para>Compiled into each store package from <c>src/Shared</c> (a linked source file, internal to each), so the two
/// stores decide one way which fold a case keeps.</para>
/// <para>The version rule: a fold of a case already held at a <em>later</em> version is not kept. A reader that began
/// before a commit (on its own connection, or on another thread of a pooled store) may put the version it read after
/// the writer put the newer one; keeping the newer one means the next load at the stored version is a hit, not a miss
/// and a second read. A fold at the same or a later version replaces the held one (a repair or an erasure rewrites a
/// case at the version it has; the store clears the cache after a repair).</para>
/// <para>A capacity of 0 keeps nothing: every <see cref="TryGet"/> misses.</para>
/// <para>Thread safety: every member may be called concurrently (one lock guards the map and the order).</para>
/// </remarks>
internal sealed class SnapshotCache
{
    private readonly int capacity;
    private readonly Dictionary<CaseId, LinkedListNode<Case>> map;
    private readonly LinkedList<Case> order = new();

    /// <summary>Creates an empty cache of at most <paramref name="capacity"/> cases.</summary>
    /// <param name="capacity">The most cases held; 0 holds none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public SnapshotCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        this.capacity = capacity;
        map = new Dictionary<CaseId, LinkedListNode<Case>>(Math.Min(capacity, 1024));
    }

    /// <summary>Gets how many cases are held.</summary>
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

    /// <summary>Gets the fold of a case held at exactly <paramref name="version"/>, and marks it recently used.</summary>
    /// <param name="id">The case.</param>
    /// <param name="version">The stored version the caller read.</param>
    /// <param name="snapshot">The fold, when held at that version; otherwise null.</param>
    /// <returns>Whether the fold at that version is held.</returns>
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

    /// <summary>Gets the version at which a case's fold is held, without marking it used (a store sends it so that the
    /// server leaves out the snapshot it would not need).</summary>
    /// <param name="id">The case.</param>
    /// <returns>The held version, or 0 when the case is not held (no case has version 0).</returns>
    public long HeldVersion(CaseId id)
    {
        lock (map)
        {
            return map.TryGetValue(id, out var node) ? node.Value.Version : 0;
        }
    }

    /// <summary>Keeps a folded case, most recently used first, evicting the least recently used case when full; a case
    /// already held at a later version keeps that one (see the version rule in the remarks).</summary>
    /// <param name="snapshot">The fold.</param>
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

    /// <summary>Forgets every case (after a repair, or when the store closes).</summary>
    public void Clear()
    {
        lock (map)
        {
            map.Clear();
            order.Clear();
        }
    }
}

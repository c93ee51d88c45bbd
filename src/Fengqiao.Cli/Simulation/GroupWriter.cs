using System.Runtime.ExceptionServices;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The background writer of a pipelined <see cref="GroupedAppendStore"/>: one thread of its own that commits the groups
/// handed to it in order, one at a time, while the simulation goes on.
/// </summary>
/// <remarks>
/// <para>At most <c>maxInFlight</c> groups wait or are being written; <see cref="Enqueue"/> blocks past it, so memory
/// stays flat when the store is slower than the desk. A thread of its own, waiting on a monitor, rather than a task per
/// group: thread-pool workers spin while they wait for work, which on a small machine takes the core the two threads
/// were meant to share.</para>
/// <para>The first group that fails (its commit throws: the store's error, or an append the store refused) stops the
/// writer: the groups queued after it are dropped unwritten, and <see cref="Enqueue"/>, <see cref="Drain"/> and
/// <see cref="ThrowIfFailed"/> throw that failure (the same exception) from then on.</para>
/// <para>Thread safety: <see cref="Enqueue"/>, <see cref="Drain"/>, <see cref="ThrowIfFailed"/> and <see cref="Dispose"/>
/// may be called from any thread; the commit runs on the writer's thread only.</para>
/// </remarks>
/// <typeparam name="T">A group as handed to the writer.</typeparam>
internal sealed class GroupWriter<T> : IDisposable
    where T : class
{
    private readonly object sync = new();
    private readonly Queue<T> queue = new();
    private readonly Action<T> commit;
    private readonly int maxInFlight;
    private Thread? thread;
    private bool writing;
    private bool stopping;
    private ExceptionDispatchInfo? failure;

    /// <summary>Creates a writer; its thread starts with the first group.</summary>
    /// <param name="commit">Commits one group, or throws (which stops the writer).</param>
    /// <param name="maxInFlight">The most groups queued or being written.</param>
    public GroupWriter(Action<T> commit, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        this.commit = commit;
        this.maxInFlight = maxInFlight;
    }

    /// <summary>Queues a group behind the ones before it, waiting while <c>maxInFlight</c> are queued or being written.</summary>
    /// <param name="group">The appends, in order.</param>
    /// <exception cref="Exception">The writer failed an earlier group: that failure, as it was thrown.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void Enqueue(T group)
    {
        lock (sync)
        {
            while (failure is null && queue.Count + (writing ? 1 : 0) >= maxInFlight)
            {
                Monitor.Wait(sync);
            }

            failure?.Throw();
            ObjectDisposedException.ThrowIf(stopping, this);
            queue.Enqueue(group);
            if (thread is null)
            {
                thread = new Thread(Run) { IsBackground = true, Name = "fengqiao simulate: store writer" };
                thread.Start();
            }

            Monitor.PulseAll(sync);
        }
    }

    /// <summary>Waits until every group queued has been committed.</summary>
    /// <exception cref="Exception">The writer failed a group: that failure, as it was thrown.</exception>
    public void Drain()
    {
        lock (sync)
        {
            while (failure is null && (queue.Count > 0 || writing))
            {
                Monitor.Wait(sync);
            }

            failure?.Throw();
        }
    }

    /// <summary>Throws the writer's failure, if a group failed.</summary>
    /// <exception cref="Exception">The writer failed a group: that failure, as it was thrown.</exception>
    public void ThrowIfFailed() => Volatile.Read(ref failure)?.Throw();

    /// <summary>Stops the writer's thread once the groups queued are written (or dropped after a failure).</summary>
    public void Dispose()
    {
        Thread? running;
        lock (sync)
        {
            stopping = true;
            running = thread;
            Monitor.PulseAll(sync);
        }

        running?.Join();
    }

    private void Run()
    {
        while (true)
        {
            T group;
            lock (sync)
            {
                while (queue.Count == 0 && !stopping)
                {
                    Monitor.Wait(sync);
                }

                if (queue.Count == 0)
                {
                    return;
                }

                group = queue.Dequeue();
                writing = true;
            }

            try
            {
                commit(group);
            }
#pragma warning disable CA1031 // Any failure stops the writer and is thrown to the simulation, as it was.
            catch (Exception e)
#pragma warning restore CA1031
            {
                lock (sync)
                {
                    Volatile.Write(ref failure, ExceptionDispatchInfo.Capture(e));
                    queue.Clear();
                    writing = false;
                    Monitor.PulseAll(sync);
                }

                return;
            }

            lock (sync)
            {
                writing = false;
                Monitor.PulseAll(sync);
            }
        }
    }
}

using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Storage.Sqlite.Internal;

namespace Fengqiao.Benchmarks;

/// <summary>
/// A stopwatch and allocation breakdown of <see cref="StoreBenchmarks.AppendOne"/> on the SQLite store in memory: each
/// step of the encoding path timed alone over the same Supervise appends, then the whole append. Run:
/// <c>dotnet Fengqiao.Benchmarks.dll --append-breakdown [cases] [rounds]</c>. Times are per append, allocations per
/// append on the calling thread; the steps are what an append does, in its order, so their sum is a lower bound of the
/// whole (which also runs the statements and the cache). Two more steps time the load path's decoding of the same
/// snapshots (zstd, then the JSON read into a case), which a sweep's batch load pays for each due case.
/// </summary>
public static class AppendBreakdown
{
    /// <summary>Seeds <paramref name="cases"/> registrations and prints the breakdown, <paramref name="rounds"/> appends to each case per step.</summary>
    /// <param name="cases">How many cases (each appended to in turn).</param>
    /// <param name="rounds">How many appends per case each step times.</param>
    public static void Run(int cases, int rounds)
    {
        var calendar = BusinessCalendar.ChinaNational;
        var intake = CaseActor.Staff(new Cases.Organisation.ActorId("d1"), new Cases.Organisation.OrgUnitId("centre"));
        var chain = new CaseEventChain(null);
        using var store = SqliteCaseStore.OpenInMemory(calendar, new SqliteCaseStoreOptions { FlushEachAppend = false });
        var current = new Case[cases];
        for (var i = 0; i < cases; i++)
        {
            var (registered, c) = StoreBenchmarks.Registration(i);
            store.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
            current[i] = c;
        }

        var n = cases * rounds;
        var appends = new (CaseEvent Event, Case After)[n];
        var cursor = (Case[])current.Clone();
        for (var k = 0; k < n; k++)
        {
            var i = k % cases;
            appends[k] = BenchStores.Supervise(cursor[i], intake);
            cursor[i] = appends[k].After;
        }

        var parts = new CaseEventParts[n];
        var snapshots = new byte[n][];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {n:N0} Supervise appends over {cases:N0} cases; per append:"));
        Step("event + fold (the caller's, not the store's)", n, k => BenchStores.Supervise(current[k % cases], intake));
        Step("SerializeApart (row form)", n, k => parts[k] = CaseEventJson.SerializeApart(appends[k].Event, CaseEventJson.RowFormatVersion));
        Step("chain link (event)", n, k => chain.Link(CaseEventChain.Genesis, "case-1", 2, parts[k].Body));
        Step("encode event body", n, k => StoredBodies.EncodeEvent(parts[k].Body));
        Step("encode personal document", n, k => StoredBodies.EncodePersonal(parts[k].PersonalData!));
        Step("snapshot JSON", n, k => snapshots[k] = CaseSnapshotJson.SerializeToUtf8Bytes(appends[k].After));
        Step("snapshot seal", n, k => chain.Seal(CaseEventChain.Genesis, "case-1", 2, snapshots[k]));
        var encoded = new byte[n][];
        Step("encode snapshot", n, k => encoded[k] = StoredBodies.Encode(snapshots[k]));

        // The load path's share (a sweep's batch load): the stored snapshot decoded, then read back into a case.
        Step("decode snapshot (load)", n, k => StoredBodies.ReadSnapshot(encoded[k]));
        Step("snapshot JSON read (load)", n, k => CaseSnapshotJson.Deserialize(snapshots[k], appends[k].After.Id, calendar));
        Step("whole AppendAsync (store)", n, k => store.AppendAsync(appends[k].After.Version - 1, ImmutableArray.Create(appends[k].Event), appends[k].After, default).AsTask().GetAwaiter().GetResult());
    }

    private static void Step(string name, int n, Action<int> step)
    {
        GC.Collect();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var k = 0; k < n; k++)
        {
            step(k);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {elapsed.TotalMicroseconds / n,9:0.00} µs {allocated / (double)n,9:0} B"));
    }
}

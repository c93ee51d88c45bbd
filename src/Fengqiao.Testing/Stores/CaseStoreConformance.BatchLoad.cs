using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <content>The <see cref="ICaseBatchLoad"/> checks: a batch gives, id by id and in order, what a load of each gives
/// (unknown ids null, repeated ids repeated), at the stored versions, erased cases as erased, and a sweep over more due
/// cases than one batch reaches every one of them.</content>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<ICaseStore, Task>> BatchLoadChecks =
        new Dictionary<string, Func<ICaseStore, Task>>
        {
            ["batch-load-order-unknown-and-repeated-ids"] = s => BatchLoadOrderAsync(NewCounty(s)),
            ["batch-load-stored-versions"] = s => BatchLoadStoredVersionsAsync(NewCounty(s)),
            ["batch-load-erased-reporter"] = s => BatchLoadErasedReporterAsync(NewCounty(s)),
            ["batch-load-sweep-past-one-batch"] = s => BatchLoadSweepPastOneBatchAsync(NewCounty(s)),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the <see cref="ICaseBatchLoad"/> checks, sorted; <see cref="RunAsync"/> runs them on a
    /// store that implements both ports (a store without batched loads fails them, naming the port).</summary>
    public static IReadOnlyList<string> BatchLoadCheckNames { get; } = [.. BatchLoadChecks.Keys];

    private static ICaseBatchLoad Batches(BareCounty county) =>
        county.Store as ICaseBatchLoad ?? throw new CheckFailed($"the store ({county.Store.GetType().Name}) does not implement {nameof(ICaseBatchLoad)}");

    private static async Task ExpectBatchAsLoadsAsync(BareCounty county, CaseId[] ids, IReadOnlyList<Case?> batch, string what)
    {
        Expect(batch.Count == ids.Length, $"{what}: {batch.Count} cases for {ids.Length} ids");
        for (var i = 0; i < ids.Length; i++)
        {
            var one = await county.Store.LoadAsync(ids[i], default).ConfigureAwait(false);
            Expect(batch[i] is null || batch[i]!.Id == ids[i], $"{what}: item {i} is case '{batch[i]?.Id}', not '{ids[i]}' (the batch is out of order)");
            Expect((batch[i] is null) == (one is null), $"{what}: item {i} ('{ids[i]}') is {(batch[i] is null ? "null" : "a case")}, LoadAsync gives {(one is null ? "null" : "a case")}");
            Same(one, batch[i], $"{what}: item {i} ('{ids[i]}') differs from LoadAsync's");
        }
    }

    private static async Task BatchLoadOrderAsync(BareCounty county)
    {
        var batches = Batches(county);
        var cases = await RegisterManyAsync(county, 3).ConfigureAwait(false);
        var dispatched = await county.Desk.AcceptAsync(cases[1].Id, Dispatcher).ConfigureAwait(false);
        dispatched = await county.Desk.DispatchAsync(dispatched.Id, Dispatcher, Community).ConfigureAwait(false);

        // One case loaded before the batch, so a store with a cache mixes cached and uncached cases.
        await county.Store.LoadAsync(cases[0].Id, default).ConfigureAwait(false);
        CaseId[] ids = [cases[2].Id, new("no-such-case"), cases[0].Id, cases[1].Id, cases[2].Id];
        var batch = await batches.LoadManyAsync(ids, default).ConfigureAwait(false);

        await ExpectBatchAsLoadsAsync(county, ids, batch, "LoadManyAsync(c2, unknown, c0, c1, c2)").ConfigureAwait(false);
        Expect(batch[1] is null, "LoadManyAsync returned a case for an unknown id");
        Same(dispatched, batch[3], "the dispatched case in the batch differs from the desk's");
        Expect((await batches.LoadManyAsync([], default).ConfigureAwait(false)).Count == 0, "LoadManyAsync of no ids returned cases");
        var unknown = await batches.LoadManyAsync([new CaseId("nobody"), new CaseId("nobody-else")], default).ConfigureAwait(false);
        Expect(unknown.Count == 2 && unknown.All(c => c is null), "LoadManyAsync of two unknown ids did not return two nulls");
    }

    private static async Task BatchLoadStoredVersionsAsync(BareCounty county)
    {
        var batches = Batches(county);
        var cases = await RegisterManyAsync(county, 2).ConfigureAwait(false);
        var before = await batches.LoadManyAsync([cases[0].Id, cases[1].Id], default).ConfigureAwait(false);
        Expect(before.All(c => c?.Version == 1), $"a batch of two new cases gives versions {string.Join(",", before.Select(c => c?.Version))}, not 1,1");

        // Another node moves case 0 on: the next batch must give the stored version, not a remembered one.
        var moved = Supervising(before[0]!, "another node");
        await county.Store.AppendAsync(moved.ExpectedVersion, moved.Events, moved.Snapshot, default).ConfigureAwait(false);
        var after = await batches.LoadManyAsync([cases[0].Id, cases[1].Id], default).ConfigureAwait(false);
        Expect(after[0]?.Version == 2 && after[1]?.Version == 1, $"after another append the batch gives versions {after[0]?.Version},{after[1]?.Version}, not 2,1");
        Same(moved.Snapshot, after[0], "the batch's case 0 differs from the appended snapshot");

        // The first batch's case 0 is stale now: appending on it is refused as on any stale load.
        var stale = Supervising(before[0]!, "stale");
        var conflict = await ThrowsAsync<ConcurrencyConflictException>(
            () => county.Store.AppendAsync(stale.ExpectedVersion, stale.Events, stale.Snapshot, default), "an append on a case from an earlier batch").ConfigureAwait(false);
        Expect(conflict.ExpectedVersion == 1 && conflict.ActualVersion == 2, $"the conflict names versions {conflict.ExpectedVersion} and {conflict.ActualVersion}, not 1 and 2");
        await ExpectBatchAsLoadsAsync(county, [cases[1].Id, cases[0].Id], await batches.LoadManyAsync([cases[1].Id, cases[0].Id], default).ConfigureAwait(false), "the batch after the conflict").ConfigureAwait(false);
    }

    private static async Task BatchLoadErasedReporterAsync(BareCounty county)
    {
        var batches = Batches(county);
        Expect(county.Store is ICaseReporterErasure, $"the store does not implement {nameof(ICaseReporterErasure)}, so an erased case cannot be batch-loaded");
        var cases = await RegisterManyAsync(county, 2).ConfigureAwait(false);
        var erased = await county.Desk.EraseReporterAsync(cases[0].Id, Leader, "reporter", "个人信息保护法 第四十七条").ConfigureAwait(false);
        var batch = await batches.LoadManyAsync([cases[0].Id, cases[1].Id], default).ConfigureAwait(false);

        Expect(batch[0] is { Report.Reporter.IsErased: true, Report.Text: CaseReport.ErasedText }, "the batch gives the erased case with the reporter's personal data or text");
        Expect(batch[1] is { Report.Reporter.IsErased: false }, "the batch gives the other case erased too");
        Same(erased, batch[0], "the erased case in the batch differs from the desk's");
        await ExpectBatchAsLoadsAsync(county, [cases[0].Id, cases[1].Id], batch, "a batch with an erased case").ConfigureAwait(false);
    }

    // More due cases than the desk reads in one batch (256): every one is swept once, whichever batch it fell in.
    private static async Task BatchLoadSweepPastOneBatchAsync(BareCounty county)
    {
        Batches(county);
        var cases = await RegisterManyAsync(county, 300).ConfigureAwait(false);
        county.Clock.Advance(Duration.FromDays(30));
        var result = await county.Desk.SweepAsync(county.Clock.GetCurrentInstant()).ConfigureAwait(false);
        Expect(result.Conflicts.IsEmpty && result.PolicyFailures.IsEmpty, $"the sweep met {result.Conflicts.Length} conflicts and {result.PolicyFailures.Length} policy failures on a quiet store");
        var swept = await Batches(county).LoadManyAsync([.. cases.Select(c => c.Id)], default).ConfigureAwait(false);
        for (var i = 0; i < cases.Count; i++)
        {
            var history = await county.Store.ReadEventsAsync(cases[i].Id, default).ConfigureAwait(false);
            var stages = history.Where(e => e.Payload is CaseClockStageChanged).ToList();
            Expect(stages.Count > 0, $"case {i} ('{cases[i].Id}') was not swept");
            Expect(stages.Select(e => e.Payload).Distinct().Count() == stages.Count, $"case {i} ('{cases[i].Id}') holds the same clock stage twice");
            Expect(swept[i]?.Version == history.Count, $"case {i} loads at version {swept[i]?.Version} in a batch, but holds {history.Count} events");
        }

        var again = await county.Desk.SweepAsync(county.Clock.GetCurrentInstant()).ConfigureAwait(false);
        Expect(again.CasesSwept == 0, $"a second sweep at the same instant acted on {again.CasesSwept} cases");
    }
}

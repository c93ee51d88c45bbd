using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <summary>The <see cref="ICaseGroupCommit"/> checks: each append of a group gets its own outcome, a refused one leaves
/// the others alone, concurrent appends all land, and a sweep's grouped appends are the events it published.</summary>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<ICaseStore, Task>> GroupCommitChecks =
        new Dictionary<string, Func<ICaseStore, Task>>
        {
            ["group-commit-stale-append-refused-alone"] = s => GroupStaleAppendRefusedAloneAsync(NewCounty(s)),
            ["group-commit-second-append-sees-first"] = s => GroupSecondAppendSeesFirstAsync(NewCounty(s)),
            ["group-commit-misfit-refused-alone"] = s => GroupMisfitRefusedAloneAsync(NewCounty(s)),
            ["group-commit-cancelled-writes-nothing"] = s => GroupCancelledWritesNothingAsync(NewCounty(s)),
            ["group-commit-concurrent-appends-one-conflict"] = s => GroupConcurrentAppendsOneConflictAsync(NewCounty(s)),
            ["group-commit-sweep-stores-what-it-published"] = s => GroupSweepStoresWhatItPublishedAsync(NewCounty(s)),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the <see cref="ICaseGroupCommit"/> checks, sorted; <see cref="RunAsync"/> runs them on
    /// a store that implements both ports (a store without group commit fails them).</summary>
    public static IReadOnlyList<string> GroupCommitCheckNames { get; } = [.. GroupCommitChecks.Keys];

    private static ICaseGroupCommit Grouping(BareCounty county) =>
        county.Store as ICaseGroupCommit ?? throw new CheckFailed($"the store ({county.Store.GetType().Name}) does not implement {nameof(ICaseGroupCommit)}");

    private static CaseAppend Supervising(Case c, string note)
    {
        var e = Supervise(c, note);
        return new CaseAppend(c.Version, [e], c.Apply(e));
    }

    private static async Task<List<Case>> RegisterManyAsync(BareCounty county, int count)
    {
        var cases = new List<Case>(count);
        for (var i = 0; i < count; i++)
        {
            cases.Add(await county.RegisterAsync(Report(phone: $"1380000{i:0000}")).ConfigureAwait(false));
        }

        return cases;
    }

    private static async Task GroupStaleAppendRefusedAloneAsync(BareCounty county)
    {
        var grouping = Grouping(county);
        var store = county.Store;
        var cases = await RegisterManyAsync(county, 5).ConfigureAwait(false);

        // Another node moved case 2 on after this group was decided.
        var moved = Supervising(cases[2], "moved");
        await store.AppendAsync(moved.ExpectedVersion, moved.Events, moved.Snapshot, default).ConfigureAwait(false);
        var outcomes = await grouping.AppendGroupAsync(
            [Supervising(cases[0], "g"), Supervising(cases[1], "g"), Supervising(cases[2], "stale"), Supervising(cases[3], "g"), Supervising(cases[4], "g")],
            default).ConfigureAwait(false);

        Expect(outcomes.Length == 5, $"{outcomes.Length} outcomes for 5 appends");
        Expect(outcomes[2] is ConcurrencyConflictException { ExpectedVersion: 1, ActualVersion: 2 },
            $"the stale append's outcome is {outcomes[2]?.GetType().Name ?? "success"}, not a conflict of versions 1 and 2");
        Expect(outcomes.Where((_, i) => i != 2).All(o => o is null), $"an append beside the stale one was refused: {string.Join(", ", outcomes.Select(o => o?.GetType().Name ?? "ok"))}");
        foreach (var c in cases)
        {
            var history = await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
            var expected = c.Id == cases[2].Id ? "moved" : "g";
            Expect(history.Count == 2 && history[1].Payload is CaseSupervised s && s.Note == expected,
                $"case {c.Id} holds {history.Count} events, the last {history[^1].Payload.GetType().Name}; expected the supervision '{expected}'");
            Expect((await store.LoadAsync(c.Id, default).ConfigureAwait(false))?.Version == 2, $"case {c.Id} does not load at version 2");
        }
    }

    private static async Task GroupSecondAppendSeesFirstAsync(BareCounty county)
    {
        var grouping = Grouping(county);
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var first = Supervising(c, "first");
        var chained = Supervising(first.Snapshot, "chained");
        var again = Supervising(c, "again");

        var outcomes = await grouping.AppendGroupAsync([first, chained, again], default).ConfigureAwait(false);

        Expect(outcomes[0] is null && outcomes[1] is null, $"the first two appends of one case were refused: {outcomes[0]?.Message} {outcomes[1]?.Message}");
        Expect(outcomes[2] is ConcurrencyConflictException { ActualVersion: 3 }, $"the third append, decided on version 1, got {outcomes[2]?.GetType().Name ?? "success"}, not a conflict naming version 3");
        var history = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(history.Select(e => (e.Payload as CaseSupervised)?.Note).SequenceEqual([null, "first", "chained"]),
            $"the history is {string.Join(", ", history.Select(e => (e.Payload as CaseSupervised)?.Note ?? e.Payload.GetType().Name))}, not registration, first, chained");
        Expect((await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false))?.SupervisionCount == 2, "the loaded case does not count two supervisions");
    }

    private static async Task GroupMisfitRefusedAloneAsync(BareCounty county)
    {
        var grouping = Grouping(county);
        var a = await county.RegisterAsync(Report(phone: "13900000001")).ConfigureAwait(false);
        var b = await county.RegisterAsync(Report(phone: "13900000002")).ConfigureAwait(false);
        var misfit = Supervising(a, "misfit") with { Snapshot = b };

        var outcomes = await grouping.AppendGroupAsync([misfit, Supervising(b, "fits")], default).ConfigureAwait(false);

        Expect(outcomes[0] is ArgumentException, $"an append whose snapshot is another case got {outcomes[0]?.GetType().Name ?? "success"}, not ArgumentException");
        Expect(outcomes[1] is null, $"the append beside it was refused: {outcomes[1]?.Message}");
        Expect((await county.Store.LoadAsync(a.Id, default).ConfigureAwait(false))?.Version == 1, "the misfit append wrote to its case");
        Expect((await county.Store.LoadAsync(b.Id, default).ConfigureAwait(false))?.Version == 2, "the append beside the misfit was not written");
    }

    private static async Task GroupCancelledWritesNothingAsync(BareCounty county)
    {
        var grouping = Grouping(county);
        var c = await county.RegisterAsync().ConfigureAwait(false);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);

        await ThrowsAsync<OperationCanceledException>(async () => await grouping.AppendGroupAsync([Supervising(c, "late")], cancelled.Token).ConfigureAwait(false),
            "a group with a cancelled token").ConfigureAwait(false);

        Expect((await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false))?.Version == 1, "a cancelled group was written");
    }

    // Callers that arrive together share commits on a group-commit store; each must still learn its own outcome.
    private static async Task GroupConcurrentAppendsOneConflictAsync(BareCounty county)
    {
        var grouping = Grouping(county);
        var store = county.Store;
        var cases = await RegisterManyAsync(county, 24).ConfigureAwait(false);

        // Case 7 is appended twice from version 1: whichever runs second is stale. Half the callers append alone, half
        // as groups of one.
        var appends = cases.Select(c => Supervising(c, "concurrent")).Append(Supervising(cases[7], "twice")).ToArray();
        using var start = new ManualResetEventSlim();
        var tasks = appends.Select((a, i) => Task.Run(async () =>
        {
            start.Wait();
            if (i % 2 == 0)
            {
                await store.AppendAsync(a.ExpectedVersion, a.Events, a.Snapshot, default).ConfigureAwait(false);
                return null;
            }

            return (await grouping.AppendGroupAsync([a], default).ConfigureAwait(false))[0];
        })).ToArray();
        start.Set();
        var outcomes = new List<Exception?>();
        foreach (var task in tasks)
        {
            try
            {
                outcomes.Add(await task.ConfigureAwait(false));
            }
            catch (ConcurrencyConflictException e)
            {
                outcomes.Add(e);
            }
        }

        var refused = outcomes.Where(o => o is not null).ToList();
        Expect(refused.Count == 1 && refused[0] is ConcurrencyConflictException { CaseId: var id } && id == cases[7].Id,
            $"{refused.Count} of 25 concurrent appends were refused ({string.Join("; ", refused.Select(r => r!.Message))}); expected exactly the second append to {cases[7].Id}");
        foreach (var c in cases)
        {
            var loaded = await store.LoadAsync(c.Id, default).ConfigureAwait(false);
            Expect(loaded?.Version == 2 && loaded.SupervisionCount == 1, $"case {c.Id} loads at version {loaded?.Version} with {loaded?.SupervisionCount} supervisions, not 2 and 1");
            Expect((await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false)).Count == 2, $"case {c.Id} does not hold two events");
        }
    }

    private static async Task GroupSweepStoresWhatItPublishedAsync(BareCounty county)
    {
        Grouping(county);
        var store = county.Store;
        var cases = await RegisterManyAsync(county, 40).ConfigureAwait(false);
        var at = cases.Max(c => c.NextDueAt!.Value);
        var before = county.Published.Count;

        var result = await county.Desk.SweepAsync(at).ConfigureAwait(false);

        var published = county.Published.Skip(before).ToList();
        Expect(result.CasesSwept == 40, $"the sweep took {result.CasesSwept} cases, not the 40 due");
        Expect(result.EventsAppended >= 40 && result.EventsAppended == published.Count,
            $"the sweep appended {result.EventsAppended} events and published {published.Count}; expected the same number, at least 40");
        foreach (var c in cases)
        {
            var stored = (await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false)).Skip(1).ToList();
            var mine = published.Where(e => e.CaseId == c.Id).ToList();
            Expect(CaseComparison.Difference(mine, stored) is null, $"case {c.Id}: the stored events differ from those the sweep published: {CaseComparison.Difference(mine, stored)}");
        }

        Expect((await county.Desk.SweepAsync(at).ConfigureAwait(false)).EventsAppended == 0, "a second sweep at the same instant appended events again");
    }
}

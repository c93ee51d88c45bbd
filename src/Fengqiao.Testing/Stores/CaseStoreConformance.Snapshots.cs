using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <content>The snapshot checks: a store that keeps each case's fold on disk beside its events, sealed to the hash
/// chain, is edited behind its back through its <see cref="ISnapshotTamper"/> — a snapshot row moved, edited or
/// resealed, an event edited or deleted under a snapshot — and must refuse, replay or rebuild as its contract says.</content>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<SnapshotRun, Task>> SnapshotChecks =
        new Dictionary<string, Func<SnapshotRun, Task>>
        {
            ["snapshot-written-with-each-append"] = SnapshotWrittenWithEachAppendAsync,
            ["snapshot-of-a-group-at-each-case-last-version"] = SnapshotOfAGroupAsync,
            ["snapshot-loaded-without-the-events"] = SnapshotLoadedWithoutTheEventsAsync,
            ["snapshot-of-another-format-is-replayed"] = run => SnapshotMovedIsReplayedAsync(run, s => s with { Format = s.Format + 1, Body = "{}" }),
            ["snapshot-on-another-calendar-is-replayed"] = run => SnapshotMovedIsReplayedAsync(run, s => s with { Calendar = "another calendar", Body = "{}" }),
            ["snapshot-edited-is-refused-and-repaired"] = SnapshotEditedIsRefusedAsync,
            ["snapshot-resealed-without-the-fold-is-reported"] = SnapshotResealedIsReportedAsync,
            ["snapshot-older-than-the-case-replays-the-events-after-it"] = SnapshotOlderThanTheCaseAsync,
            ["snapshot-after-erasure-holds-no-personal-data"] = SnapshotAfterErasureAsync,
            ["event-edited-behind-a-snapshot-is-refused-by-history-and-verify"] = EventEditedBehindASnapshotAsync,
            ["last-event-deleted-under-a-snapshot-is-refused"] = LastEventDeletedUnderASnapshotAsync,
            ["event-edited-without-a-snapshot-is-refused-and-left-by-repair"] = EventEditedWithoutASnapshotAsync,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the snapshot checks, sorted; run them with <see cref="RunSnapshotAsync"/>.</summary>
    /// <remarks>Each writes cases through a desk on a store the tamper opens, edits the stored data behind the store's
    /// back through the tamper (or only reads it), and checks what the store, or a second store on the same data,
    /// loads, refuses, verifies and repairs.</remarks>
    public static IReadOnlyList<string> SnapshotCheckNames { get; } = [.. SnapshotChecks.Keys];

    /// <summary>Runs one snapshot check on stores the tamper opens.</summary>
    /// <param name="check">The check's name, one of <see cref="SnapshotCheckNames"/>.</param>
    /// <param name="tamper">Opens the stores and edits their data behind their backs.</param>
    /// <returns>A task that completes when the check passes.</returns>
    /// <remarks>Every store the tamper opened for the check is disposed when it ends, the last opened first.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no snapshot check of that name (the message lists them).</exception>
    /// <exception cref="CaseStoreConformanceException">The store failed the check.</exception>
    public static async Task RunSnapshotAsync(string check, ISnapshotTamper tamper)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(tamper);
        var run = SnapshotChecks.GetValueOrDefault(check)
            ?? throw new ArgumentException($"No snapshot check named '{check}'; the checks are: {string.Join(", ", SnapshotCheckNames)}.", nameof(check));
        await RunTamperedAsync(check, run, tamper).ConfigureAwait(false);
    }

    /// <summary>Runs one check that edits stored data through <paramref name="tamper"/>, disposing the stores it opened.</summary>
    private static async Task RunTamperedAsync(string check, Func<SnapshotRun, Task> run, ISnapshotTamper tamper)
    {
        var state = new SnapshotRun(tamper);
        try
        {
            await AsCheckAsync(check, () => run(state)).ConfigureAwait(false);
        }
        finally
        {
            await state.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task SnapshotWrittenWithEachAppendAsync(SnapshotRun run)
    {
        var store = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(store).RatedAsync().ConfigureAwait(false);

        var row = await run.SingleSnapshotAsync(store).ConfigureAwait(false);
        Expect((row.CaseId, row.Version, row.Format, row.Calendar) == (c.Id, c.Version, CaseSnapshotJson.FormatVersion, Calendar.Fingerprint),
            $"the snapshot row is ('{row.CaseId}', version {row.Version}, format {row.Format}, calendar {row.Calendar}), not the case's last version {c.Version} in format {CaseSnapshotJson.FormatVersion} on the store's calendar");
        var fold = Case.Replay(await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false), Calendar);
        Expect(string.Equals(row.Body, Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(fold)), StringComparison.Ordinal),
            "the snapshot's body is not the fold of the case's events at its version");
    }

    private static async Task SnapshotOfAGroupAsync(SnapshotRun run)
    {
        var store = await run.NewStoreAsync().ConfigureAwait(false);
        var county = NewCounty(store);
        var a = await county.RegisterAsync(Report(phone: "13900000001")).ConfigureAwait(false);
        var b = await county.RegisterAsync(Report(phone: "13900000002")).ConfigureAwait(false);
        var a2 = Supervising(a, "一");
        var a3 = Supervising(a2.Snapshot, "二");

        var outcomes = await Grouping(county).AppendGroupAsync([a2, Supervising(b, "三"), a3], default).ConfigureAwait(false);

        Expect(outcomes.All(o => o is null), $"a group of three appends was refused in part: {string.Join("; ", outcomes.Select(o => o?.Message ?? "written"))}");
        var rows = (await run.Tamper.ReadSnapshotsAsync(store).ConfigureAwait(false)).Select(r => $"{r.CaseId} {r.Version}").Order(StringComparer.Ordinal);
        var expected = new[] { $"{a.Id} 3", $"{b.Id} 2" }.Order(StringComparer.Ordinal);
        Expect(rows.SequenceEqual(expected, StringComparer.Ordinal), $"the group left snapshots [{string.Join(", ", rows)}], not one per case at its last version [{string.Join(", ", expected)}]");
        Same(a3.Snapshot, await (await run.ReopenAsync(store).ConfigureAwait(false)).LoadAsync(a.Id, default).ConfigureAwait(false), "a reopened store, after a group appended twice to one case,");
    }

    private static async Task SnapshotLoadedWithoutTheEventsAsync(SnapshotRun run)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).RatedAsync().ConfigureAwait(false);
        var expected = Case.Replay(await writer.ReadEventsAsync(c.Id, default).ConfigureAwait(false), Calendar);

        // Without the events after registration (and without the chain check on load, which would refuse that), only
        // the snapshot can still give the rated case.
        await run.Tamper.DeleteEventsAsync(writer, c.Id, 2).ConfigureAwait(false);
        var store = await run.ReopenAsync(writer, verifyChainOnLoad: false).ConfigureAwait(false);

        var fingerprint = CaseComparison.Fingerprint(expected);
        var loaded = await store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(loaded is not null && CaseComparison.Fingerprint(loaded) == fingerprint, "a load with the events after registration deleted does not give the snapshot's rated case");
        if (store is ICaseBatchLoad batches)
        {
            var batch = (await batches.LoadManyAsync([c.Id], default).ConfigureAwait(false))[0];
            Expect(batch is not null && CaseComparison.Fingerprint(batch) == fingerprint, "a batched load with the events after registration deleted does not give the snapshot's rated case");
        }

        Same(expected, await store.FindByQueryCodeAsync(c.QueryCodeDigest, default).ConfigureAwait(false), "a look-up by query code with the events after registration deleted");
    }

    private static async Task SnapshotMovedIsReplayedAsync(SnapshotRun run, Func<StoredSnapshot, StoredSnapshot> move)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).InProgressAsync().ConfigureAwait(false);

        // The body would not read: only a replay gives the case.
        Expect(await run.Tamper.RewriteSnapshotsAsync(writer, move).ConfigureAwait(false) == 1, "the tamper did not rewrite the one snapshot row");
        var store = await run.ReopenAsync(writer).ConfigureAwait(false);
        var expected = Case.Replay(await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false), Calendar);

        Same(expected, await store.LoadAsync(c.Id, default).ConfigureAwait(false), "a load past a snapshot of another format or calendar");
        if (store is ICaseBatchLoad batches)
        {
            Same(expected, (await batches.LoadManyAsync([c.Id], default).ConfigureAwait(false))[0], "a batched load past a snapshot of another format or calendar");
        }

        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 0, $"verify reports a snapshot of another format or calendar as a problem: {string.Join("; ", problems)}");

        await NewCounty(store).Desk.SuperviseAsync(c.Id, Leader, "快办", default).ConfigureAwait(false);
        var row = await run.SingleSnapshotAsync(store).ConfigureAwait(false);
        Expect((row.Version, row.Format, row.Calendar) == (c.Version + 1, CaseSnapshotJson.FormatVersion, Calendar.Fingerprint),
            $"the next append left the snapshot at version {row.Version}, format {row.Format}, calendar {row.Calendar}; it should rewrite it at {c.Version + 1} in the current format and calendar");
        Expect((await store.LoadAsync(c.Id, default).ConfigureAwait(false))?.Version == c.Version + 1, "the case does not load at its new version after the snapshot was rewritten");
    }

    private static async Task SnapshotEditedIsRefusedAsync(SnapshotRun run)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).RatedAsync().ConfigureAwait(false);

        var edited = await run.Tamper.RewriteSnapshotsAsync(writer, s => s with { Body = s.Body.Replace("\"rts\":[", "\"rts\":[1,", StringComparison.Ordinal) }).ConfigureAwait(false);
        Expect(edited == 1, $"the edit of the snapshot's ratings changed {edited} rows, not 1 (conformance set-up)");
        var store = await run.ReopenAsync(writer).ConfigureAwait(false);

        var refused = await run.RefusedAsync(() => store.LoadAsync(c.Id, default), "a load of a case whose snapshot was edited").ConfigureAwait(false);
        Expect((refused.CaseId, refused.Version) == (c.Id, c.Version), $"the refusal names '{refused.CaseId}' version {refused.Version}, not '{c.Id}' version {c.Version}");
        Expect(refused.Description.Contains("snapshot", StringComparison.Ordinal), $"the refusal does not say the snapshot is wrong: {refused.Description}");
        if (store is ICaseBatchLoad batches)
        {
            await run.RefusedAsync(() => batches.LoadManyAsync([c.Id], default), "a batched load of a case whose snapshot was edited").ConfigureAwait(false);
        }

        await run.RefusedAsync(() => store.FindByQueryCodeAsync(c.QueryCodeDigest, default), "a look-up by query code of a case whose snapshot was edited").ConfigureAwait(false);
        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 1 && problems[0].CaseId == c.Id && problems[0].IsRepairable && problems[0].Description.Contains("snapshot", StringComparison.Ordinal),
            $"verify should name one repairable snapshot problem of '{c.Id}'; it found: {string.Join("; ", problems)}");
        Expect(await run.Tamper.RepairAsync(store).ConfigureAwait(false) == 1, "repair did not rebuild the one edited snapshot");
        problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 0, $"verify after repair still finds: {string.Join("; ", problems)}");
        Expect((await store.LoadAsync(c.Id, default).ConfigureAwait(false))?.Ratings.SequenceEqual(c.Ratings) == true, "after repair the case does not load with its genuine ratings");
    }

    private static async Task SnapshotResealedIsReportedAsync(SnapshotRun run)
    {
        // An unkeyed chain can be resealed by anyone: verify still compares the snapshot with the events' fold.
        var store = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(store).DispatchedAsync().ConfigureAwait(false);
        var wrong = CaseSnapshotJson.SerializeToUtf8Bytes(Case.Replay((await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false)).Take(1), Calendar));
        var head = await run.Tamper.ReadHeadAsync(store, c.Id).ConfigureAwait(false);
        var seal = CaseEventChain.Unkeyed.Link(head, c.Id.Value, c.Version, "snapshot " + Convert.ToHexString(SHA256.HashData(wrong)));
        await run.Tamper.RewriteSnapshotsAsync(store, s => s with { Body = Encoding.UTF8.GetString(wrong), Seal = [.. seal] }).ConfigureAwait(false);

        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);

        Expect(problems.Count == 1 && problems[0].CaseId == c.Id && problems[0].Description.Contains("not the fold", StringComparison.Ordinal),
            $"verify should name '{c.Id}' as a snapshot that is not the fold of its events; it found: {string.Join("; ", problems)}");

        // The resealed body is the case at version 1 under a row that says the case's version: a load refuses it.
        var refused = await run.RefusedAsync(() => store.LoadAsync(c.Id, default), "a load of a case whose snapshot was resealed with the body of another version").ConfigureAwait(false);
        Expect((refused.CaseId, refused.Version) == (c.Id, c.Version) && refused.Description.Contains("holds version 1", StringComparison.Ordinal),
            $"the load's refusal should name '{c.Id}' version {c.Version} and say its body holds version 1; it names '{refused.CaseId}' version {refused.Version}: {refused.Description}");
    }

    private static async Task SnapshotOlderThanTheCaseAsync(SnapshotRun run)
    {
        var store = await run.NewStoreAsync(snapshotInterval: 4).ConfigureAwait(false);
        var c = await NewCounty(store).RatedAsync().ConfigureAwait(false);
        var fold = Case.Replay(await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false), Calendar);
        var row = await run.SingleSnapshotAsync(store).ConfigureAwait(false);
        Expect(row.Version < c.Version && row.Version % 4 == 0, $"with a snapshot every 4 versions the snapshot is at {row.Version} and the case at {c.Version} (conformance set-up)");

        Same(fold, await store.LoadAsync(c.Id, default).ConfigureAwait(false), "a load from a snapshot older than the case");
        if (store is ICaseBatchLoad batches)
        {
            Same(fold, (await batches.LoadManyAsync([c.Id], default).ConfigureAwait(false))[0], "a batched load from a snapshot older than the case");
        }

        Same(fold, await store.FindByQueryCodeAsync(c.QueryCodeDigest, default).ConfigureAwait(false), "a look-up by query code from a snapshot older than the case");

        // The events after the snapshot are replayed, so their chain is checked.
        Expect(await run.Tamper.EditEventAsync(store, c.Id, c.Version, b => b + " ").ConfigureAwait(false) == 1, "the tamper did not edit the last event (conformance set-up)");
        var refused = await run.RefusedAsync(() => store.LoadAsync(c.Id, default), "a load whose last event, after the snapshot, was edited").ConfigureAwait(false);
        Expect(refused.Version == c.Version, $"the refusal names version {refused.Version}, not the edited {c.Version}");
        if (store is ICaseBatchLoad again)
        {
            var batch = await run.RefusedAsync(() => again.LoadManyAsync([c.Id], default), "a batched load whose last event, after the snapshot, was edited").ConfigureAwait(false);
            Expect(batch.Version == c.Version, $"the batched load's refusal names version {batch.Version}, not the edited {c.Version}");
        }
    }

    private static async Task SnapshotAfterErasureAsync(SnapshotRun run)
    {
        const string Text = "我是欧阳明华，电话13912345678，住人民路18号，楼上漏水";
        var store = await run.NewStoreAsync().ConfigureAwait(false);
        var county = NewCounty(store);
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, "人民路18号", 30.1, 120.2), new Reporter("欧阳明华", "13912345678"), Text);
        var c = (await county.Desk.RegisterAsync(report, Intake).ConfigureAwait(false)).Case;
        await county.Desk.RegisterAsync(new CaseReport(report.Channel, report.Category, report.Priority, report.Location, report.Reporter, "又漏了"), Intake).ConfigureAwait(false);
        async Task<string> BodiesAsync() => string.Join("\n", (await run.Tamper.ReadSnapshotsAsync(store).ConfigureAwait(false)).Select(s => s.Body));
        Expect((await BodiesAsync().ConfigureAwait(false)).Contains("13912345678", StringComparison.Ordinal), "the snapshot before the erasure does not hold the reporter's phone (conformance set-up)");

        await county.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条").ConfigureAwait(false);

        var after = await BodiesAsync().ConfigureAwait(false);
        foreach (var personal in new[] { "13912345678", "欧阳明华", "人民路18号", "楼上漏水", "又漏了", "30.1" })
        {
            Expect(!after.Contains(personal, StringComparison.Ordinal), $"a snapshot still holds '{personal}' after the erasure");
        }

        var loaded = await (await run.ReopenAsync(store).ConfigureAwait(false)).LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(loaded is not null && loaded.JoinedReports.Prepend(loaded.Report).All(r => r.IsPersonalDataErased), "a reopened store loads the erased case with a report's personal data");
        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 0, $"verify after the erasure finds: {string.Join("; ", problems)}");
    }

    private static async Task EventEditedBehindASnapshotAsync(SnapshotRun run)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).RatedAsync().ConfigureAwait(false);

        Expect(await run.Tamper.EditEventAsync(writer, c.Id, 2, b => b + " ").ConfigureAwait(false) == 1, "the tamper did not edit event 2 (conformance set-up)");
        var store = await run.ReopenAsync(writer).ConfigureAwait(false);

        // The snapshot was sealed to the chain head when the genuine events were appended: the edit cannot change what
        // a load gives, and the history and verify still name it.
        Same(c, await store.LoadAsync(c.Id, default).ConfigureAwait(false), "a load from the snapshot over an edited event");
        var refused = await run.RefusedAsync(() => store.ReadEventsAsync(c.Id, default), "the history of a case with an edited event").ConfigureAwait(false);
        Expect((refused.CaseId, refused.Version) == (c.Id, 2L), $"the history's refusal names '{refused.CaseId}' version {refused.Version}, not '{c.Id}' version 2");
        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 1 && (problems[0].CaseId, problems[0].Version, problems[0].IsRepairable) == (c.Id, 2L, false),
            $"verify should name event 2 of '{c.Id}' as not repairable; it found: {string.Join("; ", problems)}");
    }

    private static async Task LastEventDeletedUnderASnapshotAsync(SnapshotRun run)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).RatedAsync().ConfigureAwait(false);
        var row = await run.SingleSnapshotAsync(writer).ConfigureAwait(false);
        Expect(row.Version == c.Version, $"the snapshot is at version {row.Version}, not the case's last {c.Version} (conformance set-up)");

        // The snapshot and the case row's head still agree; only the event is gone.
        await run.Tamper.DeleteEventsAsync(writer, c.Id, c.Version).ConfigureAwait(false);
        var store = await run.ReopenAsync(writer).ConfigureAwait(false);

        var alone = await run.RefusedAsync(() => store.LoadAsync(c.Id, default), "a load of a case whose last event was deleted under its snapshot").ConfigureAwait(false);
        Expect((alone.CaseId, alone.Version) == (c.Id, c.Version), $"the refusal names '{alone.CaseId}' version {alone.Version}, not '{c.Id}' version {c.Version}");
        Expect(alone.Description.Contains("deleted", StringComparison.Ordinal), $"the refusal does not say the event was deleted: {alone.Description}");
        if (store is ICaseBatchLoad batches)
        {
            var batch = await run.RefusedAsync(() => batches.LoadManyAsync([c.Id], default), "a batched load of a case whose last event was deleted under its snapshot").ConfigureAwait(false);
            Expect((batch.CaseId, batch.Version) == (c.Id, c.Version), $"the batched refusal names '{batch.CaseId}' version {batch.Version}, not '{c.Id}' version {c.Version}");
        }
    }

    // What a forger changes in a stored event body (compact format: short names), and what to: the rating, a reply
    // written into the body (the body only holds the reply's place, "rp":true), the query code's digest, the category
    // and an actor.
    private static readonly (string From, string To)[] EventForgeries =
    [
        ("\"ra\":1", "\"ra\":3"),
        ("\"rp\":true", "\"rp\":\"未维修\""),
        ("\"qh\":\"", "\"qh\":\"0"),
        ("\"cg\":\"dispute\"", "\"cg\":\"noise\""),
        ("\"d1\"", "\"d9\""),
    ];

    private static async Task EventEditedWithoutASnapshotAsync(SnapshotRun run)
    {
        foreach (var (from, to) in EventForgeries)
        {
            // No snapshot: a load replays the events and checks their chain.
            var writer = await run.NewStoreAsync(snapshotInterval: 0).ConfigureAwait(false);
            var c = await NewCounty(writer).ClosedAsync().ConfigureAwait(false);
            Expect((await run.Tamper.ReadSnapshotsAsync(writer).ConfigureAwait(false)).Count == 0, "a store with snapshots off (interval 0) wrote one (conformance set-up)");

            // The first event that holds the text is edited.
            var version = 0L;
            for (var v = 1L; v <= c.Version && version == 0; v++)
            {
                var forged = await run.Tamper.EditEventAsync(writer, c.Id, v, b => b.Contains(from, StringComparison.Ordinal) ? b.Replace(from, to, StringComparison.Ordinal) : b).ConfigureAwait(false);
                version = forged > 0 ? v : 0;
            }

            Expect(version > 0, $"no event of the closed case holds {from} (conformance set-up)");
            var store = await run.ReopenAsync(writer).ConfigureAwait(false);
            var what = $"a load of a case whose event {version} was edited from {from} to {to}";
            var refused = await run.RefusedAsync(() => store.LoadAsync(c.Id, default), what).ConfigureAwait(false);
            Expect((refused.CaseId, refused.Version) == (c.Id, version), $"{what}: the refusal names '{refused.CaseId}' version {refused.Version}");
            Expect(refused.Description.Contains("edited", StringComparison.Ordinal), $"{what}: the refusal does not say the event was edited: {refused.Description}");
            Expect(!refused.Description.Contains(to, StringComparison.Ordinal), $"{what}: the refusal repeats the forged text");
            await run.RefusedAsync(() => store.ReadEventsAsync(c.Id, default), $"the history of {what}").ConfigureAwait(false);
            var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
            Expect(problems.Count == 1 && (problems[0].CaseId, problems[0].Version, problems[0].IsRepairable) == (c.Id, version, false),
                $"{what}: verify should name event {version} as not repairable; it found: {string.Join("; ", problems)}");
            Expect(await run.Tamper.RepairAsync(store).ConfigureAwait(false) == 0, $"{what}: repair rewrote a case whose event was edited");
            Expect((await run.Tamper.VerifyAsync(store).ConfigureAwait(false)).Count == 1, $"{what}: after repair verify no longer names the edit");
        }
    }

    /// <summary>One snapshot check's tamper and the stores it opened (disposed at the end, the last first).</summary>
    private sealed class SnapshotRun(ISnapshotTamper tamper) : IAsyncDisposable
    {
        private readonly List<ICaseStore> opened = [];

        public ISnapshotTamper Tamper { get; } = tamper;

        public async Task<ICaseStore> NewStoreAsync(int? snapshotInterval = null) =>
            Track(await Tamper.NewStoreAsync(snapshotInterval).ConfigureAwait(false), nameof(ISnapshotTamper.NewStoreAsync));

        public async Task<ICaseStore> ReopenAsync(ICaseStore store, bool verifyChainOnLoad = true) =>
            Track(await Tamper.ReopenAsync(store, verifyChainOnLoad).ConfigureAwait(false), nameof(ISnapshotTamper.ReopenAsync));

        public async Task<StoredSnapshot> SingleSnapshotAsync(ICaseStore store)
        {
            var rows = await Tamper.ReadSnapshotsAsync(store).ConfigureAwait(false);
            Expect(rows.Count == 1, $"the store holds {rows.Count} snapshot rows, not 1");
            return rows[0];
        }

        /// <summary>The store's tamper refusal of a call, as the tamper reads it; anything else fails the check.</summary>
        public async Task<StoredCaseProblem> RefusedAsync<T>(Func<ValueTask<T>> call, string what)
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not CheckFailed)
            {
                return Tamper.AsTamperRefusal(e) ?? throw new CheckFailed($"{what} threw {e.GetType().Name} ({e.Message}), not the store's tamper refusal");
            }

            throw new CheckFailed($"{what} was answered; the store should refuse it as tampered with");
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = opened.Count - 1; i >= 0; i--)
            {
                await DisposeStoreAsync(opened[i]).ConfigureAwait(false);
            }
        }

        private ICaseStore Track(ICaseStore? store, string factory)
        {
            var made = store ?? throw new CheckFailed($"the tamper's {factory} returned null");
            opened.Add(made);
            return made;
        }
    }
}

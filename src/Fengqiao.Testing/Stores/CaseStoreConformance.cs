using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <summary>
/// The <see cref="ICaseStore"/> contract as runnable checks: any implementation (ours, or a county's own on its
/// database) runs them from its tests, with any test framework.
/// </summary>
/// <remarks>
/// <para>Each check gets a fresh store from the factory, drives a real <c>CaseDesk</c> on it with a fake clock, and
/// throws <see cref="CaseStoreConformanceException"/> naming the check and the problem when the store breaks the
/// contract. The factory receives the <see cref="BusinessCalendar"/> the checks use (stores that rebuild cases need
/// it). A store that is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> is disposed after its check.</para>
/// <para>With xunit: <c>[Theory, MemberData(...)]</c> over <see cref="CheckNames"/>, and in the body
/// <c>await CaseStoreConformance.RunAsync(check, calendar =&gt; new MyStore(calendar));</c>.</para>
/// <para>The erasure check (<c>erase-reporter-keeps-history</c>) needs the store to implement
/// <see cref="ICaseReporterErasure"/> (个人信息删除); a store that keeps personal data inside its event log cannot pass it.
/// So does <c>erase-reporter-erases-staff-text</c>: the staff's replies, reasons and notes are read back as
/// <see cref="CaseReport.ErasedText"/> after an erasure, from the events, the loaded case and its snapshot text.</para>
/// <para>One check (<c>concurrent-writers</c>) runs six writers on the thread pool against one case; the store must let
/// exactly one append win each version.</para>
/// </remarks>
/// <threadsafety>Stateless; checks may run in parallel, each on its own store.</threadsafety>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<ICaseStore, Task>> Checks =
        new Dictionary<string, Func<ICaseStore, Task>>
        {
            ["load-after-desk-steps"] = s => LoadAfterDeskStepsAsync(NewCounty(s)),
            ["unknown-case-finds-nothing"] = s => UnknownCaseFindsNothingAsync(NewCounty(s)),
            ["read-events-oldest-first"] = s => ReadEventsOldestFirstAsync(NewCounty(s)),
            ["find-by-query-code"] = s => FindByQueryCodeAsync(NewCounty(s)),
            ["stale-version-conflicts"] = s => StaleVersionConflictsAsync(NewCounty(s)),
            ["new-case-with-existing-id-conflicts"] = s => NewCaseWithExistingIdConflictsAsync(NewCounty(s)),
            ["bad-input-refused"] = s => BadInputRefusedAsync(NewCounty(s)),
            ["cancelled-append-writes-nothing"] = s => CancelledAppendWritesNothingAsync(NewCounty(s)),
            ["list-due"] = s => ListDueAsync(NewCounty(s)),
            ["sweep-records-overdue"] = s => SweepRecordsOverdueAsync(NewCounty(s)),
            ["same-matter-joins-first-case"] = s => SameMatterJoinsFirstCaseAsync(NewCounty(s)),
            ["same-matter-at-once-makes-one-case"] = s => SameMatterAtOnceMakesOneCaseAsync(NewCounty(s)),
            ["concurrent-writers"] = s => ConcurrentWritersAsync(NewCounty(s)),
            ["query-code-taken-is-refused"] = QueryCodeTakenIsRefusedAsync,
            ["query-code-found-by-presented-form"] = s => QueryCodeFoundByPresentedFormAsync(NewCounty(s)),
            ["erase-reporter-keeps-history"] = s => EraseReporterKeepsHistoryAsync(NewCounty(s)),
            ["erase-reporter-erases-staff-text"] = s => EraseReporterErasesStaffTextAsync(NewCounty(s)),
            ["query-code-attempts-exhausted"] = QueryCodeAttemptsExhaustedAsync,
            ["query-code-found-under-retired-key"] = QueryCodeFoundUnderRetiredKeyAsync,
            ["joined-report-code-finds-case"] = s => JoinedReportCodeFindsCaseAsync(NewCounty(s)),
            ["joined-report-code-taken-is-refused"] = JoinedReportCodeTakenIsRefusedAsync,
            ["joined-report-code-found-under-retired-key"] = JoinedReportCodeFoundUnderRetiredKeyAsync,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the <see cref="ICaseStore"/> checks, sorted.</summary>
    public static IReadOnlyList<string> CheckNames { get; } = [.. Checks.Keys];

    /// <summary>Gets the calendar the checks register cases on (and pass to the store factory).</summary>
    public static BusinessCalendar Calendar => BareCounty.Calendar;

    /// <summary>Runs one check on a fresh store.</summary>
    /// <param name="check">The check's name, one of <see cref="CheckNames"/>, <see cref="ListingCheckNames"/>, <see cref="GroupCommitCheckNames"/> or <see cref="BatchLoadCheckNames"/>.</param>
    /// <param name="newStore">Makes an empty store for the calendar given.</param>
    /// <returns>A task that completes when the check passes.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no check of that name (the message lists them).</exception>
    /// <exception cref="CaseStoreConformanceException">The store failed the check (a listing check also fails for a
    /// store that does not implement <see cref="ICaseListing"/>, a group-commit check for one that does not implement
    /// <see cref="ICaseGroupCommit"/>, a batch-load check for one that does not implement <see cref="ICaseBatchLoad"/>).</exception>
    public static async Task RunAsync(string check, Func<BusinessCalendar, ICaseStore> newStore)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(newStore);
        var run = Checks.GetValueOrDefault(check) ?? ListingChecks.GetValueOrDefault(check) ?? GroupCommitChecks.GetValueOrDefault(check) ?? BatchLoadChecks.GetValueOrDefault(check);
        if (run is null)
        {
            throw new ArgumentException($"No store check named '{check}'; the checks are: {string.Join(", ", CheckNames.Concat(ListingCheckNames).Concat(GroupCommitCheckNames).Concat(BatchLoadCheckNames))}.", nameof(check));
        }

        var store = newStore(Calendar) ?? throw new ArgumentException("The store factory returned null.", nameof(newStore));
        try
        {
            await AsCheckAsync(check, () => run(store)).ConfigureAwait(false);
        }
        finally
        {
            await DisposeStoreAsync(store).ConfigureAwait(false);
        }
    }

    /// <summary>Runs every <see cref="ICaseStore"/> check (not the listing checks), each on a fresh store, and throws on the first failure.</summary>
    /// <param name="newStore">Makes an empty store for the calendar given.</param>
    /// <returns>A task that completes when all checks pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newStore"/> is null.</exception>
    /// <exception cref="CaseStoreConformanceException">The store failed a check.</exception>
    public static async Task RunAllAsync(Func<BusinessCalendar, ICaseStore> newStore)
    {
        foreach (var check in CheckNames)
        {
            await RunAsync(check, newStore).ConfigureAwait(false);
        }
    }

    private static async Task LoadAfterDeskStepsAsync(BareCounty county)
    {
        var c = await county.DispatchedAsync().ConfigureAwait(false);
        var loaded = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(loaded is not null, $"LoadAsync('{c.Id}') returned null after three desk steps");
        Expect(loaded!.Version == 3, $"LoadAsync returned version {loaded.Version}, not 3");
        Same(c, loaded, "the loaded case differs from the desk's");
    }

    private static async Task UnknownCaseFindsNothingAsync(BareCounty county)
    {
        await county.RegisterAsync().ConfigureAwait(false);
        var nobody = new CaseId("nobody");
        Expect(await county.Store.LoadAsync(nobody, default).ConfigureAwait(false) is null, "LoadAsync of an unknown id returned a case");
        Expect((await county.Store.ReadEventsAsync(nobody, default).ConfigureAwait(false)).Count == 0, "ReadEventsAsync of an unknown id returned events");
        var otherCode = FengqiaoArbitraries.SeededQueryCodes(99).Next();
        Expect(await county.Desk.FindByQueryCodeAsync(otherCode).ConfigureAwait(false) is null, "FindByQueryCodeAsync of an unknown code returned a case");
        Expect(await county.Store.FindByQueryCodeAsync(BareCounty.QueryCodeKey.Digest(otherCode), default).ConfigureAwait(false) is null, "FindByQueryCodeAsync of an unknown digest returned a case");
    }

    private static async Task ReadEventsOldestFirstAsync(BareCounty county)
    {
        var c = await county.InProgressAsync().ConfigureAwait(false);
        await county.Desk.ResolveAsync(c.Id, Worker, "已修复，\"漏水\"已止").ConfigureAwait(false);
        var events = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        var published = county.Published.Where(e => e.CaseId == c.Id).ToArray();
        Expect(CaseComparison.Difference(published, events) is not { } d, $"the stored events differ from those published: {CaseComparison.Difference(published, events)}");
        Expect(events.Select(e => e.Version).SequenceEqual([1L, 2, 3, 4, 5, 6]), $"versions {string.Join(",", events.Select(e => e.Version))}, not 1..6 oldest first");
        var loaded = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Same(Case.Replay(events, Calendar), loaded, "the snapshot differs from the replay of the stored events");
    }

    private static async Task FindByQueryCodeAsync(BareCounty county)
    {
        var c = await county.DispatchedAsync().ConfigureAwait(false);
        await county.RegisterAsync(Report(phone: "13900000000")).ConfigureAwait(false);
        var found = await county.Store.FindByQueryCodeAsync(c.QueryCodeDigest, default).ConfigureAwait(false);
        Expect(found is not null && found.Id == c.Id && found.Version == 3, $"FindByQueryCodeAsync returned {found?.Id.ToString() ?? "null"} v{found?.Version}, not {c.Id} v3");
    }

    private static async Task StaleVersionConflictsAsync(BareCounty county)
    {
        var store = county.Store;
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var first = Supervise(c, "first");
        await store.AppendAsync(1, [first], c.Apply(first), default).ConfigureAwait(false);
        var late = Supervise(c, "late");
        var conflict = await ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(1, [late], c.Apply(late), default), "a stale append").ConfigureAwait(false);
        Expect((conflict.CaseId, conflict.ExpectedVersion, conflict.ActualVersion) == (c.Id, 1L, 2L),
            $"the conflict names {conflict.CaseId} expected {conflict.ExpectedVersion} actual {conflict.ActualVersion}, not {c.Id} 1 and 2");
        var events = await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(events.Count == 2 && events[1].Payload is CaseSupervised { Note: "first" }, "the stale append changed the stored events");
        Expect((await store.LoadAsync(c.Id, default).ConfigureAwait(false))?.Version == 2, "the stale append changed the snapshot");
    }

    private static async Task NewCaseWithExistingIdConflictsAsync(BareCounty county)
    {
        var store = county.Store;
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var registered = (await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false))[0];
        var conflict = await ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(0, [registered], c, default), "a second new case with the same id").ConfigureAwait(false);
        Expect((conflict.ExpectedVersion, conflict.ActualVersion) == (0L, 1L), $"the conflict names versions {conflict.ExpectedVersion} and {conflict.ActualVersion}, not 0 and 1");
        Expect((await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false)).Count == 1, "the refused append wrote events");
    }

    private static async Task BadInputRefusedAsync(BareCounty county)
    {
        var store = county.Store;
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var e = Supervise(c, "督办");
        Expect((await ThrowsAsync<ArgumentException>(() => store.AppendAsync(1, [], c, default), "an empty append").ConfigureAwait(false)).ParamName == "events", "an empty append is not refused for 'events'");
        Expect((await ThrowsAsync<ArgumentException>(() => store.AppendAsync(1, [e with { Version = 5 }], c, default), "an out-of-sequence event").ConfigureAwait(false)).ParamName == "events", "an out-of-sequence event is not refused for 'events'");
        Expect((await ThrowsAsync<ArgumentException>(() => store.AppendAsync(1, [e], c, default), "a snapshot of the wrong version").ConfigureAwait(false)).ParamName == "snapshot", "a stale snapshot is not refused for 'snapshot'");
        await ThrowsAsync<ArgumentOutOfRangeException>(() => store.AppendAsync(-1, [e], c.Apply(e), default), "a negative expected version").ConfigureAwait(false);
        await ThrowsAsync<ArgumentNullException>(() => store.AppendAsync(1, null!, c, default), "null events").ConfigureAwait(false);
        Expect((await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false)).Count == 1, "a refused append wrote events");
    }

    private static async Task CancelledAppendWritesNothingAsync(BareCounty county)
    {
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var e = Supervise(c, "督办");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        await ThrowsAsync<OperationCanceledException>(() => county.Store.AppendAsync(1, [e], c.Apply(e), cancelled.Token), "a cancelled append").ConfigureAwait(false);
        Expect((await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false))?.Version == 1, "a cancelled append was written");
    }

    private static async Task ListDueAsync(BareCounty county)
    {
        var store = county.Store;
        var a = await county.RegisterAsync().ConfigureAwait(false);
        county.Clock.Advance(Duration.FromHours(1));
        var b = await county.RegisterAsync(Report(phone: "13900000000")).ConfigureAwait(false);
        Expect(a.NextDueAt < b.NextDueAt, "the second case should fall due later (conformance county set-up)");
        Expect((await store.ListDueAsync(Start, default).ConfigureAwait(false)).Count == 0, "ListDueAsync lists cases before anything is due");
        Expect((await store.ListDueAsync(a.NextDueAt!.Value, default).ConfigureAwait(false)).SequenceEqual([a.Id]), $"ListDueAsync at {a.NextDueAt} does not list exactly {a.Id}");
        var both = (await store.ListDueAsync(b.NextDueAt!.Value, default).ConfigureAwait(false)).OrderBy(id => id.Value, StringComparer.Ordinal);
        Expect(both.SequenceEqual([a.Id, b.Id]), $"ListDueAsync at {b.NextDueAt} does not list exactly {a.Id} and {b.Id}");
        await county.Desk.WithdrawAsync(a.Id, CaseActor.Citizen(a.QueryCodeDigest)).ConfigureAwait(false);
        Expect((await store.LoadAsync(a.Id, default).ConfigureAwait(false))?.NextDueAt is null, "a withdrawn case still has a due instant");
        Expect((await store.ListDueAsync(b.NextDueAt!.Value + Duration.FromDays(365), default).ConfigureAwait(false)).SequenceEqual([b.Id]), "ListDueAsync still lists a withdrawn case");
    }

    private static async Task SweepRecordsOverdueAsync(BareCounty county)
    {
        var c = await county.DispatchedAsync().ConfigureAwait(false);
        county.Clock.Advance(Duration.FromDays(14));
        await county.Desk.SweepAsync(county.Clock.GetCurrentInstant()).ConfigureAwait(false);
        var swept = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(swept?.HasBeenOverdue == true, "a sweep over the store's due list did not record the overdue clock");
        var events = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(events.Any(e => e.Payload is CaseClockStageChanged && e.Cause is not null), "no clock-stage event with a cause was stored");
    }

    private static async Task SameMatterJoinsFirstCaseAsync(BareCounty county)
    {
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var again = await county.Desk.RegisterAsync(Report(), Dispatcher).ConfigureAwait(false);
        Expect(again.Case.Id == c.Id, $"the same matter made a new case {again.Case.Id} instead of joining {c.Id}");
        var loaded = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(loaded?.JoinedReports.Length == 1, "the joined report is not in the stored snapshot");
        Expect((await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false))[^1].Payload is CaseReportJoined, "the last stored event is not ReportJoined");
    }

    private static async Task SameMatterAtOnceMakesOneCaseAsync(BareCounty county)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => county.Desk.RegisterAsync(Report(), Dispatcher)))).ConfigureAwait(false);
        var ids = results.Select(r => r.Case.Id).Distinct().ToList();
        Expect(ids.Count == 1, $"sixteen identical reports at once made {ids.Count} cases, not one");
        Expect(results.Count(r => r.JoinedExisting) == 15, $"{results.Count(r => r.JoinedExisting)} of the sixteen reports joined the case, not 15");
        var stored = await county.Store.LoadAsync(ids[0], default).ConfigureAwait(false);
        Expect(stored?.Version == 16 && stored.JoinedReports.Length == 15, $"the stored case is v{stored?.Version} with {stored?.JoinedReports.Length} joined reports, not v16 with 15");
        Expect((await county.Store.ReadEventsAsync(ids[0], default).ConfigureAwait(false)).Count == 16, "the store does not hold the sixteen events");
    }

    private static async Task ConcurrentWritersAsync(BareCounty county)
    {
        var store = county.Store;
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var accepted = 0;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var current = (await store.LoadAsync(c.Id, default).ConfigureAwait(false))!;
                var e = Supervise(current, $"writer {writer}");
                try
                {
                    await store.AppendAsync(current.Version, [e], current.Apply(e), default).ConfigureAwait(false);
                    Interlocked.Increment(ref accepted);
                }
                catch (ConcurrencyConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }))).ConfigureAwait(false);

        var history = await store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(accepted + conflicts == 120, $"{accepted} accepted and {conflicts} conflicts make {accepted + conflicts}, not 120 appends");
        Expect(history.Select(e => e.Version).SequenceEqual(Enumerable.Range(1, 1 + accepted).Select(v => (long)v)), $"the history has versions {string.Join(",", history.Select(e => e.Version))}, not 1..{1 + accepted}");
        Expect((await store.LoadAsync(c.Id, default).ConfigureAwait(false))?.SupervisionCount == accepted, "the snapshot's supervision count is not the number of accepted appends");
    }

    // The store sees only digests: the code on the citizen's receipt, as the citizen types it (lower case, no hyphens),
    // digests to the one the case was stored under, and finds that case and no other.
    private static async Task QueryCodeFoundByPresentedFormAsync(BareCounty county)
    {
        var receipts = new List<CaseRegistrationResult>();
        for (var i = 0; i < 3; i++)
        {
            receipts.Add(await county.Desk.RegisterAsync(Report(phone: $"1390000000{i}"), Intake).ConfigureAwait(false));
        }

        foreach (var receipt in receipts)
        {
            Expect(receipt.QueryCode is not null, $"the registration of {receipt.Case.Id} returned no query code for the citizen's receipt");
            var typed = QueryCode.Parse(receipt.QueryCode!.Value.ToString().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
            var found = await county.Desk.FindByQueryCodeAsync(typed).ConfigureAwait(false);
            Expect(found?.Id == receipt.Case.Id, $"the code of {receipt.Case.Id}, as a citizen types it, found {found?.Id.ToString() ?? "nothing"}");
        }
    }

    private static async Task EraseReporterKeepsHistoryAsync(BareCounty county)
    {
        Expect(county.Store is ICaseReporterErasure, $"the store does not implement {nameof(ICaseReporterErasure)}, so a reporter's personal data cannot be erased (个人信息保护法)");
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, "人民路18号3单元", 39.123456, 116.654321), new Reporter("欧阳明华", "13912345678"), "楼上漏水");
        var c = (await county.Desk.RegisterAsync(report, Dispatcher).ConfigureAwait(false)).Case;
        await county.Desk.AcceptAsync(c.Id, Dispatcher).ConfigureAwait(false);
        await county.Desk.RegisterAsync(report, Dispatcher).ConfigureAwait(false);
        var before = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);

        var erased = await county.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条").ConfigureAwait(false);

        var loaded = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(loaded is not null && loaded.Version == before.Count + 1, $"the erased case loads as v{loaded?.Version}, not v{before.Count + 1}");
        Expect(loaded!.Report.Reporter.IsErased && loaded.Report.Location.Address is null && loaded.Report.Location.Latitude is null,
            "the loaded registration still carries the reporter's personal data");
        Expect(loaded.JoinedReports.All(r => r.IsPersonalDataErased), "a joined report still carries the reporter's personal data");
        Expect(loaded.JoinedReports.Prepend(loaded.Report).All(r => r.Text == CaseReport.ErasedText),
            "a loaded report still carries the text the reporter wrote (free text can hold personal data too)");
        Same(erased, loaded, "the loaded case differs from the desk's after the erasure");
        var after = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(after.Count == before.Count + 1 && after[^1].Payload is CaseReporterErased, "the history does not end with the erasure event");
        Expect(after.Take(before.Count).Select(e => e.Payload is CaseRegistration or CaseReportJoined ? null : e).SequenceEqual(
                before.Select(e => e.Payload is CaseRegistration or CaseReportJoined ? null : e)),
            "the erasure changed events that carry no personal data");
        Expect(after.All(e => e.Payload is not CaseRegistration { Report.IsPersonalDataErased: false } and not CaseReportJoined { Report.IsPersonalDataErased: false }),
            "a stored event still carries the reporter's personal data");
        Expect(after.All(e => e.Payload is not CaseRegistration { Report.Text: not CaseReport.ErasedText } and not CaseReportJoined { Report.Text: not CaseReport.ErasedText }),
            "a stored event still carries the text the reporter wrote");
        Same(Case.Replay(after, Calendar), loaded, "the erased history does not replay to the stored case");
        Expect((await county.Store.FindByQueryCodeAsync(c.QueryCodeDigest, default).ConfigureAwait(false))?.Id == c.Id, "the citizen's query code no longer finds the case after the erasure");
        var dispatched = await county.Desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
        Expect(dispatched.Version == loaded.Version + 1, "the case cannot be handled on after the erasure");
    }

    private static async Task EraseReporterErasesStaffTextAsync(BareCounty county)
    {
        Expect(county.Store is ICaseReporterErasure, $"the store does not implement {nameof(ICaseReporterErasure)}, so a reporter's personal data cannot be erased (个人信息保护法)");

        // Every text quotes the reporter (a name and a phone number), as a reply or a note may.
        const string Quoted = "张伟13912345678";
        var desk = county.Desk;
        var c = await county.RegisterAsync().ConfigureAwait(false);
        await desk.AcceptAsync(c.Id, Dispatcher).ConfigureAwait(false);
        await desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
        await desk.ReturnAsync(c.Id, Worker, "非本社区事项，" + Quoted).ConfigureAwait(false);
        await desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
        await desk.ClaimAsync(c.Id, Worker).ConfigureAwait(false);
        await desk.StartAsync(c.Id, Worker).ConfigureAwait(false);
        await desk.RequestExtensionAsync(c.Id, Worker, "需要联系" + Quoted).ConfigureAwait(false);
        await desk.DenyExtensionAsync(c.Id, Dispatcher, "不予延期，" + Quoted).ConfigureAwait(false);
        await desk.SuperviseAsync(c.Id, Leader, "督办：" + Quoted).ConfigureAwait(false);
        await desk.SuspendAsync(c.Id, Dispatcher, "等待鉴定，" + Quoted).ConfigureAwait(false);
        await desk.ResumeAsync(c.Id, Dispatcher).ConfigureAwait(false);
        await desk.ResolveAsync(c.Id, Worker, "初次答复" + Quoted).ConfigureAwait(false);
        await desk.SubmitForReviewAsync(c.Id, Worker).ConfigureAwait(false);
        await desk.RejectAsync(c.Id, Dispatcher, "答复不全，" + Quoted).ConfigureAwait(false);
        var reply = "已上门维修，联系人" + Quoted;
        await desk.ResolveAsync(c.Id, Worker, reply).ConfigureAwait(false);
        await desk.SubmitForReviewAsync(c.Id, Worker).ConfigureAwait(false);
        await desk.ApproveAsync(c.Id, Dispatcher).ConfigureAwait(false);
        var before = await desk.CallBackAsync(c.Id, Dispatcher, "回访：" + Quoted).ConfigureAwait(false);

        var shown = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(shown?.Reply == reply, "before the erasure the loaded case does not show the citizen the reply as given");
        Same(before, shown, "the loaded case differs from the desk's before the erasure");
        var history = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(history.Count(e => CaseEventJson.Serialize(e).Contains(Quoted, StringComparison.Ordinal)) == 9,
            "the staff texts do not all read back as written before the erasure");

        var erased = await desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条").ConfigureAwait(false);

        var loaded = await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false);
        Expect(loaded is not null, "the erased case does not load");
        Same(erased, loaded, "the loaded case differs from the desk's after the erasure");
        Expect(loaded!.Reply == CaseReport.ErasedText, "the loaded case still shows the reply the staff wrote");
        Expect(loaded.Supervisions.All(s => s.Note is null or CaseReport.ErasedText), "a supervision still carries its note");
        var snapshot = System.Text.Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(loaded));
        Expect(!snapshot.Contains(Quoted, StringComparison.Ordinal), "the loaded case's snapshot text still quotes a staff text");
        var after = await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false);
        Expect(after.Count == history.Count + 1, $"the erasure left {after.Count} events, not {history.Count + 1}");
        var kept = after.Where(e => CaseEventJson.Serialize(e).Contains(Quoted, StringComparison.Ordinal)).Select(e => e.Version).ToList();
        Expect(kept.Count == 0, $"events {string.Join(", ", kept)} still carry a staff text after the erasure");
        Expect(after.Take(history.Count).Zip(history).All(p => p.First.Version == p.Second.Version && p.First.Payload.GetType() == p.Second.Payload.GetType()
                && p.First.At == p.Second.At && p.First.Actor == p.Second.Actor && p.First.From == p.Second.From && p.First.To == p.Second.To),
            "the erasure changed more of the history than its texts");
        Same(Case.Replay(after, Calendar), loaded, "the erased history does not replay to the stored case");
        if (county.Store is ICaseListing listing)
        {
            var page = await listing.ListAsync(new CaseListingQuery(), default).ConfigureAwait(false);
            Expect(page.Entries.All(e => !e.ToString().Contains(Quoted, StringComparison.Ordinal)), "the listing quotes a staff text");
        }

        var resolvedAgain = await desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Satisfied).ConfigureAwait(false);
        Expect(resolvedAgain.Version == loaded.Version + 1, "the case cannot be handled on after the erasure");
    }

    // A random source that draws each value twice: the second registration's first code is the first case's. A store
    // that accepted it would hand the first citizen's case to the second (a code must never be re-pointed).
    private static async Task QueryCodeTakenIsRefusedAsync(ICaseStore store)
    {
        var county = NewCounty(store, new QueryCodeGenerator(new RepeatingRandomSource(repeats: 2)));
        var first = await county.RegisterAsync(Report(phone: "13800000001")).ConfigureAwait(false);
        var second = await county.RegisterAsync(Report(phone: "13800000002")).ConfigureAwait(false);
        Expect(first.QueryCodeDigest != second.QueryCodeDigest, "the second case was stored with the first case's query code");
        Expect((await store.FindByQueryCodeAsync(first.QueryCodeDigest, default).ConfigureAwait(false))?.Id == first.Id, "the first citizen's code no longer finds the first case");
        Expect((await store.FindByQueryCodeAsync(second.QueryCodeDigest, default).ConfigureAwait(false))?.Id == second.Id, "the second citizen's code does not find the second case");
    }

    private static async Task QueryCodeAttemptsExhaustedAsync(ICaseStore store)
    {
        var county = NewCounty(store, new QueryCodeGenerator(new RepeatingRandomSource()));
        var first = await county.RegisterAsync(Report(phone: "13800000001")).ConfigureAwait(false);
        QueryCodeConflictException? refused = null;
        try
        {
            await county.RegisterAsync(Report(phone: "13800000002")).ConfigureAwait(false);
        }
        catch (QueryCodeConflictException e)
        {
            refused = e;
        }

        Expect(refused is not null, $"a registration whose every code is taken was accepted; the store must throw {nameof(QueryCodeConflictException)}");
        Expect(refused!.Attempts == CaseDesk.QueryCodeAttempts, $"the desk gave up after {refused.Attempts} attempts, not {CaseDesk.QueryCodeAttempts}");
        Expect((await store.FindByQueryCodeAsync(first.QueryCodeDigest, default).ConfigureAwait(false))?.Id == first.Id, "the code was re-pointed away from the first case");
        Expect(await store.LoadAsync(refused.CaseId, default).ConfigureAwait(false) is null, "the refused case was stored");
    }

    /// <summary>Runs a check's body, turning its failure or anything the store threw into a
    /// <see cref="CaseStoreConformanceException"/> naming the check.</summary>
    private static async Task AsCheckAsync(string check, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (CheckFailed failed)
        {
            throw new CaseStoreConformanceException(check, failed.Message);
        }
        catch (Exception e) when (e is not CaseStoreConformanceException)
        {
            throw new CaseStoreConformanceException(check, $"the store threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Disposes a store the way it can be disposed (asynchronously first), or leaves it when it cannot.</summary>
    private static async Task DisposeStoreAsync(ICaseStore store)
    {
        switch (store)
        {
            case IAsyncDisposable a:
                await a.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable d:
                d.Dispose();
                break;
        }
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new CheckFailed(problem);
        }
    }

    private static void Same(Case? expected, Case? actual, string what)
    {
        var d = CaseComparison.Difference(expected, actual);
        Expect(d is null, $"{what}: {d}");
    }

    private static async Task<T> ThrowsAsync<T>(Func<ValueTask> call, string what)
        where T : Exception
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (T e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new CheckFailed($"{what} threw {e.GetType().Name} ({e.Message}), not {typeof(T).Name}");
        }

        throw new CheckFailed($"{what} was accepted; it should throw {typeof(T).Name}");
    }

    private sealed class CheckFailed(string message) : Exception(message);
}

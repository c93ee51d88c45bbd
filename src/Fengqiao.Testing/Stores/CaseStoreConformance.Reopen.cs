using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <content>The reopen checks: what a second store on the same data (a node restarted, or another node), holding no
/// case in memory, loads. A store that keeps snapshots on disk loads from them here; these checks hold it to the fold
/// of the stored events — on the calendar it was opened with, after an erasure, and over random desk histories.</content>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<ICaseStore, Func<BusinessCalendar, ICaseStore>, Func<ICaseStore, BusinessCalendar, ICaseStore>, Task>> ReopenChecks =
        new Dictionary<string, Func<ICaseStore, Func<BusinessCalendar, ICaseStore>, Func<ICaseStore, BusinessCalendar, ICaseStore>, Task>>
        {
            ["reopen-loads-the-fold-of-the-stored-events"] = (s, _, reopen) => ReopenLoadsTheFoldAsync(NewCounty(s), reopen),
            ["reopen-on-another-calendar-replays-on-it"] = (s, _, reopen) => ReopenOnAnotherCalendarAsync(NewCounty(s), reopen),
            ["reopen-after-erasure-loads-the-erased-case"] = (s, _, reopen) => ReopenAfterErasureAsync(NewCounty(s), reopen),
            ["reopen-appends-on-and-loads-the-new-version"] = (s, _, reopen) => ReopenAppendsOnAsync(NewCounty(s), reopen),
            ["reopen-random-desk-histories"] = (_, newStore, reopen) => ReopenRandomHistoriesAsync(newStore, reopen),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the reopen checks, sorted; run them with <see cref="RunReopenAsync"/>.</summary>
    /// <remarks>Each writes cases through a desk, opens a second store on the same data with the reopen function given,
    /// and checks what it loads (<see cref="ICaseStore.LoadAsync"/>, <see cref="ICaseStore.FindByQueryCodeAsync"/> and,
    /// when the store implements it, <see cref="ICaseBatchLoad.LoadManyAsync"/>) against the fold of the stored events,
    /// field by field. One (<c>reopen-random-desk-histories</c>) is a property over random desk scripts (run
    /// <see cref="PropertyCheck.Runs"/>(0.2) times, each on a new store from the factory).</remarks>
    public static IReadOnlyList<string> ReopenCheckNames { get; } = [.. ReopenChecks.Keys];

    /// <summary>Runs one reopen check on fresh stores.</summary>
    /// <param name="check">The check's name, one of <see cref="ReopenCheckNames"/>.</param>
    /// <param name="newStore">Makes an empty store for the calendar given (called once, or once per run of the property).</param>
    /// <param name="reopen">Opens a second store on the data of the store given (one <paramref name="newStore"/> made),
    /// on the calendar given, holding no case in memory (as a node restarted would); the check disposes it.</param>
    /// <returns>A task that completes when the check passes.</returns>
    /// <remarks>A store that keeps its data only in memory cannot be reopened and has no use for these checks.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no reopen check of that name (the message lists them), or a factory returned null.</exception>
    /// <exception cref="CaseStoreConformanceException">The store failed the check.</exception>
    public static async Task RunReopenAsync(string check, Func<BusinessCalendar, ICaseStore> newStore, Func<ICaseStore, BusinessCalendar, ICaseStore> reopen)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(newStore);
        ArgumentNullException.ThrowIfNull(reopen);
        var run = ReopenChecks.GetValueOrDefault(check)
            ?? throw new ArgumentException($"No reopen check named '{check}'; the checks are: {string.Join(", ", ReopenCheckNames)}.", nameof(check));

        var opened = new List<ICaseStore>();
        ICaseStore Track(ICaseStore? store, string factory)
        {
            var made = store ?? throw new ArgumentException($"The {factory} function returned null.", factory);
            lock (opened)
            {
                opened.Add(made);
            }

            return made;
        }

        try
        {
            var first = Track(newStore(Calendar), nameof(newStore));
            await run(first, calendar => Track(newStore(calendar), nameof(newStore)), (s, calendar) => Track(reopen(s, calendar), nameof(reopen))).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e.ParamName is nameof(newStore) or nameof(reopen))
        {
            throw;
        }
        catch (CheckFailed failed)
        {
            throw new CaseStoreConformanceException(check, failed.Message);
        }
        catch (PropertyCheckFailedException failed)
        {
            throw new CaseStoreConformanceException(check, failed.Message, failed);
        }
        catch (Exception e) when (e is not CaseStoreConformanceException)
        {
            throw new CaseStoreConformanceException(check, $"the store threw {e.GetType().Name}: {e.Message}", e);
        }
        finally
        {
            // The reopened stores first: a store may hold its data (a file, a database) until the last one closes.
            for (var i = opened.Count - 1; i >= 0; i--)
            {
                await DisposeStoreAsync(opened[i]).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Checks that every way <paramref name="store"/> loads a case gives the fold of its stored events on
    /// <paramref name="calendar"/> (and, when given, <paramref name="expected"/>), field by field.</summary>
    private static async Task ExpectLoadsAsFoldAsync(ICaseStore store, ICaseStore writer, CaseId id, BusinessCalendar calendar, Case? expected, string what)
    {
        var events = await writer.ReadEventsAsync(id, default).ConfigureAwait(false);
        Expect(events.Count > 0, $"{what}: the writing store holds no events of '{id}'");
        var fold = Case.Replay(events, calendar);
        if (expected is not null)
        {
            Same(expected, fold, $"{what}: the fold of the stored events of '{id}' differs from the desk's case");
        }

        var loaded = await store.LoadAsync(id, default).ConfigureAwait(false);
        Expect(loaded is not null, $"{what}: the reopened store's LoadAsync('{id}') returned null");
        Same(fold, loaded, $"{what}: the reopened store's LoadAsync('{id}') differs from the fold of the stored events");
        Expect(string.Equals(CaseComparison.Fingerprint(fold), CaseComparison.Fingerprint(loaded!), StringComparison.Ordinal),
            $"{what}: the reopened store's LoadAsync('{id}') has other clocks or due instants than the fold of the stored events");
        Expect(ReferenceEquals(loaded!.Calendar, calendar), $"{what}: the reopened store's case '{id}' counts on another calendar than the one it was opened with");
        Same(fold, await store.FindByQueryCodeAsync(fold.QueryCodeDigest, default).ConfigureAwait(false),
            $"{what}: the reopened store's FindByQueryCodeAsync for '{id}' differs from the fold of the stored events");
        if (store is ICaseBatchLoad batches)
        {
            var batch = await batches.LoadManyAsync([id, new CaseId("no-such-case"), id], default).ConfigureAwait(false);
            Expect(batch.Count == 3 && batch[1] is null, $"{what}: the reopened store's LoadManyAsync('{id}', unknown, '{id}') did not return three items with null for the unknown id");
            Same(fold, batch[0], $"{what}: the reopened store's LoadManyAsync('{id}') differs from the fold of the stored events");
            Expect(batch[0] is not null && string.Equals(CaseComparison.Fingerprint(fold), CaseComparison.Fingerprint(batch[0]!), StringComparison.Ordinal),
                $"{what}: the reopened store's LoadManyAsync('{id}') has other clocks or due instants than the fold of the stored events");
            Same(fold, batch[2], $"{what}: the reopened store's LoadManyAsync gives '{id}' differently the second time in one batch");
        }
    }

    private static async Task ReopenLoadsTheFoldAsync(BareCounty county, Func<ICaseStore, BusinessCalendar, ICaseStore> reopen)
    {
        var registered = await county.RegisterAsync(Report(phone: "13900000001")).ConfigureAwait(false);
        var rated = await county.RatedAsync().ConfigureAwait(false);
        var joined = (await county.Desk.RegisterAsync(Report(phone: "13900000001"), Dispatcher).ConfigureAwait(false)).Case;
        Expect(joined.Id == registered.Id, "the same matter made a new case (conformance county set-up)");

        // Both loads, one by one and batched, in either order: a store may fill its cache from the first.
        foreach (var batchFirst in new[] { false, true })
        {
            var reopened = reopen(county.Store, Calendar);
            if (batchFirst && reopened is ICaseBatchLoad batches)
            {
                await batches.LoadManyAsync([registered.Id, rated.Id], default).ConfigureAwait(false);
            }

            await ExpectLoadsAsFoldAsync(reopened, county.Store, registered.Id, Calendar, joined, "a registered case with a joined report").ConfigureAwait(false);
            await ExpectLoadsAsFoldAsync(reopened, county.Store, rated.Id, Calendar, rated, "a rated case").ConfigureAwait(false);
        }
    }

    private static async Task ReopenOnAnotherCalendarAsync(BareCounty county, Func<ICaseStore, BusinessCalendar, ICaseStore> reopen)
    {
        var dispatched = await county.DispatchedAsync().ConfigureAwait(false);
        var c = await county.Desk.SuperviseAsync(dispatched.Id, Leader, Community, TimeLimit.WorkingDays(2), CaseSupervisionGrade.Yellow, "请两日内办结").ConfigureAwait(false);

        // The county declares the day after registration a holiday: the same events count to other deadlines — the
        // clocks' and the one the supervision recorded, which a fold on the old calendar keeps.
        var other = new BusinessCalendarBuilder().UseChinaNational().AllowProjection()
            .AddHoliday(c.RegisteredAt.InZone(Calendar.Zone).Date.PlusDays(1), "县庆").Build();
        var onOther = Case.Replay(await county.Store.ReadEventsAsync(c.Id, default).ConfigureAwait(false), other);
        Expect(onOther.Supervisions[^1].Deadline != c.Supervisions[^1].Deadline,
            "the supervision's deadline is the same on a calendar with a holiday the day after (conformance set-up)");
        var reopened = reopen(county.Store, other);

        await ExpectLoadsAsFoldAsync(reopened, county.Store, c.Id, other, onOther, "a case reopened on a calendar with a county holiday (a snapshot written on the old calendar must not be used)").ConfigureAwait(false);
    }

    private static async Task ReopenAfterErasureAsync(BareCounty county, Func<ICaseStore, BusinessCalendar, ICaseStore> reopen)
    {
        Expect(county.Store is ICaseReporterErasure, $"the store does not implement {nameof(ICaseReporterErasure)}, so a reporter's personal data cannot be erased (个人信息保护法)");
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, "人民路18号", 30.1, 120.2), new Reporter("欧阳明华", "13912345678"), "我是欧阳明华，楼上漏水");
        var c = (await county.Desk.RegisterAsync(report, Intake).ConfigureAwait(false)).Case;
        await county.Desk.RegisterAsync(new CaseReport(report.Channel, report.Category, report.Priority, report.Location, report.Reporter, "又漏了"), Intake).ConfigureAwait(false);

        // Loaded once before the erasure, so a store that kept the old snapshot (or cached it) would show it.
        await reopen(county.Store, Calendar).LoadAsync(c.Id, default).ConfigureAwait(false);
        var erased = await county.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条").ConfigureAwait(false);
        var reopened = reopen(county.Store, Calendar);

        await ExpectLoadsAsFoldAsync(reopened, county.Store, c.Id, Calendar, erased, "an erased case").ConfigureAwait(false);
        var loaded = (await reopened.LoadAsync(c.Id, default).ConfigureAwait(false))!;
        Expect(loaded.JoinedReports.Prepend(loaded.Report).All(r => r.IsPersonalDataErased && r.Text == CaseReport.ErasedText),
            "the reopened store loads the erased case with the reporter's personal data or text");
    }

    private static async Task ReopenAppendsOnAsync(BareCounty county, Func<ICaseStore, BusinessCalendar, ICaseStore> reopen)
    {
        var c = await county.InProgressAsync().ConfigureAwait(false);
        var reopened = reopen(county.Store, Calendar);
        var loaded = (await reopened.LoadAsync(c.Id, default).ConfigureAwait(false))!;
        var next = Supervising(loaded, "another node");
        await reopened.AppendAsync(next.ExpectedVersion, next.Events, next.Snapshot, default).ConfigureAwait(false);

        // The writer's own cache holds the old version: it must load the new one, and so must a third store.
        Same(next.Snapshot, await county.Store.LoadAsync(c.Id, default).ConfigureAwait(false), "the first store, after another store appended, loads");
        await ExpectLoadsAsFoldAsync(reopen(county.Store, Calendar), county.Store, c.Id, Calendar, next.Snapshot, "a case appended to by a reopened store").ConfigureAwait(false);
        var stale = Supervising(c, "stale");
        var conflict = await ThrowsAsync<ConcurrencyConflictException>(
            () => county.Store.AppendAsync(stale.ExpectedVersion, stale.Events, stale.Snapshot, default), "an append on the version before another store's append").ConfigureAwait(false);
        Expect(conflict.ActualVersion == c.Version + 1, $"the conflict names stored version {conflict.ActualVersion}, not {c.Version + 1}");
    }

    // Random desk scripts (registrations, joins, every desk action, sweeps, erasures) on a new store each run: a
    // reopened store loads every case as the fold of its stored events.
    private static Task ReopenRandomHistoriesAsync(Func<BusinessCalendar, ICaseStore> newStore, Func<ICaseStore, BusinessCalendar, ICaseStore> reopen) =>
        Task.Run(() => PropertyCheck.ForAll(FengqiaoArbitraries.DeskScripts(), script =>
        {
            var store = newStore(Calendar);
            var county = new BareCounty(wrap: _ => store, configure: o => o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(7));
            var ids = DeskScriptRunner.RunAsync(county, script).GetAwaiter().GetResult().Cases;
            var reopened = reopen(store, Calendar);
            foreach (var id in ids)
            {
                ExpectLoadsAsFoldAsync(reopened, store, id, Calendar, expected: null, "after a random desk script").GetAwaiter().GetResult();
            }
        }, runsScale: 0.2));
}

using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <summary>The <see cref="ICaseListing"/> checks: every filter, keyset paging (also while others append), counts.</summary>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<ICaseStore, Task>> ListingChecks =
        new Dictionary<string, Func<ICaseStore, Task>>
        {
            ["listing-every-filter"] = s => ListingEveryFilterAsync(NewCounty(s)),
            ["listing-keyset-pages"] = s => ListingKeysetPagesAsync(NewCounty(s)),
            ["listing-pages-stable-under-appends"] = s => ListingPagesStableUnderAppendsAsync(NewCounty(s)),
            ["listing-counts"] = s => ListingCountsAsync(NewCounty(s)),
            ["listing-follows-appends"] = s => ListingFollowsAppendsAsync(NewCounty(s)),
            ["listing-refuses-bad-queries"] = s => ListingRefusesBadQueriesAsync(NewCounty(s)),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the <see cref="ICaseListing"/> checks, sorted; <see cref="RunAsync"/> runs them on a
    /// store that implements both ports.</summary>
    public static IReadOnlyList<string> ListingCheckNames { get; } = [.. ListingChecks.Keys];

    private static readonly CaseActor Worker3 = CaseActor.Staff(new ActorId("w3"), Community2);

    private static ICaseListing Listing(BareCounty county) =>
        county.Store as ICaseListing ?? throw new CheckFailed($"the store ({county.Store.GetType().Name}) does not implement {nameof(ICaseListing)}");

    /// <summary>Five cases that differ in holder, worker, state, category, grid and registration hour.</summary>
    private static async Task<(Case A, Case B, Case C, Case D, Case E)> FiveCasesAsync(BareCounty county)
    {
        var desk = county.Desk;
        var a = await county.RegisterAsync(Report(phone: "13800000001")).ConfigureAwait(false);
        county.Clock.Advance(Duration.FromHours(1));
        var b = await county.RegisterAsync(Report(phone: "13800000002", category: "livelihood", grid: Grid2)).ConfigureAwait(false);
        await desk.AcceptAsync(b.Id, Dispatcher).ConfigureAwait(false);
        await desk.DispatchAsync(b.Id, Dispatcher, Community2).ConfigureAwait(false);
        b = await desk.ClaimAsync(b.Id, Worker3).ConfigureAwait(false);
        county.Clock.Advance(Duration.FromHours(1));
        var c = await county.RegisterAsync(Report(phone: "13800000003", grid: Grid2)).ConfigureAwait(false);
        await desk.AcceptAsync(c.Id, Dispatcher).ConfigureAwait(false);
        c = await desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
        county.Clock.Advance(Duration.FromHours(1));
        var d = await county.RegisterAsync(Report(phone: "13800000004")).ConfigureAwait(false);
        await desk.AcceptAsync(d.Id, Dispatcher).ConfigureAwait(false);
        await desk.DispatchAsync(d.Id, Dispatcher, Community).ConfigureAwait(false);
        d = await desk.ClaimAsync(d.Id, Worker).ConfigureAwait(false);
        county.Clock.Advance(Duration.FromHours(1));
        var e = await county.RegisterAsync(Report(phone: "13800000005", category: "livelihood")).ConfigureAwait(false);
        e = await desk.WithdrawAsync(e.Id, CaseActor.Citizen(e.QueryCodeDigest)).ConfigureAwait(false);
        return (a, b, c, d, e);
    }

    private static async Task<List<CaseListingEntry>> ListAllAsync(ICaseListing listing, CaseListingQuery query)
    {
        var all = new List<CaseListingEntry>();
        for (var page = 0; ; page++)
        {
            Expect(page < 10_000, "the listing never ends: every page returns a continuation");
            var result = await listing.ListAsync(query, default).ConfigureAwait(false);
            Expect(result.Entries.Length <= query.PageSize, $"a page holds {result.Entries.Length} entries, more than the page size {query.PageSize}");
            all.AddRange(result.Entries);
            if (result.Continuation is not { } next)
            {
                return all;
            }

            Expect(result.Entries.Length > 0, "an empty page carries a continuation");
            query = query with { After = CaseListingToken.Parse(next.ToString()) };
        }
    }

    private static async Task ExpectListedAsync(BareCounty county, string what, CaseListingQuery query, params Case[] expected)
    {
        var listed = await ListAllAsync(Listing(county), query with { PageSize = 2 }).ConfigureAwait(false);
        var want = expected.OrderBy(c => c.RegisteredAt).ThenBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => c.Id.Value);
        Expect(listed.Select(e => e.Id.Value).SequenceEqual(want),
            $"listing {what} gave [{string.Join(", ", listed.Select(e => e.Id))}], not [{string.Join(", ", want)}] in registration order");
        foreach (var entry in listed)
        {
            var stored = await county.Store.LoadAsync(entry.Id, default).ConfigureAwait(false);
            var projected = CaseListingEntry.From(stored!);
            Expect(entry == projected, $"listing {what}: the entry {entry} is not the projection of the stored case {projected}");
        }
    }

    private static async Task ListingEveryFilterAsync(BareCounty county)
    {
        var (a, b, c, d, e) = await FiveCasesAsync(county).ConfigureAwait(false);
        var all = new CaseListingQuery();
        await ExpectListedAsync(county, "with no filter", all, a, b, c, d, e).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holding unit community-1", all with { HoldingUnit = Community }, c, d).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holding unit community-2", all with { HoldingUnit = Community2 }, b).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holding units {community-1, community-2}", all with { HoldingUnits = [Community, Community2] }, b, c, d).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holding units {community-2, community-2}", all with { HoldingUnits = [Community2, Community2] }, b).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holding units {community-1} and holder community-2", all with { HoldingUnits = [Community], HoldingUnit = Community2 }, []).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holding units {community-1, community-2} and state Claimed", all with { HoldingUnits = [Community, Community2], States = [CaseState.Claimed] }, b, d).ConfigureAwait(false);
        await ExpectListedAsync(county, "by worker w1", all with { Worker = new ActorId("w1") }, d).ConfigureAwait(false);
        await ExpectListedAsync(county, "by worker w3", all with { Worker = new ActorId("w3") }, b).ConfigureAwait(false);
        await ExpectListedAsync(county, "by state Claimed", all with { States = [CaseState.Claimed] }, b, d).ConfigureAwait(false);
        await ExpectListedAsync(county, "by states Registered or Withdrawn", all with { States = [CaseState.Registered, CaseState.Withdrawn] }, a, e).ConfigureAwait(false);
        await ExpectListedAsync(county, "by category livelihood", all with { Category = new CaseCategory("livelihood") }, b, e).ConfigureAwait(false);
        await ExpectListedAsync(county, "by grid grid-2", all with { Grid = Grid2 }, b, c).ConfigureAwait(false);
        await ExpectListedAsync(county, "registered in [+1h, +3h)", all with { RegisteredFrom = Start + Duration.FromHours(1), RegisteredBefore = Start + Duration.FromHours(3) }, b, c).ConfigureAwait(false);
        await ExpectListedAsync(county, "by holder community-1 and state Claimed", all with { HoldingUnit = Community, States = [CaseState.Claimed] }, d).ConfigureAwait(false);
        await ExpectListedAsync(county, "overdue at the start", all with { OverdueAt = Start }, []).ConfigureAwait(false);
        await ExpectListedAsync(county, "overdue in 60 days", all with { OverdueAt = Start + Duration.FromDays(60) }, a, b, c, d).ConfigureAwait(false);

        // Between the first and the last deadline: whatever the projection says, the store must agree with it.
        var cases = new[] { a, b, c, d, e };
        var loaded = new List<Case>();
        foreach (var x in cases)
        {
            loaded.Add((await county.Store.LoadAsync(x.Id, default).ConfigureAwait(false))!);
        }

        var deadlines = loaded.Select(CaseListingEntry.From).Where(x => x.OverdueFrom is not null).Select(x => x.OverdueFrom!.Value).Order().ToList();
        Expect(deadlines.Count == 4, $"{deadlines.Count} of the five cases have a running clock, not 4 (conformance county set-up)");
        var middle = deadlines[1];
        await ExpectListedAsync(county, $"overdue at {middle}", all with { OverdueAt = middle },
            [.. loaded.Where(x => CaseListingEntry.From(x).IsOverdueAt(middle))]).ConfigureAwait(false);
    }

    private static async Task ListingKeysetPagesAsync(BareCounty county)
    {
        // Seven cases, three of them at one instant: the id breaks the tie.
        var registered = new List<Case>();
        for (var i = 0; i < 7; i++)
        {
            if (i is not (3 or 4))
            {
                county.Clock.Advance(Duration.FromMinutes(1));
            }

            registered.Add(await county.RegisterAsync(Report(phone: $"1390000000{i}")).ConfigureAwait(false));
        }

        var listing = Listing(county);
        var first = await listing.ListAsync(new CaseListingQuery { PageSize = 3 }, default).ConfigureAwait(false);
        Expect(first.Entries.Length == 3 && first.Continuation is not null, $"the first page of 7 by 3 holds {first.Entries.Length} entries, continuation {first.Continuation?.ToString() ?? "none"}");
        var listed = await ListAllAsync(listing, new CaseListingQuery { PageSize = 3 }).ConfigureAwait(false);
        var want = registered.OrderBy(c => c.RegisteredAt).ThenBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => c.Id).ToList();
        Expect(listed.Select(e => e.Id).SequenceEqual(want), $"paging by 3 gave [{string.Join(", ", listed.Select(e => e.Id))}], not [{string.Join(", ", want)}]");
        var exact = await ListAllAsync(listing, new CaseListingQuery { PageSize = 7 }).ConfigureAwait(false);
        Expect(exact.Count == 7, $"one page of 7 listed {exact.Count}");
        var whole = await listing.ListAsync(new CaseListingQuery { PageSize = 7 }, default).ConfigureAwait(false);
        Expect(whole.Continuation is null, "a page that holds every match still carries a continuation");
        var afterLast = await listing.ListAsync(new CaseListingQuery { After = listed[^1].Position }, default).ConfigureAwait(false);
        Expect(afterLast.Entries.IsEmpty && afterLast.Continuation is null, "listing after the last entry is not empty");
        var afterMiddle = await listing.ListAsync(new CaseListingQuery { After = listed[3].Position, PageSize = 2 }, default).ConfigureAwait(false);
        Expect(afterMiddle.Entries.Select(e => e.Id).SequenceEqual(want.Skip(4).Take(2)), "listing after the fourth entry does not start at the fifth");
    }

    private static async Task ListingPagesStableUnderAppendsAsync(BareCounty county)
    {
        var originals = new List<Case>();
        for (var i = 0; i < 24; i++)
        {
            county.Clock.Advance(Duration.FromMinutes(1));
            originals.Add(await county.RegisterAsync(Report(phone: $"1370000{i:0000}")).ConfigureAwait(false));
        }

        var listing = Listing(county);
        var untouched = originals.Where((_, i) => i % 2 == 0).Select(c => c.Id).ToHashSet();
        var moved = originals.Where((_, i) => i % 2 == 1).ToList();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            // Accept half the cases (they leave Registered) and register new ones, while the reader pages.
            for (var i = 0; i < moved.Count; i++)
            {
                await county.Desk.AcceptAsync(moved[i].Id, Dispatcher).ConfigureAwait(false);
                await county.RegisterAsync(Report(phone: $"1360000{i:0000}")).ConfigureAwait(false);
            }
        });

        var rounds = 0;
        do
        {
            rounds++;
            var seenAll = await ListAllAsync(listing, new CaseListingQuery { PageSize = 4 }).ConfigureAwait(false);
            ExpectOncePerCase(seenAll, "listing everything");
            foreach (var id in originals.Select(c => c.Id))
            {
                Expect(seenAll.Count(e => e.Id == id) == 1, $"paging everything while others append listed {id} {seenAll.Count(e => e.Id == id)} times, not once");
            }

            var registered = await ListAllAsync(listing, new CaseListingQuery { PageSize = 3, States = [CaseState.Registered] }).ConfigureAwait(false);
            ExpectOncePerCase(registered, "listing Registered");
            Expect(registered.TrueForAll(e => e.State == CaseState.Registered), "listing Registered returned a case in another state");
            foreach (var id in untouched)
            {
                Expect(registered.Count(e => e.Id == id) == 1, $"paging Registered while others append listed the untouched case {id} {registered.Count(e => e.Id == id)} times, not once");
            }
        }
        while (!writer.IsCompleted && rounds < 50);

        await writer.ConfigureAwait(false);
        var final = await ListAllAsync(listing, new CaseListingQuery { PageSize = 5, States = [CaseState.Registered] }).ConfigureAwait(false);
        Expect(final.Count == untouched.Count + moved.Count, $"after the appends {final.Count} cases are Registered, not {untouched.Count + moved.Count}");
    }

    private static void ExpectOncePerCase(List<CaseListingEntry> listed, string what)
    {
        var twice = listed.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Expect(twice.Count == 0, $"{what} listed {string.Join(", ", twice)} more than once");
        for (var i = 1; i < listed.Count; i++)
        {
            Expect(listed[i - 1].Position.Precedes(listed[i].RegisteredAt, listed[i].Id), $"{what}: {listed[i].Id} is listed after {listed[i - 1].Id} out of order");
        }
    }

    private static async Task ListingCountsAsync(BareCounty county)
    {
        var (a, b, c, d, e) = await FiveCasesAsync(county).ConfigureAwait(false);
        var listing = Listing(county);
        var counts = await listing.CountAsync(new CaseListingQuery(), default).ConfigureAwait(false);
        Expect(counts.Total == 5, $"counting everything gave {counts.Total}, not 5");
        Expect((counts.In(CaseState.Registered), counts.In(CaseState.Claimed), counts.In(CaseState.Dispatched), counts.In(CaseState.Withdrawn)) == (1, 2, 1, 1),
            $"the counts by state are {Describe(counts.ByState)}, not Registered 1, Claimed 2, Dispatched 1, Withdrawn 1");
        Expect(counts.ByState.Values.Sum() == 5 && counts.ByGrid.Values.Sum() == 5, "the counts by state or by grid do not add up to the total");
        Expect((counts.InGrid(Grid), counts.InGrid(Grid2)) == (3, 2), $"the counts by grid are {Describe(counts.ByGrid)}, not grid-1 3, grid-2 2");
        var held = await listing.CountAsync(new CaseListingQuery { HoldingUnit = Community, PageSize = 1 }, default).ConfigureAwait(false);
        Expect(held.Total == 2 && held.In(CaseState.Claimed) == 1 && held.In(CaseState.Dispatched) == 1, $"counting community-1's cases gave {held.Total} ({Describe(held.ByState)}), not Claimed 1 and Dispatched 1");
        var heldByEither = await listing.CountAsync(new CaseListingQuery { HoldingUnits = [Community, Community2] }, default).ConfigureAwait(false);
        Expect(heldByEither.Total == 3 && heldByEither.In(CaseState.Claimed) == 2, $"counting the cases community-1 or community-2 holds gave {heldByEither.Total} ({Describe(heldByEither.ByState)}), not 3 with Claimed 2");
        var overdue = await listing.CountAsync(new CaseListingQuery { OverdueAt = Start + Duration.FromDays(60) }, default).ConfigureAwait(false);
        Expect(overdue.Total == 4 && overdue.In(CaseState.Withdrawn) == 0, $"counting the overdue in 60 days gave {overdue.Total}, not the 4 cases with running clocks");
        var none = await listing.CountAsync(new CaseListingQuery { Grid = new OrgUnitId("nowhere") }, default).ConfigureAwait(false);
        Expect(none.Total == 0 && none.ByState.IsEmpty && none.ByGrid.IsEmpty, "counting a grid with no cases is not empty");
        _ = (a, b, c, d, e);
    }

    private static string Describe<TKey>(ImmutableDictionary<TKey, long> counts)
        where TKey : notnull =>
        string.Join(", ", counts.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    private static async Task ListingFollowsAppendsAsync(BareCounty county)
    {
        var listing = Listing(county);
        var c = await county.RegisterAsync().ConfigureAwait(false);
        var before = (await listing.ListAsync(new CaseListingQuery(), default).ConfigureAwait(false)).Entries;
        Expect(before is [{ Version: 1, State: CaseState.Registered }], $"after registering, the listing is [{string.Join(", ", before)}], not the case at version 1");
        await county.Desk.AcceptAsync(c.Id, Dispatcher).ConfigureAwait(false);
        var dispatched = await county.Desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
        var after = (await listing.ListAsync(new CaseListingQuery { HoldingUnit = Community }, default).ConfigureAwait(false)).Entries;
        Expect(after is [{ Version: 3, State: CaseState.Dispatched }] && after[0] == CaseListingEntry.From(dispatched),
            $"after dispatching, community-1's listing is [{string.Join(", ", after)}], not the case at version 3 as the desk saw it");
        var registered = await listing.CountAsync(new CaseListingQuery { States = [CaseState.Registered] }, default).ConfigureAwait(false);
        Expect(registered.Total == 0, "the case is still counted as Registered after it was dispatched");
    }

    private static async Task ListingRefusesBadQueriesAsync(BareCounty county)
    {
        var listing = Listing(county);
        await county.RegisterAsync().ConfigureAwait(false);
        await ThrowsOnListAsync<ArgumentNullException>(() => listing.ListAsync(null!, default), "a null query").ConfigureAwait(false);
        var bad = new (CaseListingQuery Query, string Field)[]
        {
            (new CaseListingQuery { PageSize = 0 }, "PageSize"),
            (new CaseListingQuery { PageSize = CaseListingQuery.MaxPageSize + 1 }, "PageSize"),
            (new CaseListingQuery { States = [CaseState.Open] }, "States"),
            (new CaseListingQuery { RegisteredFrom = Start, RegisteredBefore = Start }, "RegisteredBefore"),
            (new CaseListingQuery { HoldingUnits = [.. Enumerable.Range(0, CaseListingQuery.MaxHoldingUnits + 1).Select(i => new OrgUnitId($"unit-{i}"))] }, "HoldingUnits"),
        };
        foreach (var (query, field) in bad)
        {
            var refused = await ThrowsOnListAsync<ArgumentException>(() => listing.ListAsync(query, default), $"a query with a bad {field}").ConfigureAwait(false);
            Expect(refused.Message.Contains(field, StringComparison.Ordinal), $"the refusal of a bad {field} does not name it: {refused.Message}");
            if (field != "PageSize")
            {
                await ThrowsAsync<ArgumentException>(async () => { await listing.CountAsync(query, default).ConfigureAwait(false); }, $"a count with a bad {field}").ConfigureAwait(false);
            }
        }
    }

    private static async Task<T> ThrowsOnListAsync<T>(Func<ValueTask<CaseListingPage>> call, string what)
        where T : Exception =>
        await ThrowsAsync<T>(async () => { await call().ConfigureAwait(false); }, what).ConfigureAwait(false);
}

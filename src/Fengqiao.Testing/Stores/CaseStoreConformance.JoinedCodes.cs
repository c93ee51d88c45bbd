using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <content>Joined reports' own query codes: a report joined to a case as a duplicate gets a code of its own, which the
/// store indexes beside the case's, never re-points, and finds under a retired key after a rotation.</content>
public static partial class CaseStoreConformance
{
    // Two reports of the same matter: the second joins the first's case and its reporter gets a code of their own.
    private static async Task JoinedReportCodeFindsCaseAsync(BareCounty county)
    {
        var first = await county.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        var second = await county.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        var third = await county.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        Expect(second.JoinedExisting && third.JoinedExisting && second.Case.Id == first.Case.Id, "the same matter did not join the first case");
        Expect(second.QueryCode is { } && third.QueryCode is { }, "a joined report's registration returned no query code for its reporter");
        var codes = new[] { first.QueryCode!.Value, second.QueryCode!.Value, third.QueryCode!.Value };
        Expect(codes.Distinct().Count() == 3, "a joined report was given a code another reporter holds");

        var stored = await county.Store.LoadAsync(first.Case.Id, default).ConfigureAwait(false);
        Expect(stored is not null && stored.JoinedQueryCodeDigests.SequenceEqual([BareCounty.QueryCodeKey.Digest(codes[1]), BareCounty.QueryCodeKey.Digest(codes[2])]),
            "the stored case does not hold the joined reports' code digests, in the order they joined");
        var events = await county.Store.ReadEventsAsync(first.Case.Id, default).ConfigureAwait(false);
        Expect(events.Count(e => e.Payload is CaseReportJoined { QueryCodeDigest: not null }) == 2, "the stored ReportJoined events do not carry their codes' digests");
        foreach (var code in codes)
        {
            var found = await county.Desk.FindByQueryCodeAsync(code).ConfigureAwait(false);
            Expect(found?.Id == first.Case.Id, $"a reporter's code found {found?.Id.ToString() ?? "nothing"}, not {first.Case.Id}");
            Expect(county.Desk.Citizen(code, found!).QueryCodeDigest == BareCounty.QueryCodeKey.Digest(code), "the citizen actor for a joined code does not carry that code's digest");
        }

        // Later appends keep the index: the codes still find the case after it moved on.
        await county.Desk.AcceptAsync(first.Case.Id, Dispatcher).ConfigureAwait(false);
        Expect((await county.Store.FindByQueryCodeAsync(BareCounty.QueryCodeKey.Digest(codes[2]), default).ConfigureAwait(false))?.Version == first.Case.Version + 3,
            "after another step the joined code does not find the case at its latest version");
        Expect(await county.Store.FindByQueryCodeAsync(RotatedKey.Digest(codes[1]), default).ConfigureAwait(false) is null,
            "a digest of a joined code under a key the desk never used found a case");
    }

    // A random source that draws each value twice: the join's first code is the case's own. The store must refuse it
    // (the desk then draws again) rather than index one digest twice.
    private static async Task JoinedReportCodeTakenIsRefusedAsync(ICaseStore store)
    {
        var county = NewCounty(store, new QueryCodeGenerator(new RepeatingRandomSource(repeats: 2)));
        var first = await county.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        var joined = await county.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        Expect(joined.JoinedExisting, "the same matter did not join the first case");
        Expect(joined.QueryCode != first.QueryCode, "the joined report was given the case's own code");
        var other = await county.Desk.RegisterAsync(Report(phone: "13800000009"), Intake).ConfigureAwait(false);
        Expect(!other.JoinedExisting && other.QueryCode != joined.QueryCode, "a new case was given the joined report's code");
        Expect((await county.Desk.FindByQueryCodeAsync(first.QueryCode!.Value).ConfigureAwait(false))?.Id == first.Case.Id, "the first reporter's code no longer finds the case");
        Expect((await county.Desk.FindByQueryCodeAsync(joined.QueryCode!.Value).ConfigureAwait(false))?.Id == first.Case.Id, "the joined reporter's code does not find the case");
        Expect((await county.Desk.FindByQueryCodeAsync(other.QueryCode!.Value).ConfigureAwait(false))?.Id == other.Case.Id, "the other case's code does not find it");
        var stored = await store.LoadAsync(first.Case.Id, default).ConfigureAwait(false);
        Expect(stored?.Version == 2 && stored.JoinedQueryCodeDigests.Length == 1, $"the refused join left the case at v{stored?.Version} with {stored?.JoinedQueryCodeDigests.Length} joined codes, not v2 with 1");
    }

    // A join made before a key rotation is found after it through the retired key; a join after it uses the new key.
    private static async Task JoinedReportCodeFoundUnderRetiredKeyAsync(ICaseStore store)
    {
        var before = NewCounty(store);
        var first = await before.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        var oldJoin = await before.Desk.RegisterAsync(Report(), Intake).ConfigureAwait(false);
        var rotated = RotatedCounty(store);
        var found = await rotated.Desk.FindByQueryCodeAsync(oldJoin.QueryCode!.Value).ConfigureAwait(false);
        Expect(found?.Id == first.Case.Id, $"after the rotation, a joined code issued under the retired key found {found?.Id.ToString() ?? "nothing"}");
        Expect(rotated.Desk.Citizen(oldJoin.QueryCode!.Value, found!).QueryCodeDigest == BareCounty.QueryCodeKey.Digest(oldJoin.QueryCode!.Value),
            "the citizen actor for a joined code issued under the retired key does not carry that key's digest");

        // A case registered and joined after the rotation: the joined code is digested under the new current key only.
        await rotated.Desk.RegisterAsync(Report(phone: "13900000077"), Intake).ConfigureAwait(false);
        var newJoin = await rotated.Desk.RegisterAsync(Report(phone: "13900000077"), Intake).ConfigureAwait(false);
        Expect(newJoin.JoinedExisting, "the same matter did not join the case registered after the rotation");
        var stored = await store.LoadAsync(newJoin.Case.Id, default).ConfigureAwait(false);
        Expect(stored?.JoinedQueryCodeDigests.SingleOrDefault() == RotatedKey.Digest(newJoin.QueryCode!.Value),
            "a joined code issued after the rotation was not digested with the new current key");
        Expect((await rotated.Desk.FindByQueryCodeAsync(newJoin.QueryCode!.Value).ConfigureAwait(false))?.Id == newJoin.Case.Id,
            "a joined code issued after the rotation does not find its case");
        Expect(await store.FindByQueryCodeAsync(BareCounty.QueryCodeKey.Digest(newJoin.QueryCode!.Value), default).ConfigureAwait(false) is null,
            "the store holds the new joined code's digest under the retired key: new codes must use the current key only");
    }
}

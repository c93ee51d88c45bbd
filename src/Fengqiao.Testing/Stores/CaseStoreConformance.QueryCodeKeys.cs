using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <content>Query-code key rotation: a desk with a new current key and the old one retired still finds the cases
/// registered under the old key, and digests new codes with the new key only.</content>
public static partial class CaseStoreConformance
{
    // A second fixed, public test key: the county's key after a rotation.
    private static readonly QueryCodeKey RotatedKey = new("fengqiao-test-rotated-code-key32"u8);

    private static async Task QueryCodeFoundUnderRetiredKeyAsync(ICaseStore store)
    {
        var before = NewCounty(store);
        var old = await before.Desk.RegisterAsync(Report(phone: "13900000001"), Intake).ConfigureAwait(false);
        var oldCode = old.QueryCode!.Value;

        // After the rotation (see RotatedCounty).
        var rotated = RotatedCounty(store);
        var found = await rotated.Desk.FindByQueryCodeAsync(oldCode).ConfigureAwait(false);
        Expect(found?.Id == old.Case.Id, $"after the rotation, the code issued under the retired key found {found?.Id.ToString() ?? "nothing"}, not {old.Case.Id}");
        Expect(rotated.Desk.Citizen(oldCode, found!).QueryCodeDigest == old.Case.QueryCodeDigest,
            "the citizen actor for a case registered under the retired key does not carry that case's digest");

        var newer = await rotated.Desk.RegisterAsync(Report(phone: "13900000002"), Intake).ConfigureAwait(false);
        var newCode = newer.QueryCode!.Value;
        Expect(newer.Case.QueryCodeDigest == RotatedKey.Digest(newCode), "a code issued after the rotation was not digested with the new current key");
        Expect((await rotated.Desk.FindByQueryCodeAsync(newCode).ConfigureAwait(false))?.Id == newer.Case.Id, "the code issued after the rotation does not find its case");
        Expect((await store.FindByQueryCodeAsync(BareCounty.QueryCodeKey.Digest(newCode), default).ConfigureAwait(false)) is null,
            "the store holds the new code's digest under the retired key: new codes must use the current key only");

        // Without the retired key, the old code is lost: rotation never re-digests what is stored.
        var newKeyOnly = new BareCounty(wrap: _ => store, configure: o =>
        {
            o.Directory = ConformanceTree;
            o.QueryCodeKey = RotatedKey;
        });
        Expect(await newKeyOnly.Desk.FindByQueryCodeAsync(oldCode).ConfigureAwait(false) is null,
            "a desk without the retired key found a case registered under it: the store must compare digests, nothing else");
    }

    // Another desk of the same county after a key rotation: the new key current, the old one retired, its own ids and
    // another code sequence.
    private static BareCounty RotatedCounty(ICaseStore store)
    {
        var sequence = 0;
        return new BareCounty(wrap: _ => store, configure: o =>
        {
            o.Directory = ConformanceTree;
            o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(2);
            o.QueryCodeKey = RotatedKey;
            o.RetiredQueryCodeKeys.Add(BareCounty.QueryCodeKey);
            o.NewCaseId = () => new CaseId($"rotated-{Interlocked.Increment(ref sequence)}");
        });
    }
}

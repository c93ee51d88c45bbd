using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Testing;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>A query-code collision (only a broken random source makes one) is retried with a fresh code, never
/// re-pointed at the new case.</summary>
public class CaseDeskQueryCodeTests
{
    [Fact]
    public async Task RegisterAsync_ConstantRandomSource_FailsClearlyAfterTheAttemptsAndKeepsTheFirstCasesCode()
    {
        var random = new RepeatingRandom();
        var kit = new BareCounty(configure: o => o.QueryCodes = new QueryCodeGenerator(random));
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(phone: "13800000001"), BareCounty.Intake);

        var e = await Assert.ThrowsAsync<QueryCodeConflictException>(() => kit.RegisterAsync(BareCounty.Report(phone: "13800000002")));

        Assert.Equal(CaseDesk.QueryCodeAttempts, e.Attempts);
        Assert.Equal(new CaseId("case-2"), e.CaseId);
        Assert.Contains("random source is broken", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.QueryCode!.Value.ToString(), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Case.QueryCodeDigest.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(1 + CaseDesk.QueryCodeAttempts, random.Draws);
        Assert.Equal(1, kit.InMemory.Count);
        Assert.Equal(first.Case.Id, (await kit.Desk.FindByQueryCodeAsync(first.QueryCode.Value))!.Id);
        Assert.Null(await kit.Desk.FindAsync(new CaseId("case-2")));
    }

    [Fact]
    public async Task RegisterAsync_ACodeRepeatedOnce_RetriesWithAFreshCode()
    {
        // Each value is drawn twice: the second registration's first code repeats the first case's.
        var kit = new BareCounty(configure: o => o.QueryCodes = new QueryCodeGenerator(new RepeatingRandom(repeats: 2)));
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(phone: "13800000001"), BareCounty.Intake);

        var second = await kit.Desk.RegisterAsync(BareCounty.Report(phone: "13800000002"), BareCounty.Intake);

        Assert.NotEqual(first.QueryCode, second.QueryCode);
        Assert.NotEqual(first.Case.QueryCodeDigest, second.Case.QueryCodeDigest);
        Assert.Equal(first.Case.Id, (await kit.Desk.FindByQueryCodeAsync(first.QueryCode!.Value))!.Id);
        Assert.Equal(second.Case.Id, (await kit.Desk.FindByQueryCodeAsync(second.QueryCode!.Value))!.Id);
    }

    private static readonly QueryCodeKey Rotated = new("fengqiao-test-rotated-code-key32"u8);

    [Fact]
    public async Task FindByQueryCodeAsync_CodeIssuedBeforeARotation_IsFoundThroughTheRetiredKey()
    {
        var store = new InMemoryCaseStore();
        var before = new BareCounty(shared: store);
        var old = await before.Desk.RegisterAsync(BareCounty.Report(phone: "13800000001"), BareCounty.Intake);
        var after = new BareCounty(shared: store, configure: o =>
        {
            o.QueryCodeKey = Rotated;
            o.RetiredQueryCodeKeys.Add(BareCounty.QueryCodeKey);
            o.NewCaseId = () => new CaseId("case-after");
            o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(7);
        });

        var found = await after.Desk.FindByQueryCodeAsync(old.QueryCode!.Value);
        var fresh = await after.Desk.RegisterAsync(BareCounty.Report(phone: "13800000002"), BareCounty.Intake);

        Assert.Equal(old.Case.Id, found?.Id);
        Assert.Equal(old.Case.QueryCodeDigest, after.Desk.Citizen(old.QueryCode.Value, found!).QueryCodeDigest);
        Assert.Equal(Rotated.Digest(fresh.QueryCode!.Value), fresh.Case.QueryCodeDigest);
        Assert.Null(await before.Desk.FindByQueryCodeAsync(fresh.QueryCode.Value));
    }

    [Fact]
    public async Task Citizen_CodeOfAnotherCase_CarriesTheCurrentKeysDigestSoTheAuthoriserRefuses()
    {
        var kit = new BareCounty(configure: o => o.RetiredQueryCodeKeys.Add(Rotated));
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(phone: "13800000001"), BareCounty.Intake);
        var second = await kit.Desk.RegisterAsync(BareCounty.Report(phone: "13800000002"), BareCounty.Intake);

        var actor = kit.Desk.Citizen(second.QueryCode!.Value, first.Case);

        Assert.Equal(BareCounty.QueryCodeKey.Digest(second.QueryCode.Value), actor.QueryCodeDigest);
        Assert.NotEqual(first.Case.QueryCodeDigest, actor.QueryCodeDigest);
    }

    [Fact]
    public void Constructor_RetiredKeysRepeatingOrEqualToTheCurrentKey_IsRefusedNamingEachProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new BareCounty(configure: o =>
        {
            o.RetiredQueryCodeKeys.Add(new QueryCodeKey(BareCounty.QueryCodeKeyBytes.Span));
            o.RetiredQueryCodeKeys.Add(Rotated);
            o.RetiredQueryCodeKeys.Add(new QueryCodeKey("fengqiao-test-rotated-code-key32"u8));
        }));

        Assert.Contains($"RetiredQueryCodeKeys contains the current QueryCodeKey ({BareCounty.QueryCodeKey.Id})", e.Message, StringComparison.Ordinal);
        Assert.Contains($"RetiredQueryCodeKeys lists key {Rotated.Id} 2 times", e.Message, StringComparison.Ordinal);
    }
}

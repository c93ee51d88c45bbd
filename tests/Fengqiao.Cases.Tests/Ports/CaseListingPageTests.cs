using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Cases.Tests.Ports;

public class CaseListingPageTests
{
    private static CaseListingEntry Entry(int n) => new(new CaseId($"case-{n}"), 1, CaseState.Registered, null, null,
        new CaseCategory("noise"), new OrgUnitId("grid-1"), Instant.FromUnixTimeSeconds(1_800_000_000 + n), null);

    [Fact]
    public void Cut_OneMoreThanThePage_KeepsThePageAndContinuesAtItsLastEntry()
    {
        var page = CaseListingPage.Cut([Entry(1), Entry(2), Entry(3)], 2);

        Assert.Equal(["case-1", "case-2"], page.Entries.Select(e => e.Id.Value));
        Assert.Equal(Entry(2).Position, page.Continuation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Cut_AtMostAPage_IsTheLastPageWithoutContinuation(int count)
    {
        var page = CaseListingPage.Cut([.. Enumerable.Range(1, count).Select(Entry)], 2);

        Assert.Equal(count, page.Entries.Length);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public void Cut_MoreThanOnePastThePage_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CaseListingPage.Cut([Entry(1), Entry(2), Entry(3), Entry(4)], 2));

        Assert.Equal("matches", e.ParamName);
    }

    [Fact]
    public void Cut_PageSizeBelowOne_ThrowsArgumentOutOfRange()
    {
        Assert.Equal("pageSize", Assert.Throws<ArgumentOutOfRangeException>(() => CaseListingPage.Cut([], 0)).ParamName);
    }
}

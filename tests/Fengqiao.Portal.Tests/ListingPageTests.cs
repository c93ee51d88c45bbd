using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fengqiao.Portal.Tests;

// The worklist and dashboard read the store's listing port; each test class gets a fresh SQLite file.
public sealed partial class ListingPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static int phones;

    [GeneratedRegex("name=\"__fengqiao_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("data-case=\"([^\"]+)\"")]
    private static partial Regex CaseRow();

    [GeneratedRegex("id=\"next-page\" href=\"([^\"]+)\"")]
    private static partial Regex NextPage();

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> ReportAsync(HttpClient client, string grid = "yashan-grid-02")
    {
        var response = await client.PostAsJsonAsync("/api/reports", new { category = "livelihood", grid, text = "路面坑洼", phone = $"1371234{Interlocked.Increment(ref phones):0000}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString()!;
    }

    private static async Task SignInAsync(HttpClient client, string member)
    {
        var html = await client.GetStringAsync("/staff/signin");
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        var response = await client.PostAsync("/staff/signin", new FormUrlEncodedContent([new("member", member), new("__fengqiao_token", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Worklist_MoreThanAPage_NextPageLinkShowsTheRest()
    {
        var client = Client();
        var codes = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            codes.Add(await ReportAsync(client));
        }

        var unit = (await factory.County.Desk.FindByQueryCodeAsync(QueryCode.Parse(codes[0])))!.HoldingUnit!.Value;
        var member = factory.County.Tree.Get(unit).Members[0];
        await SignInAsync(client, $"{unit.Value}|{member.Id.Value}");

        var first = await client.GetStringAsync("/staff");
        var firstIds = CaseRow().Matches(first).Select(m => m.Groups[1].Value).ToList();
        var next = NextPage().Match(first);
        Assert.Equal(20, firstIds.Count);
        Assert.True(next.Success, "a full first page links to the next");
        var second = await client.GetStringAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        var secondIds = CaseRow().Matches(second).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));
        var all = firstIds.Concat(secondIds).ToHashSet();
        foreach (var code in codes)
        {
            var c = await factory.County.Desk.FindByQueryCodeAsync(QueryCode.Parse(code));
            Assert.Contains(c!.Id.Value, all);
        }
    }

    [Fact]
    public async Task Worklist_ForgedPageLink_Returns400()
    {
        var client = Client();
        await SignInAsync(client, "street-yashan|yashan-dispatcher");

        var response = await client.GetAsync("/staff?after=not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bad page link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worklist_OtherUnit_DoesNotListTheCase()
    {
        var client = Client();
        var code = await ReportAsync(client);
        var c = (await factory.County.Desk.FindByQueryCodeAsync(QueryCode.Parse(code)))!;
        await SignInAsync(client, "dept-housing|housing-worker");

        var page = await client.GetStringAsync("/staff");

        Assert.DoesNotContain(c.Id.Value, CaseRow().Matches(page).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Dashboard_OpenCases_CountedPerTownshipFromTheListing()
    {
        var client = Client();
        await ReportAsync(client);
        var listing = (Fengqiao.Cases.Ports.ICaseListing)factory.Services.GetService(typeof(Fengqiao.Cases.Ports.ICaseListing))!;
        var total = (await listing.CountAsync(new Fengqiao.Cases.Ports.CaseListingQuery(), CancellationToken.None)).Total;
        await SignInAsync(client, "street-yashan|yashan-dispatcher");

        var page = await client.GetStringAsync("/staff/dashboard");

        Assert.Contains($"id=\"open\">{total}<", page, StringComparison.Ordinal);
        Assert.Matches($"<td>雅山街道[^<]*</td><td>{total}</td>", page);
    }
}

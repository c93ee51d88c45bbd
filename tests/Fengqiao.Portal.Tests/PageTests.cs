using System.Net;
using System.Text.RegularExpressions;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Portal.Tests;

public partial class PageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // Cookies (staff sign-in, antiforgery) are kept by the client, as a browser would.
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"__fengqiao_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("id=\"query-code\">([^<]+)<")]
    private static partial Regex QueryCodeField();

    // Posts a form the way the browser does: with the antiforgery token of the page the form is on.
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Key, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery field");
        return await client.PostAsync(action, Form([.. fields, ("__fengqiao_token", WebUtility.HtmlDecode(token.Groups[1].Value))]));
    }

    private async Task<Case> ReportAsync(HttpClient client, string text, string phone) => (await ReportWithCodeAsync(client, text, phone)).Case;

    private async Task<(Case Case, QueryCode Code)> ReportWithCodeAsync(HttpClient client, string text, string phone)
    {
        var reported = await PostFormAsync(client, "/", "/report", ("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", text), ("phone", phone));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var code = QueryCodeField().Match(await reported.Content.ReadAsStringAsync());
        Assert.True(code.Success, "the report page shows no query code");
        var parsed = QueryCode.Parse(WebUtility.HtmlDecode(code.Groups[1].Value));
        return ((await factory.County.Desk.FindByQueryCodeAsync(parsed))!, parsed);
    }

    [Fact]
    public async Task Staff_NotSignedIn_RedirectsToSignIn()
    {
        var response = await Client().GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/report")]
    [InlineData("/case/rate")]
    [InlineData("/staff/signin")]
    public async Task PagePost_WithoutAntiforgeryToken_Returns400(string action)
    {
        var client = Client();
        var before = await factory.Services.GetRequiredService<ICaseListing>().CountAsync(new CaseListingQuery(), CancellationToken.None);

        var response = await client.PostAsync(action, Form(("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", "无令牌"), ("phone", "13900000009"), ("member", "street-yashan|yashan-dispatcher")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("表单校验失败", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("fengqiao-staff=", StringComparison.Ordinal)));
        var after = await factory.Services.GetRequiredService<ICaseListing>().CountAsync(new CaseListingQuery(), CancellationToken.None);
        Assert.Equal(before.Total, after.Total);
    }

    [Fact]
    public async Task PagePost_ForgedToken_Returns400()
    {
        var client = Client();
        await client.GetStringAsync("/");

        var response = await client.PostAsync("/report", Form(("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", "伪造"), ("phone", "13900000008"), ("__fengqiao_token", "forged")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Pages_EveryPostForm_CarriesAntiforgeryToken()
    {
        var client = Client();
        var (_, code) = await ReportWithCodeAsync(client, "表单都带令牌", "13900000007");
        await PostFormAsync(client, "/staff/signin", "/staff/signin", ("member", "street-yashan|yashan-dispatcher"));

        foreach (var page in new[] { "/", "/staff/signin", "/staff", "/case?code=" + code })
        {
            var html = await client.GetStringAsync(page);
            var forms = Regex.Matches(html, "<form[^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
            Assert.All(forms, f => Assert.Contains("__fengqiao_token", f.Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Report_EmptyForm_Returns400WithTheFormAgain()
    {
        var response = await PostFormAsync(Client(), "/", "/report", ("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", ""), ("phone", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_NotAMember_Returns403()
    {
        var response = await PostFormAsync(Client(), "/staff/signin", "/staff/signin", ("member", "street-yashan|intruder"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Staff_Worklist_ShowsTheCaseIdNeverTheCitizensQueryCode()
    {
        var client = Client();
        var (c, code) = await ReportWithCodeAsync(client, "楼道堆放杂物", "13900000011");
        await PostFormAsync(client, "/staff/signin", "/staff/signin", ("member", "street-yashan|yashan-dispatcher"));

        var worklist = await client.GetStringAsync("/staff");
        var dashboard = await client.GetStringAsync("/staff/dashboard");

        Assert.Contains($"data-case=\"{c.Id.Value}\"", worklist, StringComparison.Ordinal);
        Assert.DoesNotContain(code.ToString(), worklist, StringComparison.Ordinal);
        Assert.DoesNotContain(code.ToString(), dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TheSameMatterTwice_TheSecondReceiptSaysItJoinedAndShowsItsOwnCode()
    {
        var client = Client();
        var (_, code) = await ReportWithCodeAsync(client, "同一件事：水管爆了", "13900000012");

        var again = await PostFormAsync(client, "/", "/report", ("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", "同一件事：水管爆了"), ("phone", "13900000012"));

        var html = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("id=\"joined\"", html, StringComparison.Ordinal);
        Assert.True(QueryCodeField().IsMatch(html), "the joined report's receipt shows no query code of its own");
        Assert.DoesNotContain(code.ToString(), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Act_OtherUnitsCase_Returns403AndChangesNothing()
    {
        var client = Client();
        var c = await ReportAsync(client, "路灯不亮", "13900000001");
        await PostFormAsync(client, "/staff/signin", "/staff/signin", ("member", "dept-housing|housing-worker"));

        var response = await PostFormAsync(client, "/staff", $"/staff/cases/{c.Id.Value}/claim");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CaseState.Dispatched, (await factory.County.Desk.FindAsync(c.Id))!.State);
    }

    [Fact]
    public async Task Act_RefusedInState_Returns409NamingPermittedActions()
    {
        var client = Client();
        var c = await ReportAsync(client, "井盖松动", "13900000002");
        await PostFormAsync(client, "/staff/signin", "/staff/signin", ("member", "street-yashan|yashan-dispatcher"));

        var response = await PostFormAsync(client, "/staff", $"/staff/cases/{c.Id.Value}/approve");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Approve", page, StringComparison.Ordinal);
        Assert.Contains("可进行的操作 Permitted next", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_UnknownAndMalformedCodes_Return404And400()
    {
        var client = Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/case?code=" + new QueryCodeGenerator().Next())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/case?code=%3Cscript%3E")).StatusCode);
    }
}

using System.Net;
using Fengqiao.Cases.CaseLifecycle;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fengqiao.Portal.Tests;

public class PageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task Staff_NotSignedIn_RedirectsToSignIn()
    {
        var response = await Client().GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_EmptyForm_Returns400WithTheFormAgain()
    {
        var response = await Client().PostAsync("/report", Form(("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", ""), ("phone", "")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_NotAMember_Returns403()
    {
        var response = await Client().PostAsync("/staff/signin", Form(("member", "street-yashan|intruder")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Act_OtherUnitsCase_Returns403AndChangesNothing()
    {
        var client = Client();
        var reported = await client.PostAsync("/report", Form(("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", "路灯不亮"), ("phone", "13900000001")));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var signIn = await client.PostAsync("/staff/signin", Form(("member", "dept-housing|housing-worker")));
        var cookie = signIn.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var all = await new CaseIndexProbe(factory).AllAsync();
        var c = all[^1];

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/staff/cases/{c.Id.Value}/claim") { Content = Form() };
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CaseState.Dispatched, (await factory.County.Desk.FindAsync(c.Id))!.State);
    }

    [Fact]
    public async Task Act_RefusedInState_Returns409NamingPermittedActions()
    {
        var client = Client();
        await client.PostAsync("/report", Form(("category", "livelihood"), ("grid", "yashan-grid-02"), ("text", "井盖松动"), ("phone", "13900000002")));
        var all = await new CaseIndexProbe(factory).AllAsync();
        var c = all[^1];
        var signIn = await client.PostAsync("/staff/signin", Form(("member", "street-yashan|yashan-dispatcher")));
        var cookie = signIn.Headers.GetValues("Set-Cookie").First().Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/staff/cases/{c.Id.Value}/approve") { Content = Form() };
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Approve", page, StringComparison.Ordinal);
        Assert.Contains("可进行的操作 Permitted next", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_UnknownAndMalformedCodes_Return404And400()
    {
        var client = Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/case?code=" + new Fengqiao.Cases.QueryCodes.QueryCodeGenerator().Next())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/case?code=%3Cscript%3E")).StatusCode);
    }

    private sealed class CaseIndexProbe(PortalFactory factory)
    {
        public Task<IReadOnlyList<Fengqiao.Cases.Case>> AllAsync() =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CaseIndex>(factory.Services).AllAsync(CancellationToken.None);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.QueryCodes;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Portal.Tests;

public class ApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static int phones;

    // A fresh reporter each time: the portal joins a repeat report of the same matter within its duplicate window.
    private static object Report => new { category = "livelihood", grid = "yashan-grid-02", text = "楼道灯坏了", phone = $"1381234{Interlocked.Increment(ref phones):0000}" };

    private async Task<string> ReportAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/reports", Report);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString()!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task PostReports_ValidReport_Returns201WithQueryCodeAndDue()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/reports", Report);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = QueryCode.Parse(body.GetProperty("queryCode").GetString()!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("due").GetString()!);
        var c = await factory.County.Desk.FindByQueryCodeAsync(code);
        Assert.Equal(CaseState.Dispatched, c!.State);
        Assert.Equal($"/api/cases/{code}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PostReports_TheSameMatterAgain_JoinsTheCaseWithItsOwnCodeWhichFollowsButDoesNotRate()
    {
        var client = factory.CreateClient();
        var report = new { category = "livelihood", grid = "yashan-grid-02", text = "同一件事：楼道灯坏了", phone = "13812399999" };
        var first = await client.PostAsJsonAsync("/api/reports", report);
        var code = QueryCode.Parse((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString()!);

        var again = await client.PostAsJsonAsync("/api/reports", report);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        var joinedCode = QueryCode.Parse(body.GetProperty("queryCode").GetString()!);
        Assert.NotEqual(code, joinedCode);
        Assert.True(body.GetProperty("joinedExisting").GetBoolean());
        Assert.DoesNotContain(code.ToString(), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var c = (await factory.County.Desk.FindByQueryCodeAsync(code))!;
        Assert.Single(c.JoinedReports);

        var view = await (await client.GetAsync($"/api/cases/{joinedCode}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(joinedCode.ToString(), view.GetProperty("queryCode").GetString());
        Assert.True(view.GetProperty("isJoinedReport").GetBoolean());
        Assert.False(view.GetProperty("canRate").GetBoolean());
        Assert.Equal(c.Id, (await factory.County.Desk.FindByQueryCodeAsync(joinedCode))?.Id);
    }

    [Fact]
    public async Task GetCase_TheCodeAsTyped_ShowsTheCodeInItsCanonicalFormAndNoDigest()
    {
        var client = factory.CreateClient();
        var code = QueryCode.Parse(await ReportAsync(client));
        var typed = code.ToString().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

        var response = await client.GetAsync($"/api/cases/{typed}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var c = (await factory.County.Desk.FindByQueryCodeAsync(code))!;
        Assert.Equal(code.ToString(), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString());
        Assert.DoesNotContain(c.QueryCodeDigest.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReports_MissingFields_Returns400NamingEach()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/reports", new { category = "livelihood" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("grid", out _));
        Assert.True(errors.TryGetProperty("text", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.False(errors.TryGetProperty("category", out _));
    }

    [Theory]
    [InlineData("{\"category\": ", "application/json")]
    [InlineData("category=livelihood", "application/x-www-form-urlencoded")]
    public async Task PostReports_NotJson_Returns400(string body, string mediaType)
    {
        var response = await factory.CreateClient().PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, mediaType));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostReports_BadPhoneAndChannel_Returns400NamingThem()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/reports",
            new { category = "livelihood", grid = "yashan-grid-02", text = "x", phone = "call me", channel = "pigeon" });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("call me", errors.GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("pigeon", errors.GetProperty("channel")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReports_CategoryNotInProfile_Returns400WithReason()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/reports",
            new { category = "ufo-sighting", grid = "yashan-grid-02", text = "x", phone = "13812345678" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("ufo-sighting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_KnownCode_ReturnsCitizenViewWithoutPersonalData()
    {
        var client = factory.CreateClient();
        var code = await ReportAsync(client);

        var response = await client.GetAsync($"/api/cases/{code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, view.GetProperty("queryCode").GetString());
        Assert.Equal("dispatched", view.GetProperty("state").GetString());
        Assert.Equal(["registered", "accepted", "dispatched"], view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("state").GetString()));
        Assert.DoesNotContain("1381234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("楼道灯", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_UnknownCode_Returns404()
    {
        var unknown = new QueryCodeGenerator().Next().ToString();

        await ProblemAsync(await factory.CreateClient().GetAsync($"/api/cases/{unknown}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetCase_MalformedCode_Returns400()
    {
        var problem = await ProblemAsync(await factory.CreateClient().GetAsync("/api/cases/not-a-code"), HttpStatusCode.BadRequest);

        Assert.Contains("not-a-code", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRating_BeforeAnswer_Returns409WithPermittedNextActions()
    {
        var client = factory.CreateClient();
        var code = await ReportAsync(client);

        var response = await client.PostAsJsonAsync($"/api/cases/{code}/rating", new { rating = "satisfied" });

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Dispatched", problem.GetProperty("state").GetString());
        // The citizen's permitted next actions are the citizen's own: withdrawing, not staff work.
        Assert.Equal(["Withdraw"], problem.GetProperty("permittedNextActions").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("{\"rating\": \"great\"}")]
    [InlineData("{\"rating\": 3")]
    public async Task PostRating_MalformedRating_Returns400(string body)
    {
        var client = factory.CreateClient();
        var code = await ReportAsync(client);

        var response = await client.PostAsync($"/api/cases/{code}/rating", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostRating_UnknownCode_Returns404()
    {
        var unknown = new QueryCodeGenerator().Next().ToString();

        var response = await factory.CreateClient().PostAsJsonAsync($"/api/cases/{unknown}/rating", new { rating = "satisfied" });

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostRating_UnsatisfiedAfterAnswer_Returns200AndReopensAbove()
    {
        var client = factory.CreateClient();
        var code = QueryCode.Parse(await ReportAsync(client));
        var desk = factory.County.Desk;
        var c = (await desk.FindByQueryCodeAsync(code))!;
        var worker = factory.WorkerOf(c);
        await desk.ClaimAsync(c.Id, worker);
        await desk.StartAsync(c.Id, worker);
        await desk.ResolveAsync(c.Id, worker, "已修好");
        await desk.SubmitForReviewAsync(c.Id, worker);
        await desk.ApproveAsync(c.Id, CaseActor.Staff(new("yashan-dispatcher"), new("street-yashan")));

        var response = await client.PostAsJsonAsync($"/api/cases/{code}/rating", new { rating = "unsatisfied" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("escalated", view.GetProperty("state").GetString());
        Assert.Equal(new Fengqiao.Cases.Organisation.OrgUnitId("street-yashan"), (await desk.FindAsync(c.Id))!.HoldingUnit);
    }

    [Fact]
    public async Task PostDevClockAdvance_FourWorkingDays_SweepsAndEscalatesOverdueCase()
    {
        var client = factory.CreateClient();
        var code = QueryCode.Parse(await ReportAsync(client));

        var response = await client.PostAsJsonAsync("/api/dev/clock/advance", new { by = "4 working days" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var c = await factory.County.Desk.FindByQueryCodeAsync(code);
        Assert.True(c!.EscalationCount >= 1);
        Assert.True(c.HasBeenOverdue);
    }

    [Fact]
    public async Task PostDevClockAdvance_Nonsense_Returns400()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/dev/clock/advance", new { by = "a fortnight-ish" });

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetHealth_FreshPortal_ReportsTheFengqiaoCheck()
    {
        var expected = (await factory.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync()).Status;

        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, expected);
        Assert.Equal(expected.ToString(), await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Portal.Tests;

// Fengqiao:CitizenView:ShowStaffNames: staff names reach the citizen only when the county says so.
public sealed class CitizenViewOptionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static int phones;

    private async Task<(string Code, string WorkerName)> ClaimedCaseAsync()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/reports", new { category = "livelihood", grid = "yashan-grid-02", text = "垃圾未清运", phone = $"1361234{Interlocked.Increment(ref phones):0000}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString()!;
        var c = (await factory.County.Desk.FindByQueryCodeAsync(QueryCode.Parse(code)))!;
        var worker = factory.WorkerOf(c);
        await factory.County.Desk.ClaimAsync(c.Id, worker);
        return (code, factory.County.Tree.Get(c.HoldingUnit!.Value).Members.First(m => m.Id == worker.Id).Name);
    }

    [Fact]
    public async Task CitizenView_Default_ShowsNoStaffNames()
    {
        var (code, name) = await ClaimedCaseAsync();
        var client = factory.CreateClient();

        var json = await client.GetStringAsync($"/api/cases/{code}");
        var page = await client.GetStringAsync($"/case?code={code}");

        var view = JsonDocument.Parse(json).RootElement;
        Assert.True(!view.TryGetProperty("handledBy", out var handledBy) || handledBy.ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain(name, json, StringComparison.Ordinal);
        Assert.DoesNotContain(name, page, StringComparison.Ordinal);
        Assert.DoesNotContain("handled-by", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CitizenView_ShowStaffNamesOn_NamesTheWorkerInJsonAndPage()
    {
        var (code, name) = await ClaimedCaseAsync();
        using var allowing = factory.WithWebHostBuilder(b => b.UseSetting("Fengqiao:CitizenView:ShowStaffNames", "true"));
        var client = allowing.CreateClient();

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{code}");
        var page = await client.GetStringAsync($"/case?code={code}");

        Assert.Equal(name, view.GetProperty("handledBy").GetString());
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), e => e.TryGetProperty("staffName", out var s) && s.GetString() == name);
        Assert.Contains($"id=\"handled-by\">{WebUtility.HtmlEncode(name)}<", page, StringComparison.Ordinal);
    }
}

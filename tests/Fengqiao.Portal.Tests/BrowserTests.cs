using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.QueryCodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Fengqiao.Portal.Tests;

// The whole path in Debian's Chromium (never skipped: .ci/run installs it): a citizen reports, a worker claims and
// answers, the street approves, the citizen rates unsatisfied, the case reopens above, the clock advances, the sweep
// escalates and the dashboard shows it. One screenshot per page under the test output's screenshots/ folder.
#pragma warning disable CA1001 // xunit disposes the factory through IAsyncLifetime.DisposeAsync.
public sealed class BrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private readonly PortalFactory factory = new();
    private readonly string userData = Path.Combine(Path.GetTempPath(), $"fengqiao-chromium-{Guid.NewGuid():N}");
    private readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private IPlaywright? playwright;
    private IBrowserContext? browser;
    private int shot;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does this).");
        Directory.CreateDirectory(shots);
        factory.UseKestrel(0);
        factory.StartServer();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchPersistentContextAsync(userData, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            BaseURL = BaseAddress(),
            Locale = "zh-CN",
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await factory.DisposeAsync();
        if (Directory.Exists(userData))
        {
            Directory.Delete(userData, recursive: true);
        }
    }

    private string BaseAddress()
    {
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{++shot:00}-{name}.png"), FullPage = true });

    [Fact]
    public async Task Portal_CitizenToEscalation_WholePathInChromium()
    {
        var page = await browser!.NewPageAsync();

        // A citizen reports and gets a query code and a deadline.
        await page.GotoAsync("/");
        await page.SelectOptionAsync("#category", "livelihood");
        await page.SelectOptionAsync("#grid", "yashan-grid-02");
        await page.FillAsync("#text", "小区路灯坏了一个星期");
        await page.FillAsync("#phone", "13912345678");
        await ShotAsync(page, "report-form");
        await page.ClickAsync("#submit-report");
        var code = QueryCode.Parse((await page.TextContentAsync("#query-code"))!.Trim());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d$", (await page.TextContentAsync("#due"))!);
        await ShotAsync(page, "query-code");

        // The community's worker signs in, claims and answers.
        await page.GotoAsync("/staff/signin");
        await page.SelectOptionAsync("#member", "yashan-community-2|yashan-community-2-worker");
        await page.ClickAsync("#sign-in");
        var id = (await factory.County.Desk.FindByQueryCodeAsync(code))!.Id;
        var row = page.Locator($"tr[data-case='{id}']");
        await ShotAsync(page, "worklist");
        await row.Locator("button[data-action='claim']").ClickAsync();
        await row.Locator("input[name='text']").First.FillAsync("已更换灯泡，路灯恢复照明");
        await row.Locator("button[data-action='answer']").ClickAsync();
        await ShotAsync(page, "worklist-answered");

        // The street's dispatcher (reviewer) approves the answer.
        await page.GotoAsync("/staff/signin");
        await page.SelectOptionAsync("#member", "street-yashan|yashan-dispatcher");
        await page.ClickAsync("#sign-in");
        await page.Locator($"tr[data-case='{id}'] button[data-action='approve']").ClickAsync();

        // The citizen looks the case up and rates the answer unsatisfied: it reopens above, at the street.
        await page.GotoAsync($"/case?code={code}");
        Assert.Contains("已更换灯泡", await page.TextContentAsync("#reply"), StringComparison.Ordinal);
        await ShotAsync(page, "citizen-rating");
        await page.ClickAsync("#rate-unsatisfied");
        Assert.Contains("已上报 Escalated", await page.TextContentAsync("#state"), StringComparison.Ordinal);
        await ShotAsync(page, "citizen-reopened");
        var desk = factory.County.Desk;
        var reopened = (await desk.FindByQueryCodeAsync(code))!;
        Assert.Equal(new Fengqiao.Cases.Organisation.OrgUnitId("street-yashan"), reopened.HoldingUnit);

        // The clock advances four working days; the sweep escalates the case again.
        var advanced = await page.APIRequest.PostAsync("/api/dev/clock/advance", new APIRequestContextOptions { DataObject = new { by = "4 working days" } });
        Assert.Equal(200, advanced.Status);
        var swept = (await desk.FindByQueryCodeAsync(code))!;
        Assert.True(swept.EscalationCount > reopened.EscalationCount);
        Assert.Equal(CaseState.Escalated, swept.State);

        // The dashboard shows it among the escalations, and the township's overdue count.
        await page.GotoAsync("/staff/dashboard");
        var escalation = page.Locator("#escalations tr.escalated", new PageLocatorOptions { HasText = id.Value });
        Assert.DoesNotContain(code.ToString(), await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await escalation.CountAsync());
        Assert.Contains(swept.EscalationCount.ToString(System.Globalization.CultureInfo.InvariantCulture), await escalation.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("雅山街道", await page.TextContentAsync("#townships"), StringComparison.Ordinal);
        Assert.NotEqual("0", await page.TextContentAsync("#overdue"));
        await ShotAsync(page, "dashboard");
    }
}

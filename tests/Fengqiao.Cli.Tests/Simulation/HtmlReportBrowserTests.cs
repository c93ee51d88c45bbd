using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;
using Microsoft.Playwright;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>
/// The simulation's HTML report in Debian's Chromium (never skipped: .ci/run installs it), with CJK text: each diagram
/// label fits its box as the browser renders it, the published-vs-simulated chart and the township table are there, and
/// a section without data says why. A screenshot of each report is saved under the test output's screenshots/ folder.
/// </summary>
public sealed class HtmlReportBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private readonly string folder = Directory.CreateTempSubdirectory("fengqiao-report-").FullName;
    private readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does this).");
        Directory.CreateDirectory(shots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("yumen.yaml", true)]
    [InlineData("baiyin.yaml", false)]
    public async Task Render_InChromium_LabelsFitTheirBoxesAndEverySectionShowsDataOrSaysWhy(string file, bool mediates)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));
        var report = await CountySimulation.RunAsync(profile, new SimulationOptions(8, 30, 1) { Store = SimulationStore.Memory });
        var path = Path.Combine(folder, Path.ChangeExtension(file, ".html"));
        await File.WriteAllTextAsync(path, HtmlReport.Render(report));
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"simulation-report-{Path.GetFileNameWithoutExtension(file)}.png"), FullPage = true });

        // Every label in the lifecycle and ladder diagrams, as rendered, lies inside the box drawn for it.
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('svg[aria-label^="Case lifecycle"], svg[aria-label^="Escalation ladder"]')]
              .flatMap(svg => [...svg.querySelectorAll('text[text-anchor="middle"]')].map(t => {
                const r = t.previousElementSibling, b = t.getBBox();
                const x = +r.getAttribute('x'), w = +r.getAttribute('width');
                return b.x >= x && b.x + b.width <= x + w ? null : `${t.textContent} (${b.width.toFixed(0)} px in ${w} px)`;
              }).filter(s => s !== null))
            """);
        var labels = await page.EvaluateAsync<int>("() => document.querySelectorAll('svg[aria-label^=\"Escalation ladder\"] text[text-anchor=\"middle\"]').length");
        var cjkWidth = await page.EvaluateAsync<double>("() => { const t = [...document.querySelectorAll('svg[aria-label^=\"Escalation ladder\"] text[text-anchor=\"middle\"]')][0]; return t.getBBox().width / t.textContent.length; }");
        var townshipRows = await page.Locator("h2:has-text('Per township') + table tr").CountAsync();
        var mediation = await page.Locator("h2:has-text('Mediation outcomes') + *").First.EvaluateAsync<string>("e => e.tagName + ' ' + e.textContent");

        Assert.Empty(overflowing);
        Assert.Equal(profile.Ladder.Levels.Length, labels);
        Assert.InRange(cjkWidth, 5, 14);
        Assert.True(await page.Locator("svg[aria-label='Published vs simulated']").CountAsync() == 1);
        Assert.True(townshipRows > 1, $"{townshipRows} township rows");
        if (mediates)
        {
            Assert.StartsWith("svg", mediation, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Contains("the profile names no mediation bodies", mediation, StringComparison.Ordinal);
        }

        Assert.True(new FileInfo(Path.Combine(shots, $"simulation-report-{Path.GetFileNameWithoutExtension(file)}.png")).Length > 10_000);
    }
}

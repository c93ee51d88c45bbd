using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cli.Simulation;
using Fengqiao.Escalation.Ladders;
using NodaTime;

namespace Fengqiao.Cli.Tests.Simulation;

public class HtmlReportTests
{
    private static SimulationReport Sample() => new()
    {
        County = "测试县 <Test>",
        Days = 2,
        CasesPerDay = 10,
        Seed = 7,
        Indicators = [new Indicator("Accepted", "受理量", "20"), new Indicator("Completion rate", "办结率", "95.0%")],
        Daily =
        [
            new DailyFigures(new LocalDate(2025, 11, 3), 10, 4, 5, 1, 0),
            new DailyFigures(new LocalDate(2025, 11, 4), 10, 12, 2, 1, 1),
        ],
        ResolutionLevels = [new Share("grid 网格", 12), new Share("street 街道", 4)],
        MediationOutcomes = [new Share("agreement 达成协议", 3), new Share("failure 调解不成", 1)],
        SlowestCategories = [new CategoryTime("dispute", Duration.FromDays(3), 5)],
        LifecycleSvg = Diagrams.Lifecycle(CaseLifecycles.Default.Describe()),
        LadderSvg = Diagrams.Ladder(BuiltInLadders.Baiyin),
    };

    [Fact]
    public void Render_IsSelfContained_NoScriptsNoExternalResources()
    {
        var html = HtmlReport.Render(Sample());

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.DoesNotContain("@import", html);
    }

    [Fact]
    public void Render_HasTheTableAndEveryChart()
    {
        var html = HtmlReport.Render(Sample());

        Assert.Contains("<td>办结率</td><td>95.0%</td>", html);
        Assert.Contains("测试县 &lt;Test&gt;", html);
        Assert.Equal(6, CountOf(html, "<svg "));
        Assert.Contains("Registered 登记", html);
        Assert.Contains("市政法委书记", html);
        Assert.Contains("grid 网格", html);
    }

    [Fact]
    public void LifecycleDiagram_DrawsEveryLeafState()
    {
        var svg = Diagrams.Lifecycle(CaseLifecycles.Default.Describe());

        foreach (var state in CaseLifecycles.Default.Describe().States.Where(s => s.Substates.Count == 0))
        {
            Assert.Contains(state.Label, svg);
        }
    }

    [Fact]
    public void LifecycleDiagram_OrdersItsLayers_CrossingFewerEdgesThanTheStatesOrder()
    {
        var description = CaseLifecycles.Default.Describe();
        var (nodes, edges) = Diagrams.LifecycleGraph(description);

        var given = SvgCharts.Crossings(nodes, edges, [.. nodes.GroupBy(n => n.Layer).OrderBy(g => g.Key).Select(g => g.Select(n => n.Id).ToList())]);
        var ordered = SvgCharts.Crossings(nodes, edges, SvgCharts.OrderLayers(nodes, edges));

        Assert.True(ordered < given, $"ordered {ordered}, in the states' order {given}");
    }

    [Fact]
    public void LayeredGraph_LongLabels_GetBoxesWideEnoughForThem()
    {
        var label = "包抓乡镇(街道)县级领导 county leader in charge of the township";
        var svg = SvgCharts.LayeredGraph([("a", label, 0), ("b", "short", 1)], [("a", "b")], "test");

        var width = int.Parse(System.Text.RegularExpressions.Regex.Match(svg, "<rect [^>]*width=\"([0-9]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(width >= SvgCharts.TextWidth(label, 12), $"box {width} px for a {SvgCharts.TextWidth(label, 12)} px label");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void Render_ProfileWithoutMediationBodies_SaysWhyInsteadOfAnEmptyChart()
    {
        var report = Sample() with { MediationOutcomes = [new Share("agreement 达成协议", 0), new Share("failure 调解不成", 0)], HasMediationBodies = false };

        var html = HtmlReport.Render(report);

        var section = html[html.IndexOf("Mediation outcomes 调解结果", StringComparison.Ordinal)..html.IndexOf("Per township", StringComparison.Ordinal)];
        Assert.Contains("the profile names no mediation bodies", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PublishedFigures_ShowsPublishedBesideSimulatedWithTheDifferenceAndAChart()
    {
        var report = Sample() with
        {
            Published =
            [
                new PublishedComparison("completion-rate", "Completion rate", "办结率", 97.5, 99.38, false, false, "訴求辦結率達99.38%", "2023-09-11"),
                new PublishedComparison("police-on-site", "Police calls mediated on site", "警调现场调解", 150, 129, true, false, "现场调解129起", "2025"),
            ],
            Townships = [new AreaRow("雅山街道", 10, 8, 7, 6, 7)],
        };

        var html = HtmlReport.Render(report);

        Assert.Contains("Published vs simulated 公开数据对照", html, StringComparison.Ordinal);
        Assert.Contains("<td>99.38%</td><td>97.5%</td><td>-1.88</td><td>✓</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>129</td><td>150</td><td>+21</td><td>✗</td>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Published vs simulated\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>雅山街道</td><td>10</td><td>8</td><td>87.50%</td><td>85.71%</td>", html, StringComparison.Ordinal);
    }
}

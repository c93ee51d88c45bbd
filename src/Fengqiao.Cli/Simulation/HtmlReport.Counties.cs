using System.Globalization;
using System.Text;

namespace Fengqiao.Cli.Simulation;

/// <content>The county sections of the HTML report: published beside simulated (table and chart), mediation success
/// by body and route, the township table and the week-over-week trends.</content>
internal static partial class HtmlReport
{
    private static void Published(StringBuilder sb, SimulationReport report)
    {
        sb.Append("<h2>Published vs simulated 公开数据对照</h2>\n");
        if (report.Published.Count == 0)
        {
            sb.Append("<p class=\"muted\">The profile publishes no figures (no <code>published:</code> section), so there is nothing to compare with.</p>\n");
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Tolerance: ±{PublishedFigures.RateTolerance} percentage points for a rate, ±{PublishedFigures.CountTolerance:P0} for a count (counts scaled to the county's volume and period, docs/indicators.md).</p>\n");
        sb.Append("<table><tr><th>指标 Indicator</th><th>Published</th><th>Simulated</th><th>Difference</th><th>Within</th><th>Quote (date)</th></tr>\n");
        foreach (var p in report.Published)
        {
            var unit = p.IsCount ? "" : "%";
            sb.Append("<tr><td>").Append(Esc($"{p.Chinese} {p.Key}")).Append("</td><td>").Append(Esc((p.AtLeast ? "≥ " : "") + N(p.Published) + unit))
              .Append("</td><td>").Append(Esc(p.Simulated is { } s ? N(s) + unit : "—")).Append("</td><td>")
              .Append(Esc(p.Difference is { } d ? d.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) : "—")).Append("</td><td>")
              .Append(p.Within ? "✓" : "✗").Append("</td><td>").Append(Esc($"“{p.Quote}” ({p.Date})")).Append("</td></tr>\n");
        }

        sb.Append("</table>\n").Append(PublishedChart(report.Published));
    }

    /// <summary>One row per figure: the published value and the simulated one as bars on the figure's own scale
    /// (0–100 % for a rate, 0 to the larger value for a count).</summary>
    private static string PublishedChart(IReadOnlyList<PublishedComparison> figures)
    {
        const int width = 760, left = 300, barWidth = 400, rowHeight = 44, top = 30;
        var height = top + (rowHeight * figures.Count) + 10;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Published vs simulated\">");
        sb.Append("<text x=\"0\" y=\"16\" font-size=\"13\">Published (grey) vs simulated (blue) 公开 vs 模拟</text>");
        for (var i = 0; i < figures.Count; i++)
        {
            var p = figures[i];
            var max = p.IsCount ? Math.Max(1, Math.Max(p.Published, p.Simulated ?? 0)) : 100.0;
            var y = top + (i * rowHeight);
            var label = $"{p.Chinese} {p.Key}";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 22}\" font-size=\"12\" textLength=\"{Math.Min(left - 10, label.Sum(c => c >= 0x2E80 ? 12 : 7))}\" lengthAdjust=\"spacingAndGlyphs\">{Esc(label)}</text>");
            Bar(sb, left, y + 4, barWidth * p.Published / max, "#999", N(p.Published));
            Bar(sb, left, y + 22, barWidth * (p.Simulated ?? 0) / max, p.Within ? "#2e86c1" : "#c0392b", p.Simulated is { } s ? N(s) : "—");
        }

        return sb.Append("</svg>\n").ToString();
    }

    private static void Bar(StringBuilder sb, int x, int y, double length, string colour, string text) =>
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{Math.Max(0, length):0.#}\" height=\"16\" fill=\"{colour}\"/><text x=\"{x + Math.Max(0, length) + 4:0.#}\" y=\"{y + 13}\" font-size=\"11\">{Esc(text)}</text>");

    private static void Mediation(StringBuilder sb, SimulationReport report)
    {
        sb.Append("\n<h2>Mediation outcomes 调解结果</h2>\n");
        if (report.MediationOutcomes.Sum(s => s.Count) == 0)
        {
            sb.Append("<p class=\"muted\">No mediation in this run: ")
              .Append(report.HasMediationBodies
                  ? "no dispute reached a mediation body (none suited mediation, or no mediator was free)."
                  : "the profile names no mediation bodies (no <code>mediation:</code> section), so its disputes are handled by the units.")
              .Append("</p>\n");
            return;
        }

        sb.Append(SvgCharts.Shares(report.MediationOutcomes, "Mediation outcomes"));
        if (report.MediationSuccess.Count > 0)
        {
            sb.Append("<table><tr><th>By</th><th>Body kind / route</th><th>Agreements</th><th>Concluded</th><th>调解成功率</th></tr>\n");
            foreach (var row in report.MediationSuccess)
            {
                sb.Append("<tr><td>").Append(Esc(row.By)).Append("</td><td>").Append(Esc(row.Key)).Append("</td><td>")
                  .Append(row.Agreements.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(row.Concluded.ToString(CultureInfo.InvariantCulture))
                  .Append("</td><td>").Append(Esc(Pct(row.Rate))).Append("</td></tr>\n");
            }

            sb.Append("</table>\n");
        }
    }

    private static void Townships(StringBuilder sb, SimulationReport report)
    {
        sb.Append("\n<h2>Per township 各乡镇（街道）</h2>\n");
        if (report.Townships.Count == 0)
        {
            sb.Append("<p class=\"muted\">No reports were made, so there is no township to show.</p>\n");
            return;
        }

        sb.Append("<table><tr><th>Township 乡镇（街道）</th><th>Received 受理</th><th>Closed 办结</th><th>On time 按期</th><th>Satisfied 满意</th></tr>\n");
        foreach (var row in report.Townships)
        {
            sb.Append("<tr><td>").Append(Esc(row.Name)).Append("</td><td>").Append(row.Received.ToString(CultureInfo.InvariantCulture))
              .Append("</td><td>").Append(row.Closed.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Esc(Pct(row.OnTimeRate)))
              .Append("</td><td>").Append(Esc(Pct(row.SatisfactionRate))).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
        if (report.Trends.Count > 0)
        {
            sb.Append("<h3>Week over week 周环比（两升两降）</h3>\n<table><tr><th>指标</th><th>Week before</th><th>Last week</th><th></th></tr>\n");
            foreach (var trend in report.Trends)
            {
                sb.Append("<tr><td>").Append(Esc($"{trend.Chinese} {trend.Key}")).Append("</td><td>").Append(Esc(trend.Before is { } b ? N(b) : "—"))
                  .Append("</td><td>").Append(Esc(trend.After is { } a ? N(a) : "—")).Append("</td><td>").Append(Esc(trend.Direction)).Append("</td></tr>\n");
            }

            sb.Append("</table>\n");
        }
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Pct(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";
}

using System.Globalization;
using System.Text;

namespace Fengqiao.Cli.Simulation;

/// <summary>The table counties publish, as plain text for the terminal; the same seed prints the same table.</summary>
internal static class TextReport
{
    public static string Render(SimulationReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{report.County} — {report.Days} days × {report.CasesPerDay} reports/day, seed {report.Seed}\n\n");
        var width = report.Indicators.Max(i => i.Name.Length + i.Chinese.Length + 3);
        foreach (var indicator in report.Indicators)
        {
            var label = $"{indicator.Name} {indicator.Chinese}";
            sb.Append(label).Append(' ', Math.Max(1, width - DisplayWidth(label) + 2)).Append(indicator.Value).Append('\n');
        }

        if (report.DrainDays > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n(after the last report, {report.DrainDays} drain days without new reports let open work finish)\n");
        }

        if (report.Published.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nPublished by the county 公开数据 (tolerance: {PublishedFigures.RateTolerance} percentage points for a rate, {PublishedFigures.CountTolerance:P0} for a count):\n");
            foreach (var p in report.Published)
            {
                var unit = p.IsCount ? "" : "%";
                var simulated = p.Simulated is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + unit : "—";
                var difference = p.Difference is { } d ? d.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) : "—";
                sb.Append(CultureInfo.InvariantCulture,
                    $"  {p.Chinese} {p.Key}: simulated {simulated}, published {(p.AtLeast ? "≥ " : "")}{p.Published.ToString("0.##", CultureInfo.InvariantCulture)}{unit} ({p.Date}), difference {difference} — {(p.Within ? "within" : "OUTSIDE")} tolerance\n");
            }
        }

        if (report.MediationSuccess.Count > 0)
        {
            sb.Append("\nMediation success by body and route 调解成功率（按组织/渠道）:\n");
            foreach (var row in report.MediationSuccess)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {row.By} {row.Key}: {row.Agreements}/{row.Concluded} ({(row.Rate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—")})\n");
            }
        }

        if (report.Townships.Count > 0)
        {
            sb.Append("\nPer township 各乡镇（街道）: received / closed / on time / satisfied\n");
            foreach (var row in report.Townships)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {row.Name}: {row.Received} / {row.Closed} / {Pct(row.OnTimeRate)} / {Pct(row.SatisfactionRate)}\n");
            }
        }

        if (report.Trends.Count > 0)
        {
            sb.Append("\nWeek over week 周环比 (两升两降):\n");
            foreach (var trend in report.Trends)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {trend.Chinese} {trend.Key}: {Num(trend.Before)} → {Num(trend.After)} {trend.Direction}\n");
            }
        }

        sb.Append("\nResolved at each level 办结层级:\n");
        var total = Math.Max(1, report.ResolutionLevels.Sum(s => s.Count));
        foreach (var share in report.ResolutionLevels)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {share.Label}: {share.Count} ({100.0 * share.Count / total:0.0}%)\n");
        }

        sb.Append("\nSlowest categories 办理最慢的类别:\n");
        foreach (var category in report.SlowestCategories)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {category.Category}: {HtmlReport.Format(category.Average)} over {category.Cases} cases\n");
        }

        if (report.Refusals.Count > 0)
        {
            sb.Append("\nRefused desk calls (simulated staff doing something the rules forbid):\n");
            foreach (var refusal in report.Refusals.Take(5))
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {refusal.Count} × {refusal.Label}\n");
            }
        }

        return sb.ToString();
    }

    private static string Pct(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Num(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    private static int DisplayWidth(string text) => text.Sum(c => c >= 0x2E80 ? 2 : 1);
}

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

    private static int DisplayWidth(string text) => text.Sum(c => c >= 0x2E80 ? 2 : 1);
}

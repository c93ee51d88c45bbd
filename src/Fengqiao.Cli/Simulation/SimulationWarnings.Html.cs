using System.Globalization;
using System.Net;
using System.Text;
using Fengqiao.EarlyWarning.Index;

namespace Fengqiao.Cli.Simulation;

/// <content>The early-warning section of the HTML report: the 平安指数 per township over time (one coloured cell per
/// township and day, value inside), the level shares, the warning letters and the warnings raised. Kept in its own
/// file and appended by <see cref="HtmlReport.Render"/> as one section.</content>
internal sealed partial class SimulationWarnings
{
    private static readonly Dictionary<SafetyLevel, string> Colours = new()
    {
        [SafetyLevel.Green] = "#d5f0dd",
        [SafetyLevel.Yellow] = "#fbf1c7",
        [SafetyLevel.Orange] = "#f8d2a8",
        [SafetyLevel.Red] = "#f2b8b0",
    };

    /// <summary>Renders the section (an <c>&lt;h2&gt;</c> and what follows), self-contained, no scripts.</summary>
    public string RenderHtml()
    {
        Finish();
        var sb = new StringBuilder();
        sb.Append("\n<section id=\"early-warning\">\n<h2>Early warning 预警 and 平安指数</h2>\n");
        if (days.Count > 0)
        {
            var shares = LevelShares();
            sb.Append(Inv($"<p>平安指数 per township at the end of each simulated day (0–100). Township-days: green {shares[SafetyLevel.Green]:P0}, yellow {shares[SafetyLevel.Yellow]:P0}, orange {shares[SafetyLevel.Orange]:P0}, red {shares[SafetyLevel.Red]:P0}"));
            sb.Append(VolumeScale == 1.0 ? "." : Inv($"; populations and counted thresholds scaled ×{VolumeScale:0.##} to the run's volume."));
            sb.Append("</p>\n<div style=\"overflow-x:auto\"><table class=\"index\" style=\"font-size:11px\"><tr><th>township</th>");
            foreach (var day in days)
            {
                sb.Append("<th>").Append(day.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).Append("</th>");
            }

            sb.Append("</tr>\n");
            foreach (var township in days[^1].Townships.Select(t => t.Township))
            {
                sb.Append("<tr><th>").Append(Esc(township.Value)).Append("</th>");
                foreach (var day in days)
                {
                    if (day.Townships.FirstOrDefault(t => t.Township == township) is { } t)
                    {
                        sb.Append("<td style=\"background:").Append(Colours[t.Level]).Append("\" title=\"")
                          .Append(Esc(string.Join(", ", t.Indicators.Select(i => Inv($"{i.Key} {i.Value:0.##}"))))).Append("\">")
                          .Append(t.Value.ToString("0", CultureInfo.InvariantCulture)).Append("</td>");
                    }
                    else
                    {
                        sb.Append("<td></td>");
                    }
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</table></div>\n");
            var letters = days.SelectMany(d => d.Letters).ToList();
            sb.Append(Inv($"<h3>Warning letters 工作提示函: {letters.Count}</h3>\n"));
            if (letters.Count > 0)
            {
                sb.Append("<table><tr><th>Day</th><th>Township</th><th>Index</th><th>Was</th></tr>\n");
                foreach (var letter in letters)
                {
                    sb.Append(Inv($"<tr><td>{letter.Day:yyyy-MM-dd}</td><td>{Esc(letter.Township.Value)}</td><td>{letter.Index.Value:0.0}</td><td>{letter.PreviousLevel}</td></tr>\n"));
                }

                sb.Append("</table>\n");
            }
        }

        sb.Append(Inv($"<h3>Warnings raised 预警: {raised.Count}</h3>\n<table><tr><th>Rule</th><th>Raised</th><th>First</th></tr>\n"));
        foreach (var rule in engine.RuleIds)
        {
            var ofRule = raised.Where(r => r.RuleId == rule).ToList();
            sb.Append("<tr><td><code>").Append(Esc(rule)).Append("</code></td><td>").Append(ofRule.Count.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
              .Append(ofRule.Count == 0 ? "" : Esc(Inv($"{ofRule[0].RaisedAt.InZone(zone).Date:yyyy-MM-dd} {ofRule[0].GroupKind} {ofRule[0].GroupKey}: {ofRule[0].Message}"))).Append("</td></tr>\n");
        }

        sb.Append("</table>\n</section>\n");
        return sb.ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}

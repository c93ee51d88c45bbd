using System.Globalization;
using System.Net;
using System.Text;

namespace Fengqiao.Cli.Simulation;

/// <summary>Small inline SVG charts: no scripts, no fonts to fetch, readable offline.</summary>
internal static class SvgCharts
{
    private static readonly string[] Palette = ["#2f6f9f", "#e0a030", "#c0392b", "#27ae60", "#8e44ad", "#16a085", "#7f8c8d", "#d35400"];

    /// <summary>Grouped bars per day for several series (e.g. reported and closed).</summary>
    public static string DailyBars(IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<int> Values)> series, string title)
    {
        const int width = 760, height = 260, left = 50, bottom = 40, top = 30;
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plotWidth = width - left - 10;
        var plotHeight = height - bottom - top;
        var groupWidth = plotWidth / (double)Math.Max(1, labels.Count);
        var barWidth = Math.Max(1, (groupWidth - 2) / Math.Max(1, series.Count));
        var sb = Open(width, height, title);
        Axis(sb, left, top, plotHeight, plotWidth, max);
        for (var d = 0; d < labels.Count; d++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[d];
                var h = plotHeight * value / (double)max;
                var x = left + d * groupWidth + s * barWidth + 1;
                sb.Append(Inv($"<rect x=\"{x:0.#}\" y=\"{top + plotHeight - h:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" fill=\"{Palette[s % Palette.Length]}\"><title>{Esc(labels[d])} {Esc(series[s].Name)}: {value}</title></rect>"));
            }

            if (labels.Count <= 31 || d % 7 == 0)
            {
                sb.Append(Inv($"<text x=\"{left + d * groupWidth + groupWidth / 2:0.#}\" y=\"{height - bottom + 14}\" font-size=\"9\" text-anchor=\"middle\">{Esc(labels[d])}</text>"));
            }
        }

        Legend(sb, series.Select(s => s.Name).ToList(), left, height - 12);
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Stacked bars per day (e.g. open cases on track / warning / overdue).</summary>
    public static string StackedDaily(IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<int> Values, string Colour)> layers, string title)
    {
        const int width = 760, height = 260, left = 50, bottom = 40, top = 30;
        var totals = Enumerable.Range(0, labels.Count).Select(d => layers.Sum(l => l.Values[d])).ToList();
        var max = Math.Max(1, totals.DefaultIfEmpty(0).Max());
        var plotWidth = width - left - 10;
        var plotHeight = height - bottom - top;
        var barWidth = plotWidth / (double)Math.Max(1, labels.Count);
        var sb = Open(width, height, title);
        Axis(sb, left, top, plotHeight, plotWidth, max);
        for (var d = 0; d < labels.Count; d++)
        {
            var y = (double)(top + plotHeight);
            foreach (var layer in layers)
            {
                var h = plotHeight * layer.Values[d] / (double)max;
                y -= h;
                sb.Append(Inv($"<rect x=\"{left + d * barWidth + 1:0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(1, barWidth - 2):0.#}\" height=\"{h:0.#}\" fill=\"{layer.Colour}\"><title>{Esc(labels[d])} {Esc(layer.Name)}: {layer.Values[d]}</title></rect>"));
            }

            if (labels.Count <= 31 || d % 7 == 0)
            {
                sb.Append(Inv($"<text x=\"{left + d * barWidth + barWidth / 2:0.#}\" y=\"{height - bottom + 14}\" font-size=\"9\" text-anchor=\"middle\">{Esc(labels[d])}</text>"));
            }
        }

        var x0 = left;
        foreach (var layer in layers)
        {
            sb.Append(Inv($"<rect x=\"{x0}\" y=\"{height - 20}\" width=\"10\" height=\"10\" fill=\"{layer.Colour}\"/><text x=\"{x0 + 14}\" y=\"{height - 11}\" font-size=\"11\">{Esc(layer.Name)}</text>"));
            x0 += 20 + layer.Name.Length * 7;
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars with percentages (e.g. resolution level shares, mediation outcomes).</summary>
    public static string Shares(IReadOnlyList<Share> shares, string title)
    {
        const int width = 760, rowHeight = 24, left = 260, top = 30;
        var height = top + rowHeight * Math.Max(1, shares.Count) + 10;
        var total = Math.Max(1, shares.Sum(s => s.Count));
        var sb = Open(width, height, title);
        for (var i = 0; i < shares.Count; i++)
        {
            var share = shares[i];
            var w = (width - left - 80) * share.Count / (double)total;
            var y = top + i * rowHeight;
            sb.Append(Inv($"<text x=\"{left - 6}\" y=\"{y + 15}\" font-size=\"12\" text-anchor=\"end\">{Esc(share.Label)}</text>"));
            sb.Append(Inv($"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"16\" fill=\"{Palette[i % Palette.Length]}\"/>"));
            sb.Append(Inv($"<text x=\"{left + w + 6:0.#}\" y=\"{y + 15}\" font-size=\"12\">{share.Count} ({100.0 * share.Count / total:0.0}%)</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Boxes in layers with arrows between them: a small layered drawing of a directed graph.</summary>
    public static string LayeredGraph(IReadOnlyList<(string Id, string Label, int Layer)> nodes, IReadOnlyList<(string From, string To)> edges, string title)
    {
        const int boxWidth = 150, boxHeight = 30, gapX = 30, gapY = 60, top = 40, left = 10;
        var layers = nodes.GroupBy(n => n.Layer).OrderBy(g => g.Key).ToList();
        var perRow = Math.Max(1, layers.Max(l => l.Count()));
        var width = left * 2 + perRow * (boxWidth + gapX);
        var height = top + layers.Count * (boxHeight + gapY);
        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            var row = layer.ToList();
            var offset = (width - row.Count * (boxWidth + gapX)) / 2.0;
            for (var i = 0; i < row.Count; i++)
            {
                positions[row[i].Id] = (offset + i * (boxWidth + gapX), top + layer.Key * (boxHeight + gapY));
            }
        }

        var sb = Open(width, height, title);
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var (from, to) in edges.Distinct())
        {
            if (!positions.TryGetValue(from, out var a) || !positions.TryGetValue(to, out var b) || from == to)
            {
                continue;
            }

            var (x1, y1) = (a.X + boxWidth / 2.0, a.Y + (b.Y >= a.Y ? boxHeight : 0));
            var (x2, y2) = (b.X + boxWidth / 2.0, b.Y + (b.Y > a.Y ? 0 : boxHeight));
            sb.Append(Inv($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"#999\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>"));
        }

        foreach (var node in nodes)
        {
            var (x, y) = positions[node.Id];
            sb.Append(Inv($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{boxWidth}\" height=\"{boxHeight}\" rx=\"6\" fill=\"#eef4fa\" stroke=\"#2f6f9f\"/>"));
            sb.Append(Inv($"<text x=\"{x + boxWidth / 2.0:0.#}\" y=\"{y + 19:0.#}\" font-size=\"12\" text-anchor=\"middle\">{Esc(node.Label)}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(int width, int height, string title) =>
        new StringBuilder()
            .Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\" font-family=\"sans-serif\">"))
            .Append(Inv($"<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{Esc(title)}</text>"));

    private static void Axis(StringBuilder sb, int left, int top, int plotHeight, int plotWidth, int max)
    {
        sb.Append(Inv($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"#333\"/>"));
        sb.Append(Inv($"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{left + plotWidth}\" y2=\"{top + plotHeight}\" stroke=\"#333\"/>"));
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = top + plotHeight - plotHeight * i / 4.0;
            sb.Append(Inv($"<text x=\"{left - 4}\" y=\"{y + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{value}</text>"));
        }
    }

    private static void Legend(StringBuilder sb, List<string> names, int left, int y)
    {
        var x = left;
        for (var i = 0; i < names.Count; i++)
        {
            sb.Append(Inv($"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Palette[i % Palette.Length]}\"/><text x=\"{x + 14}\" y=\"{y}\" font-size=\"11\">{Esc(names[i])}</text>"));
            x += 24 + names[i].Length * 7;
        }
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

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
    /// <remarks>Every box is as wide as the widest label needs (<see cref="TextWidth"/>), so no label runs past its box;
    /// the boxes of each layer are ordered to cross few edges (<see cref="OrderLayers"/>); an edge that goes back up or
    /// stays in its layer is drawn as a dashed curve to the side, so it does not run through the boxes between.</remarks>
    public static string LayeredGraph(IReadOnlyList<(string Id, string Label, int Layer)> nodes, IReadOnlyList<(string From, string To)> edges, string title)
    {
        var layout = Layout(nodes, edges);
        var sb = Open(layout.Width, layout.Height, title);
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var (from, to) in edges.Distinct())
        {
            if (!layout.Positions.TryGetValue(from, out var a) || !layout.Positions.TryGetValue(to, out var b) || from == to)
            {
                continue;
            }

            if (b.Y > a.Y)
            {
                sb.Append(Inv($"<line x1=\"{a.X + (layout.BoxWidth / 2.0):0.#}\" y1=\"{a.Y + LayoutBoxHeight:0.#}\" x2=\"{b.X + (layout.BoxWidth / 2.0):0.#}\" y2=\"{b.Y:0.#}\" stroke=\"#999\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>"));
                continue;
            }

            // Back up (or across the layer): leave and enter by the sides, bowing outwards.
            var right = b.X >= a.X;
            var (x1, y1) = (right ? a.X + layout.BoxWidth : a.X, a.Y + (LayoutBoxHeight / 2.0));
            var (x2, y2) = (right ? b.X + layout.BoxWidth : b.X, b.Y + (LayoutBoxHeight / 2.0));
            var bow = (right ? 1 : -1) * (30 + (Math.Abs(y1 - y2) / 6));
            sb.Append(Inv($"<path d=\"M {x1:0.#} {y1:0.#} C {x1 + bow:0.#} {y1:0.#}, {x2 + bow:0.#} {y2:0.#}, {x2:0.#} {y2:0.#}\" fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"4 3\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>"));
        }

        foreach (var node in nodes)
        {
            var (x, y) = layout.Positions[node.Id];
            sb.Append(Inv($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{layout.BoxWidth}\" height=\"{LayoutBoxHeight}\" rx=\"6\" fill=\"#eef4fa\" stroke=\"#2f6f9f\"/>"));
            sb.Append(Inv($"<text x=\"{x + (layout.BoxWidth / 2.0):0.#}\" y=\"{y + 19:0.#}\" font-size=\"{LabelFontSize}\" text-anchor=\"middle\">{Esc(node.Label)}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    private const int LayoutBoxHeight = 30;
    private const int LabelFontSize = 12;

    /// <summary>Where a layered drawing puts its boxes: their top-left corners, the common box width and the size.</summary>
    internal sealed record GraphLayout(IReadOnlyDictionary<string, (double X, double Y)> Positions, int BoxWidth, int Width, int Height);

    /// <summary>Lays out a layered graph: boxes as wide as the widest label, each layer centred and ordered by
    /// <see cref="OrderLayers"/>.</summary>
    internal static GraphLayout Layout(IReadOnlyList<(string Id, string Label, int Layer)> nodes, IReadOnlyList<(string From, string To)> edges, bool order = true)
    {
        const int gapX = 40, gapY = 60, top = 40, margin = 50;
        var boxWidth = Math.Max(110, nodes.Select(n => TextWidth(n.Label, LabelFontSize)).DefaultIfEmpty(0).Max() + 20);
        var layers = order ? OrderLayers(nodes, edges) : [.. nodes.GroupBy(n => n.Layer).OrderBy(g => g.Key).Select(g => g.Select(n => n.Id).ToList())];
        var perRow = Math.Max(1, layers.Select(l => l.Count).DefaultIfEmpty(1).Max());
        var width = (margin * 2) + (perRow * (boxWidth + gapX));
        var height = top + (layers.Count * (LayoutBoxHeight + gapY));
        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var k = 0; k < layers.Count; k++)
        {
            var offset = (width - (layers[k].Count * (boxWidth + gapX)) + gapX) / 2.0;
            for (var i = 0; i < layers[k].Count; i++)
            {
                positions[layers[k][i]] = (offset + (i * (boxWidth + gapX)), top + (k * (LayoutBoxHeight + gapY)));
            }
        }

        return new GraphLayout(positions, boxWidth, width, height);
    }

    /// <summary>
    /// Orders the boxes within each layer to cross few edges: the barycentre heuristic (each box placed at the mean
    /// position of its neighbours in the layer above, then below), sweeping down and up several times and keeping the
    /// order with the fewest crossings seen (the given order included, so it is never worse).
    /// </summary>
    internal static List<List<string>> OrderLayers(IReadOnlyList<(string Id, string Label, int Layer)> nodes, IReadOnlyList<(string From, string To)> edges)
    {
        var layers = nodes.GroupBy(n => n.Layer).OrderBy(g => g.Key).Select(g => g.Select(n => n.Id).ToList()).ToList();
        var layerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < layers.Count; k++)
        {
            layers[k].ForEach(id => layerOf[id] = k);
        }

        var neighbours = layerOf.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, to) in edges.Distinct())
        {
            if (from != to && neighbours.TryGetValue(from, out var outgoing) && neighbours.TryGetValue(to, out var incoming))
            {
                outgoing.Add(to);
                incoming.Add(from);
            }
        }

        double Centre(List<List<string>> order, string id)
        {
            var row = order[layerOf[id]];
            return row.IndexOf(id) - ((row.Count - 1) / 2.0);
        }

        void Sort(List<List<string>> order, int k, Func<int, bool> side)
        {
            var keys = order[k].ToDictionary(id => id, id =>
            {
                var near = neighbours[id].Where(n => side(layerOf[n])).ToList();
                return near.Count == 0 ? Centre(order, id) : near.Average(n => Centre(order, n));
            }, StringComparer.Ordinal);
            var current = order[k].ToList();
            order[k] = [.. current.OrderBy(id => keys[id]).ThenBy(current.IndexOf)];
        }

        var best = layers.Select(l => l.ToList()).ToList();
        var fewest = Crossings(nodes, edges, best);
        var work = layers.Select(l => l.ToList()).ToList();
        for (var sweep = 0; sweep < 8 && fewest > 0; sweep++)
        {
            for (var k = 1; k < work.Count; k++)
            {
                var above = k;
                Sort(work, k, l => l < above);
            }

            for (var k = work.Count - 2; k >= 0; k--)
            {
                var below = k;
                Sort(work, k, l => l > below);
            }

            var crossings = Crossings(nodes, edges, work);
            if (crossings < fewest)
            {
                fewest = crossings;
                best = work.Select(l => l.ToList()).ToList();
            }
        }

        return best;
    }

    /// <summary>How many pairs of the downward edges cross when the layers are in <paramref name="order"/> (edges that
    /// share a box do not count; edges back up are drawn to the side and not counted).</summary>
    internal static int Crossings(IReadOnlyList<(string Id, string Label, int Layer)> nodes, IReadOnlyList<(string From, string To)> edges, List<List<string>> order)
    {
        var at = new Dictionary<string, (double X, int Layer)>(StringComparer.Ordinal);
        for (var k = 0; k < order.Count; k++)
        {
            for (var i = 0; i < order[k].Count; i++)
            {
                at[order[k][i]] = (i - ((order[k].Count - 1) / 2.0), k);
            }
        }

        var down = edges.Distinct().Where(e => at.TryGetValue(e.From, out var a) && at.TryGetValue(e.To, out var b) && b.Layer > a.Layer).ToList();
        var count = 0;
        for (var i = 0; i < down.Count; i++)
        {
            for (var j = i + 1; j < down.Count; j++)
            {
                var (a, b) = (down[i], down[j]);
                if (a.From == b.From || a.To == b.To || a.From == b.To || a.To == b.From)
                {
                    continue;
                }

                count += Cross(at[a.From], at[a.To], at[b.From], at[b.To]) ? 1 : 0;
            }
        }

        return count;
    }

    private static bool Cross((double X, int Y) p1, (double X, int Y) p2, (double X, int Y) q1, (double X, int Y) q2)
    {
        static double Side((double X, int Y) a, (double X, int Y) b, (double X, int Y) c) => ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));
        var d1 = Side(q1, q2, p1);
        var d2 = Side(q1, q2, p2);
        var d3 = Side(p1, p2, q1);
        var d4 = Side(p1, p2, q2);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    /// <summary>A generous estimate of how wide <paramref name="text"/> renders in a sans-serif font of
    /// <paramref name="fontSize"/> pixels: a full em for a CJK character or full-width form, 0.62 em for anything else.</summary>
    internal static int TextWidth(string text, int fontSize) =>
        (int)Math.Ceiling(text.Sum(c => c >= 0x2E80 ? 1.0 : 0.62) * fontSize);

    private static StringBuilder Open(int width, int height, string title) =>
        new StringBuilder()
            .Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" style=\"max-width:100%;height:auto\" role=\"img\" aria-label=\"{Esc(title)}\" font-family=\"sans-serif\">"))
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

using System.Text;

namespace Fengqiao.TestSupport;

/// <summary>A small line diff (longest common subsequence) for approval failures.</summary>
public static class LineDiff
{
    /// <summary>One line of a diff.</summary>
    /// <param name="Kind">' ' kept, '+' added in the received text, '-' removed from the approved text.</param>
    /// <param name="Text">The line.</param>
    /// <param name="Context">The nearest open declaration that is less indented (in an API listing, a member's type or a type's namespace).</param>
    public readonly record struct Line(char Kind, string Text, string Context);

    /// <summary>Splits text into lines, normalising CR LF to LF.</summary>
    public static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>Computes the changed lines between the approved and the received text.</summary>
    public static IReadOnlyList<Line> Changes(string approved, string received)
    {
        var a = Lines(approved);
        var b = Lines(received);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<Line>();
        var contextA = new List<string>();
        var contextB = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Track(contextA, a[x]);
                Track(contextB, b[y]);
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                result.Add(new Line('+', b[y], ContextOf(contextB, b[y])));
                Track(contextB, b[y]);
                y++;
            }
            else
            {
                result.Add(new Line('-', a[x], ContextOf(contextA, a[x])));
                Track(contextA, a[x]);
                x++;
            }
        }

        return result;
    }

    /// <summary>Renders changes for a failure message, each member under the type it belongs to.</summary>
    public static string Render(IReadOnlyList<Line> changes, int max = 60)
    {
        var sb = new StringBuilder();
        var lastContext = (string?)null;
        foreach (var change in changes.Take(max))
        {
            if (change.Context.Length > 0 && change.Context != lastContext)
            {
                sb.Append("  in ").AppendLine(change.Context.Trim());
                lastContext = change.Context;
            }

            sb.Append(change.Context.Length > 0 ? "    " : "  ").Append(change.Kind).Append(' ').AppendLine(change.Text.Trim());
        }

        if (changes.Count > max)
        {
            sb.Append("  … and ").Append(changes.Count - max).AppendLine(" more changed lines");
        }

        return sb.ToString();
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static bool IsDeclaration(string line)
    {
        var t = line.Trim();
        return t.Length > 0 && t != "{" && t != "}" && t != "{ }";
    }

    // The open declarations above the current line, outermost first (namespace, type, nested type).
    private static void Track(List<string> open, string line)
    {
        if (!IsDeclaration(line))
        {
            return;
        }

        var indent = Indent(line);
        open.RemoveAll(l => Indent(l) >= indent);
        open.Add(line);
    }

    // An indented line belongs to the nearest open declaration that is less indented (a member to its type).
    private static string ContextOf(List<string> open, string line)
    {
        var indent = Indent(line);
        if (indent == 0)
        {
            return "";
        }

        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (Indent(open[i]) < indent)
            {
                return open[i];
            }
        }

        return "";
    }
}

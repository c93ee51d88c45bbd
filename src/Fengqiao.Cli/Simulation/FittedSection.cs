using System.Globalization;
using System.Text.RegularExpressions;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// Writes the calibrator's fitted values into a profile's own text: only the lines of the values the search moved change
/// (or are added where the section did not set them); every other byte — comments, <c>texts:</c>, provenance, the order
/// of the keys, the rest of the profile — stays as the county wrote it.
/// </summary>
/// <remarks>A profile without a <c>simulation:</c> section gets the whole fitted section at its end, with the given
/// provenance (there is nothing of the county's to keep). A section without its own <c>source:</c> or <c>assumption:</c>
/// gets the provenance as its <c>assumption:</c>, so that every sample value keeps one.</remarks>
internal static partial class FittedSection
{
    /// <summary>The profile's YAML with the parameters that differ between <paramref name="before"/> and
    /// <paramref name="fitted"/> set to their fitted values.</summary>
    /// <param name="yaml">The profile as written.</param>
    /// <param name="before">The section as loaded from <paramref name="yaml"/>.</param>
    /// <param name="fitted">The fitted section.</param>
    /// <param name="provenance">The assumption to give a section that has none.</param>
    /// <returns>The new text, with the input's line ends turned to <c>\n</c>.</returns>
    public static string Apply(string yaml, SimulationProfile before, SimulationProfile fitted, string provenance)
    {
        var lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var start = lines.FindIndex(l => l.StartsWith("simulation:", StringComparison.Ordinal));
        if (start < 0)
        {
            var text = string.Join("\n", lines).TrimEnd('\n') + "\n";
            return text + CountyProfileWriter.WriteSimulation(fitted, new ProvenanceEntry("simulation", 0, null, provenance));
        }

        var section = new Section(lines, start);
        if (!section.Has("source") && !section.Has("assumption"))
        {
            lines.Insert(start + 1, $"{new string(' ', section.Indent)}assumption: {Quote(provenance)}");
        }

        foreach (var (path, get) in Parameters())
        {
            if (Math.Abs(get(before) - get(fitted)) > 1e-12)
            {
                new Section(lines, start).Set(path, Number(get(fitted)));
            }
        }

        if (!before.MediationSuccessByBody.IsEmpty && fitted.MediationSuccessByBody.IsEmpty)
        {
            // The default's knob fits one share for every body kind: the kinds' own lines go.
            new Section(lines, start).RemoveChildrenExcept("mediation-success", "default");
        }

        return string.Join("\n", lines);
    }

    /// <summary>Every parameter the calibrator may move, by its path in the section (<c>origins.police</c>).</summary>
    private static IEnumerable<(string Path, Func<SimulationProfile, double> Get)> Parameters() =>
        Calibrator.AllKnobs().Select(k => (k.Parameter, k.Get));

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z0-9_-]+):(?<rest>.*)$")]
    private static partial Regex KeyLine();

    /// <summary>The lines of the <c>simulation:</c> section, read by indentation (block style; a flow mapping such as
    /// <c>origins: { police: 0.2 }</c> is edited inside its braces).</summary>
    private sealed class Section
    {
        private readonly List<string> lines;
        private readonly int start;
        private readonly int end;

        public Section(List<string> lines, int start)
        {
            this.lines = lines;
            this.start = start;
            end = start + 1;
            while (end < lines.Count && (lines[end].Length == 0 || lines[end][0] is ' ' or '#' or '-'))
            {
                end++;
            }

            Indent = FirstChildIndent(start + 1, end) ?? 2;
        }

        /// <summary>Gets the indentation of the section's keys.</summary>
        public int Indent { get; }

        public bool Has(string key) => Find(start + 1, end, Indent, key) >= 0;

        public void Set(string path, string value)
        {
            var parts = path.Split('.');
            if (parts.Length == 1)
            {
                SetIn(start + 1, end, Indent, parts[0], value, start);
                return;
            }

            var parent = Find(start + 1, end, Indent, parts[0]);
            if (parent < 0)
            {
                var at = LastContentLine(start, end) + 1;
                lines.Insert(at, $"{new string(' ', Indent)}{parts[0]}:");
                lines.Insert(at + 1, $"{new string(' ', Indent + 2)}{parts[1]}: {value}");
                return;
            }

            var match = KeyLine().Match(lines[parent]);
            var rest = match.Groups["rest"].Value;
            var flow = rest.TrimStart();
            if (flow.StartsWith('{'))
            {
                lines[parent] = lines[parent][..(lines[parent].Length - rest.Length)] + SetInFlow(rest, parts[1], value);
                return;
            }

            var blockEnd = BlockEnd(parent, Indent);
            var childIndent = FirstChildIndent(parent + 1, blockEnd) ?? Indent + 2;
            SetIn(parent + 1, blockEnd, childIndent, parts[1], value, parent);
        }

        public void RemoveChildrenExcept(string parentKey, string keep)
        {
            var parent = Find(start + 1, end, Indent, parentKey);
            if (parent < 0)
            {
                return;
            }

            var blockEnd = BlockEnd(parent, Indent);
            var childIndent = FirstChildIndent(parent + 1, blockEnd) ?? Indent + 2;
            for (var i = blockEnd - 1; i > parent; i--)
            {
                var m = KeyLine().Match(lines[i]);
                if (m.Success && m.Groups["indent"].Length == childIndent && m.Groups["key"].Value != keep)
                {
                    lines.RemoveAt(i);
                }
            }
        }

        // Sets key: value among the lines [from, to) at the indent, keeping a trailing comment; adds the line after the
        // last line of the block (headed by line `owner`) when the key is not there.
        private void SetIn(int from, int to, int indent, string key, string value, int owner)
        {
            var at = Find(from, to, indent, key);
            if (at < 0)
            {
                lines.Insert(LastContentLine(owner, to) + 1, $"{new string(' ', indent)}{key}: {value}");
                return;
            }

            var rest = KeyLine().Match(lines[at]).Groups["rest"].Value;
            var comment = rest.IndexOf(" #", StringComparison.Ordinal);
            lines[at] = $"{new string(' ', indent)}{key}: {value}{(comment >= 0 ? rest[comment..] : "")}";
        }

        private static string SetInFlow(string rest, string key, string value)
        {
            var close = rest.LastIndexOf('}');
            var inner = rest[(rest.IndexOf('{', StringComparison.Ordinal) + 1)..close];
            var entries = inner.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
            var index = entries.FindIndex(e => e.StartsWith(key + ":", StringComparison.Ordinal));
            if (index >= 0)
            {
                entries[index] = $"{key}: {value}";
            }
            else
            {
                entries.Add($"{key}: {value}");
            }

            return $"{rest[..(rest.IndexOf('{', StringComparison.Ordinal))]}{{ {string.Join(", ", entries)} }}{rest[(close + 1)..]}";
        }

        private int Find(int from, int to, int indent, string key)
        {
            for (var i = from; i < to; i++)
            {
                var m = KeyLine().Match(lines[i]);
                if (m.Success && m.Groups["indent"].Length == indent && m.Groups["key"].Value == key)
                {
                    return i;
                }
            }

            return -1;
        }

        // The end of the block a key line heads: the first later line (of the section) with content at the key's indent or less.
        private int BlockEnd(int keyLine, int indent)
        {
            var i = keyLine + 1;
            while (i < end && (IsBlankOrComment(lines[i]) || Leading(lines[i]) > indent))
            {
                i++;
            }

            return i;
        }

        private int? FirstChildIndent(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (!IsBlankOrComment(lines[i]))
                {
                    return Leading(lines[i]);
                }
            }

            return null;
        }

        // The last line of the block [owner, to) that is not blank or a comment (comments after it belong to what follows).
        private int LastContentLine(int owner, int to)
        {
            var last = owner;
            for (var i = owner + 1; i < to; i++)
            {
                if (!IsBlankOrComment(lines[i]))
                {
                    last = i;
                }
            }

            return last;
        }

        private static bool IsBlankOrComment(string line) => line.TrimStart().Length == 0 || line.TrimStart()[0] == '#';

        private static int Leading(string line) => line.Length - line.TrimStart(' ').Length;
    }
}

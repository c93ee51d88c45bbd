using System.Globalization;
using System.Text;

namespace Fengqiao.Escalation.Ladders;

/// <summary>Renders a ladder as text or as a Mermaid flowchart (bottom to top), for docs, the CLI and reports.</summary>
internal static class LadderDiagram
{
    /// <summary>Renders the ladder as numbered text, bottom first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ladder"/> is null.</exception>
    public static string ToText(Ladder ladder)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{ladder.Name} [{ladder.Key}], {ladder.Levels.Length} levels, bottom first:\n");
        for (var i = 0; i < ladder.Levels.Length; i++)
        {
            var level = ladder.Levels[i];
            var binding = level.Kinds.IsEmpty ? $"units tagged '{level.Key}'" : $"units tagged '{level.Key}' or of kind {string.Join("/", level.Kinds)}";
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1,2}. {level.Name} [{level.Key}] — {binding}\n");
        }

        return sb.ToString();
    }

    /// <summary>Renders the ladder as a Mermaid <c>flowchart BT</c>, each level escalating to the next.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ladder"/> is null.</exception>
    public static string ToMermaid(Ladder ladder)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var sb = new StringBuilder();
        sb.Append("flowchart BT\n");
        for (var i = 0; i < ladder.Levels.Length; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    L{i}[\"{i + 1}. {ladder.Levels[i].Name.Replace("\"", "'", StringComparison.Ordinal)}\"]\n");
        }

        for (var i = 0; i + 1 < ladder.Levels.Length; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    L{i} -->|escalate 升级| L{i + 1}\n");
        }

        return sb.ToString();
    }
}

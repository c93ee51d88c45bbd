using System.Globalization;
using System.Text;

namespace Fengqiao.Rules.Checks;

/// <summary>The overlaps and gaps found in a decision table by <see cref="DecisionTableChecks.Check"/>.</summary>
/// <remarks><see cref="ToString"/> renders the report for people (what a profile checker prints).</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class TableCheckReport
{
    internal TableCheckReport(string tableName, IReadOnlyList<RuleOverlap> overlaps, IReadOnlyList<CoverageGap> gaps, long combinations, long examined)
    {
        TableName = tableName;
        Overlaps = overlaps;
        Gaps = gaps;
        Combinations = combinations;
        Examined = examined;
    }

    /// <summary>Gets the table's name.</summary>
    public string TableName { get; }

    /// <summary>Gets each pair of rows that both match some input, with a witness; one entry per pair, in row order.</summary>
    public IReadOnlyList<RuleOverlap> Overlaps { get; }

    /// <summary>Gets the combinations on which no row matches, merged where a field does not matter (see
    /// <see cref="CoverageGap.Values"/>), in the order first found.</summary>
    public IReadOnlyList<CoverageGap> Gaps { get; }

    /// <summary>Gets the number of distinct combinations of the fields' representative values
    /// (<see cref="long.MaxValue"/> when larger).</summary>
    public long Combinations { get; }

    /// <summary>Gets how many combinations were examined.</summary>
    public long Examined { get; }

    /// <summary>Gets whether every combination was examined, so that no overlap or gap was missed.</summary>
    public bool IsExhaustive => Examined == Combinations;

    /// <summary>Renders the report for people.</summary>
    /// <returns>Multi-line text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Decision table '{TableName}': {Examined} of {Combinations} combination(s) examined")
            .AppendLine(IsExhaustive ? " (exhaustive)" : " (NOT exhaustive: raise the limit to see everything)");
        sb.Append(CultureInfo.InvariantCulture, $"Overlaps: {Overlaps.Count}").AppendLine();
        foreach (var overlap in Overlaps)
        {
            sb.Append("  ").Append(overlap).AppendLine();
        }

        sb.Append(CultureInfo.InvariantCulture, $"Gaps: {Gaps.Count}").AppendLine();
        foreach (var gap in Gaps)
        {
            sb.Append("  no row matches ").Append(gap).AppendLine();
        }

        return sb.ToString();
    }
}

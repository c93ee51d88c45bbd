using System.Collections.Immutable;
using System.Text;
using Fengqiao.Cases;

namespace Fengqiao.Testing;

/// <summary>How one stored case replays under a changed profile.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Differences">What would differ (empty when the changed rules leave the case as it is).</param>
/// <param name="Notes">What the replay could not reproduce and left out (a merge into another case), for the reader.</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record CaseReplay(CaseId CaseId, ImmutableArray<ReplayDifference> Differences, ImmutableArray<string> Notes)
{
    /// <summary>Gets whether the changed profile would move the case (any escalation, hand-off, deadline or action differs).</summary>
    public bool Differs => !Differences.IsDefaultOrEmpty;

    /// <summary>Gets the case id, then each difference indented.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder().Append("case ").Append(CaseId.Value).Append(Differs ? "" : ": unchanged");
        foreach (var difference in Differences.IsDefault ? [] : Differences)
        {
            builder.AppendLine().Append("  ").Append(difference.ToString().ReplaceLineEndings(Environment.NewLine + "  "));
        }

        foreach (var note in Notes.IsDefault ? [] : Notes)
        {
            builder.AppendLine().Append("  note: ").Append(note);
        }

        return builder.ToString();
    }
}

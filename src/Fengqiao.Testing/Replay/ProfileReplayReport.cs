using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Fengqiao.Testing;

/// <summary>What replaying stored cases under a changed profile found: every case replayed, and those that would differ.</summary>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed class ProfileReplayReport
{
    internal ProfileReplayReport(string profileName, ImmutableArray<CaseReplay> cases)
    {
        ProfileName = profileName;
        Cases = cases;
    }

    /// <summary>Gets the name of the changed profile.</summary>
    public string ProfileName { get; }

    /// <summary>Gets every case replayed, in the order given.</summary>
    public ImmutableArray<CaseReplay> Cases { get; }

    /// <summary>Gets the cases whose escalations, hand-offs, deadlines or actions would differ.</summary>
    public ImmutableArray<CaseReplay> Changed => [.. Cases.Where(c => c.Differs)];

    /// <summary>Gets a summary line, then every changed case with both explanations, then every unchanged case that carries a note (a merge left out, and why).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var changed = Changed;
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{Cases.Length} case(s) replayed under '{ProfileName}': {changed.Length} would differ.");
        foreach (var c in changed)
        {
            builder.AppendLine().Append(c);
        }

        foreach (var c in Cases.Where(c => !c.Differs && !c.Notes.IsDefaultOrEmpty))
        {
            builder.AppendLine().Append(c);
        }

        return builder.ToString();
    }
}

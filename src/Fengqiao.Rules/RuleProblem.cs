using System.Text;

namespace Fengqiao.Rules;

/// <summary>
/// One problem found when a rule set, layer, fact schema or decision table was checked: what, and where (rule id,
/// table row, field).
/// </summary>
/// <remarks>Builders report every problem at once, as a list of these, inside a <see cref="RuleSetException"/> or
/// <see cref="Tables.DecisionTableException"/>, or from <see cref="Tables.DecisionTableBuilder.Validate"/>.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class RuleProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="kind">What kind of problem it is.</param>
    /// <param name="ruleId">The rule it concerns, or null.</param>
    /// <param name="row">The table row it concerns (from 1), or null.</param>
    /// <param name="field">The fact field it concerns, or null.</param>
    /// <param name="message">The full message for people, naming the same places.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public RuleProblem(RuleProblemKind kind, string? ruleId, int? row, string? field, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Kind = kind;
        RuleId = ruleId;
        Row = row;
        Field = field;
        Message = message;
    }

    /// <summary>Gets the kind of problem.</summary>
    public RuleProblemKind Kind { get; }

    /// <summary>Gets the id of the rule concerned, or null when the problem is not about one rule.</summary>
    public string? RuleId { get; }

    /// <summary>Gets the decision-table row concerned, counted from 1, or null.</summary>
    public int? Row { get; }

    /// <summary>Gets the fact field concerned, or null.</summary>
    public string? Field { get; }

    /// <summary>Gets the message for people.</summary>
    public string Message { get; }

    /// <summary>Returns the message.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;

    internal static string Location(int? row, string? ruleId, string? field)
    {
        var sb = new StringBuilder();
        if (row is { } r)
        {
            sb.Append("row ").Append(r);
        }

        if (ruleId is not null)
        {
            sb.Append(sb.Length > 0 ? ", " : "").Append("rule '").Append(ruleId).Append('\'');
        }

        if (field is not null)
        {
            sb.Append(sb.Length > 0 ? ", " : "").Append("field '").Append(field).Append('\'');
        }

        if (sb.Length > 0)
        {
            sb[0] = char.ToUpperInvariant(sb[0]);
        }

        return sb.ToString();
    }
}

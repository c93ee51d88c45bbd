using System.Collections.Immutable;

namespace Fengqiao.Cases.Events;

/// <summary>Why the system acted: the rule that fired and the facts that made it fire.</summary>
/// <remarks>Every event the system actor appends carries a cause, so anyone can ask "why did this case go to the street?".</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseEventCause
{
    /// <summary>Creates a cause.</summary>
    /// <param name="ruleId">The id of the rule (or sweep step) that fired; not empty.</param>
    /// <param name="facts">The facts the rule saw, by name; none by default.</param>
    /// <exception cref="ArgumentException"><paramref name="ruleId"/> is empty.</exception>
    public CaseEventCause(string ruleId, IEnumerable<KeyValuePair<string, string>>? facts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        RuleId = ruleId;
        Facts = (facts ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the id of the rule that fired.</summary>
    public string RuleId { get; }

    /// <summary>Gets the facts that made it fire, sorted by name.</summary>
    public ImmutableSortedDictionary<string, string> Facts { get; }

    /// <summary>Compares rule id and facts.</summary>
    /// <param name="other">The other cause.</param>
    /// <returns><see langword="true"/> when both name the same rule and the same facts.</returns>
    public bool Equals(CaseEventCause? other) =>
        other is not null && RuleId == other.RuleId && Facts.SequenceEqual(other.Facts);

    /// <summary>Gets a hash code from the rule id.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(RuleId);

    /// <summary>Describes the cause.</summary>
    /// <returns>For example <c>escalate-overdue(clock=Unit, stage=Overdue)</c>.</returns>
    public override string ToString() => $"{RuleId}({string.Join(", ", Facts.Select(f => $"{f.Key}={f.Value}"))})";
}

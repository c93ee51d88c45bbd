using System.Collections.Immutable;
using Fengqiao.Sla;

namespace Fengqiao.Cases;

/// <summary>The SLA limits a case was registered under, resolved once from the county's policy and recorded in the registration event.</summary>
/// <remarks>
/// Recording the resolved limits (not a reference to the policy) is what lets a county change its policy without
/// rewriting open cases: <see cref="Case.Replay"/> needs only the events and the calendar.
/// </remarks>
/// <param name="PolicyName">The name of the <see cref="SlaPolicy"/> the limits came from.</param>
/// <param name="Handle">The handling limit (<see cref="SlaLimitNames.Handle"/>): the citizen and unit clocks.</param>
/// <param name="SignFor">The sign-for limit (<see cref="SlaLimitNames.SignFor"/>), or <see langword="null"/> when the policy has none.</param>
/// <param name="Callback">The callback limit (<see cref="SlaLimitNames.Callback"/>), or <see langword="null"/>.</param>
/// <param name="Extension">The largest single extension (<see cref="SlaLimitNames.Extension"/>), or <see langword="null"/> when the policy grants none by name.</param>
/// <param name="Thresholds">The warning thresholds (红黄牌) every clock of the case uses.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSlaTerms(
    string PolicyName, TimeLimit Handle, TimeLimit? SignFor, TimeLimit? Callback, TimeLimit? Extension, ImmutableArray<WarningThreshold> Thresholds)
{
    /// <summary>Gets or initialises the accept limit (受理时限, <see cref="SlaLimitNames.Accept"/>): the <see cref="CaseClockKind.Accept"/> clock runs from registration until the case leaves <see cref="CaseLifecycle.CaseState.Registered"/>.</summary>
    /// <remarks><see langword="null"/> (the default) when the policy names no accept limit: then a registered case has no accept clock and never escalates for lack of acceptance.</remarks>
    public TimeLimit? Accept { get; init; }

    /// <summary>Gets or initialises the relay budgets (接力时限): each level's share of the handling time, keyed by relay level (e.g. <c>street</c>: 1 working day), from the policy's <c>relay.&lt;level&gt;</c> limits (<see cref="SlaLimitNames.RelayPrefix"/>).</summary>
    /// <remarks>
    /// Empty (the default) when the policy names none. A level's budget is consumed cumulatively: the
    /// <see cref="CaseClockKind.Relay"/> clock pauses when the case leaves the level and resumes when it comes back, so
    /// a case returned to the street twice has one working day at the street in all. The citizen clock
    /// (<see cref="CaseClockKind.Citizen"/>) runs alongside from registration and no dispatch, return or escalation resets it.
    /// </remarks>
    public ImmutableSortedDictionary<string, TimeLimit> RelayBudgets
    {
        get => relayBudgets ?? ImmutableSortedDictionary<string, TimeLimit>.Empty.WithComparers(StringComparer.Ordinal);
        init => relayBudgets = value;
    }

    private readonly ImmutableSortedDictionary<string, TimeLimit>? relayBudgets;

    /// <summary>Compares the terms by value: the policy name, every limit, the thresholds in order and the relay budgets.</summary>
    /// <param name="other">The other terms.</param>
    /// <returns><see langword="true"/> when both record the same limits (so a stored and re-read registration equals the original).</returns>
    public bool Equals(CaseSlaTerms? other) =>
        other is not null
        && string.Equals(PolicyName, other.PolicyName, StringComparison.Ordinal)
        && Equals(Handle, other.Handle) && Equals(Accept, other.Accept) && Equals(SignFor, other.SignFor) && Equals(Callback, other.Callback) && Equals(Extension, other.Extension)
        && (Thresholds.IsDefault ? other.Thresholds.IsDefault : !other.Thresholds.IsDefault && Thresholds.SequenceEqual(other.Thresholds))
        && RelayBudgets.Count == other.RelayBudgets.Count
        && RelayBudgets.All(b => other.RelayBudgets.TryGetValue(b.Key, out var limit) && Equals(b.Value, limit));

    /// <summary>Gets a hash code from the policy name and the handling limit.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(PolicyName ?? ""), Handle);
}

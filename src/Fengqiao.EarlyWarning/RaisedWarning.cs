using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.EarlyWarning.Facts;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.EarlyWarning;

/// <summary>One occurrence of a warning pattern: the rule that found it, the cases that matched, and what it asks the desk to do.</summary>
/// <remarks>
/// <para><see cref="OccurrenceId"/> is deterministic: the rule id, the group (its kind only, for a person) and the first matched case. A rule that
/// keeps matching while the group grows (a fourth dispute in a grid that already had three) continues the same
/// occurrence and raises nothing new; an occurrence whose matched cases share none with the previous one of the same rule
/// and group is new. Replaying the same events in the same order therefore gives the same occurrences, which is what
/// makes acting on them idempotent across restarts (see <see cref="IWarningLedger"/>).</para>
/// <para><see cref="Facts"/> explains the warning for people (thresholds, counts, the group); nothing parses it back.</para>
/// </remarks>
/// <param name="RuleId">The id of the rule that fired (a built-in <c>warning.*</c> id or a county rule's NRules name).</param>
/// <param name="OccurrenceId">The occurrence's stable id.</param>
/// <param name="GroupKind">What the matched cases share.</param>
/// <param name="GroupKey">The grid, township, person key or employer they share.</param>
/// <param name="Target">The case the warning acts on: the newest matched case.</param>
/// <param name="Matched">Every matched case, oldest first.</param>
/// <param name="Action">What the warning does on the desk.</param>
/// <param name="Message">A one-line description for people.</param>
/// <param name="RaisedAt">When the newest matched case was registered.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RaisedWarning(
    string RuleId,
    string OccurrenceId,
    CaseGroupKind GroupKind,
    string GroupKey,
    CaseId Target,
    ImmutableArray<CaseId> Matched,
    WarningActionKind Action,
    string Message,
    Instant RaisedAt)
{
    /// <summary>Gets the facts that made the rule fire, by name, sorted.</summary>
    public ImmutableSortedDictionary<string, string> Facts { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the supervision grade when <see cref="Action"/> is <see cref="WarningActionKind.Supervise"/>.</summary>
    public CaseSupervisionGrade Grade { get; init; } = CaseSupervisionGrade.Yellow;

    /// <summary>Gets the limit of the supervision or of the summons' report-in.</summary>
    public Fengqiao.Sla.TimeLimit Limit { get; init; } = Fengqiao.Sla.TimeLimit.WorkingDays(3);

    /// <summary>Gets the departments a summons calls; empty for other actions.</summary>
    public ImmutableArray<Fengqiao.Cases.Organisation.OrgUnitId> Departments { get; init; } = [];

    /// <summary>Describes the warning without personal data.</summary>
    /// <returns>For example <c>warning.grid-cluster [warning.grid-cluster:Grid:grid-017:case-12] on case-15: …</c>.</returns>
    public override string ToString() => $"{RuleId} [{OccurrenceId}] on {Target}: {Message}";
}

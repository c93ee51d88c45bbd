using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Profiles;

/// <summary>One built-in early-warning rule as a county profile configures it: threshold, window, scope and action.</summary>
/// <remarks>
/// <para>Which fields matter depends on <see cref="Kind"/>: <see cref="Keywords"/> only for
/// <see cref="WarningKind.ViolentRisk"/> (where <see cref="Count"/> is 1), <see cref="EmployerPattern"/> only for
/// <see cref="WarningKind.EmployerCluster"/>; for <see cref="WarningKind.WageArrears"/> <see cref="Days"/> counts back
/// from the first day of the Spring Festival holiday in the county's calendar. <see cref="Categories"/> empty means every
/// category.</para>
/// <para>The loader checks every field with file, line and column; a rule built in code is checked by the early-warning
/// engine when it starts.</para>
/// </remarks>
/// <param name="Kind">The pattern.</param>
/// <param name="Count">How many matching cases make the pattern (at least 1).</param>
/// <param name="Days">The window in calendar days (at least 1).</param>
/// <param name="Categories">The case categories that count; empty for all.</param>
/// <param name="Action">What the warning does on the desk.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record WarningRuleProfile(WarningKind Kind, int Count, int Days, ImmutableArray<CaseCategory> Categories, WarningActionKind Action)
{
    /// <summary>Gets the supervision grade when <see cref="Action"/> is <see cref="WarningActionKind.Supervise"/>; yellow by default.</summary>
    public CaseSupervisionGrade Grade { get; init; } = CaseSupervisionGrade.Yellow;

    /// <summary>Gets the limit of a supervision or of a summons' report-in; 3 working days by default.</summary>
    public TimeLimit Limit { get; init; } = TimeLimit.WorkingDays(3);

    /// <summary>Gets the departments a summons calls (吹哨); required when <see cref="Action"/> is <see cref="WarningActionKind.Summon"/>.</summary>
    public ImmutableArray<OrgUnitId> Departments { get; init; } = [];

    /// <summary>Gets the violent-risk (民转刑) signal words looked for in a report's text.</summary>
    public ImmutableArray<string> Keywords { get; init; } = [];

    /// <summary>Gets the regular expression that finds the employer in a report's text: its group <c>employer</c>, or the whole match.</summary>
    public string? EmployerPattern { get; init; }

    /// <summary>Gets the rule id warnings carry: <c>warning.</c> followed by the kind in kebab case, e.g. <c>warning.grid-cluster</c>.</summary>
    public string RuleId => "warning." + Loading.KebabNames.Of(Kind);
}

using System.Collections.Immutable;
using Fengqiao.EarlyWarning.Facts;
using Fengqiao.Profiles;

namespace Fengqiao.EarlyWarning;

/// <summary>What a rule's action asks for when it raises a warning: the group, the matched cases and the desk action.</summary>
/// <remarks>
/// A county rule creates one in its <c>Then()</c> part and passes it to
/// <see cref="WarningContextExtensions.RaiseWarning(NRules.RuleModel.IContext, WarningRequest)"/>; the engine adds the
/// rule id (the NRules rule name), decides whether it is a new occurrence, and acts through the desk.
/// </remarks>
/// <param name="GroupKind">What the matched cases share.</param>
/// <param name="GroupKey">The grid, township, person key, employer or case id they share (a <see cref="CaseGroup.Key"/>).</param>
/// <param name="Matched">The matched cases; at least one. The newest is the case the warning acts on.</param>
/// <param name="Action">What the warning does on the desk.</param>
/// <param name="Message">A one-line description for people; not empty.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record WarningRequest(CaseGroupKind GroupKind, string GroupKey, ImmutableArray<CaseFact> Matched, WarningActionKind Action, string Message)
{
    /// <summary>Gets the facts that explain the warning, by name; none by default.</summary>
    public ImmutableDictionary<string, string> Facts { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Gets the supervision grade; yellow by default.</summary>
    public Fengqiao.Cases.CaseSupervisionGrade Grade { get; init; } = Fengqiao.Cases.CaseSupervisionGrade.Yellow;

    /// <summary>Gets the limit of the supervision or of the summons' report-in; 3 working days by default.</summary>
    public Fengqiao.Sla.TimeLimit Limit { get; init; } = Fengqiao.Sla.TimeLimit.WorkingDays(3);

    /// <summary>Gets the departments a summons calls; required for <see cref="WarningActionKind.Summon"/>.</summary>
    public ImmutableArray<Fengqiao.Cases.Organisation.OrgUnitId> Departments { get; init; } = [];
}

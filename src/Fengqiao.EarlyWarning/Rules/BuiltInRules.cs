using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.EarlyWarning.Facts;
using Fengqiao.Profiles;
using NodaTime;
using NRules.Fluent.Dsl;
using NRules.RuleModel;

namespace Fengqiao.EarlyWarning.Rules;

/// <summary>The conditions and actions the built-in rules share; thresholds come from the profile's <see cref="WarningRuleProfile"/> facts.</summary>
internal static class BuiltInRules
{
    public static readonly ImmutableArray<Type> Types =
        [typeof(GridClusterRule), typeof(EmployerClusterRule), typeof(RepeatPetitionRule), typeof(ViolentRiskRule), typeof(WageArrearsRule)];

    public static ImmutableArray<CaseFact> InWindow(CaseGroup group, WarningRuleProfile rule) =>
        group.Latest is { } latest && InCategories(latest, rule)
            ? group.Within(Duration.FromDays(rule.Days), rule.Categories.IsDefault ? [] : rule.Categories)
            : [];

    public static bool InCategories(CaseFact fact, WarningRuleProfile rule) =>
        rule.Categories.IsDefaultOrEmpty || rule.Categories.Contains(fact.Category);

    public static ImmutableArray<CaseFact> BeforeFestival(CaseGroup group, WarningRuleProfile rule, DateTimeZone zone)
    {
        if (group.Latest is not { NextSpringFestival: { } festival } latest || !InCategories(latest, rule) || !IsBefore(latest, festival, rule.Days, zone))
        {
            return [];
        }

        return [.. group.Cases.Where(c => c.NextSpringFestival == festival && InCategories(c, rule) && IsBefore(c, festival, rule.Days, zone))];
    }

    private static bool IsBefore(CaseFact fact, LocalDate festival, int days, DateTimeZone zone)
    {
        var date = fact.RegisteredAt.InZone(zone).Date;
        return date < festival && Period.Between(date, festival, PeriodUnits.Days).Days <= days;
    }

    public static void Raise(IContext context, CaseGroup group, ImmutableArray<CaseFact> matched, WarningRuleProfile rule, string message) =>
        context.RaiseWarning(Request(group.Kind, group.Key, matched, rule, message));

    public static WarningRequest Request(CaseGroupKind kind, string key, ImmutableArray<CaseFact> matched, WarningRuleProfile rule, string message) =>
        new(kind, key, matched, rule.Action, message)
        {
            Grade = rule.Grade,
            Limit = rule.Limit,
            Departments = rule.Departments.IsDefault ? [] : rule.Departments,
            Facts = ImmutableDictionary<string, string>.Empty
                .Add("count", matched.Length.ToString(CultureInfo.InvariantCulture))
                .Add("threshold", rule.Count.ToString(CultureInfo.InvariantCulture))
                .Add("days", rule.Days.ToString(CultureInfo.InvariantCulture))
                .Add("group", $"{kind}:{key}"),
        };
}

/// <summary>A cluster of disputes in one grid: at least <c>count</c> cases within <c>days</c> days.</summary>
[Name("warning.grid-cluster")]
[Description("At least N disputes registered in one grid within D days (warnings.grid-cluster)")]
internal sealed class GridClusterRule : Rule
{
    public override void Define()
    {
        WarningRuleProfile rule = null!;
        CaseGroup group = null!;
        When()
            .Match(() => rule, r => r.Kind == WarningKind.GridCluster)
            .Match(() => group, g => g.Kind == CaseGroupKind.Grid, g => BuiltInRules.InWindow(g, rule).Length >= rule.Count);
        Then().Do(ctx => BuiltInRules.Raise(ctx, group, BuiltInRules.InWindow(group, rule), rule,
            $"网格 {group.Key} 在 {rule.Days} 日内登记纠纷 {BuiltInRules.InWindow(group, rule).Length} 件（阈值 {rule.Count}）"));
    }
}

/// <summary>A cluster of cases against one employer: at least <c>count</c> within <c>days</c> days.</summary>
[Name("warning.employer-cluster")]
[Description("At least N cases against one employer within D days (warnings.employer-cluster)")]
internal sealed class EmployerClusterRule : Rule
{
    public override void Define()
    {
        WarningRuleProfile rule = null!;
        CaseGroup group = null!;
        When()
            .Match(() => rule, r => r.Kind == WarningKind.EmployerCluster)
            .Match(() => group, g => g.Kind == CaseGroupKind.Employer, g => BuiltInRules.InWindow(g, rule).Length >= rule.Count);
        Then().Do(ctx => BuiltInRules.Raise(ctx, group, BuiltInRules.InWindow(group, rule), rule,
            $"针对 {group.Key} 的诉求在 {rule.Days} 日内达 {BuiltInRules.InWindow(group, rule).Length} 件（阈值 {rule.Count}）"));
    }
}

/// <summary>The same person petitioning again: at least <c>count</c> cases by one reporter within <c>days</c> days.</summary>
[Name("warning.repeat-petition")]
[Description("The same person reporting N times within D days (warnings.repeat-petition)")]
internal sealed class RepeatPetitionRule : Rule
{
    public override void Define()
    {
        WarningRuleProfile rule = null!;
        CaseGroup group = null!;
        When()
            .Match(() => rule, r => r.Kind == WarningKind.RepeatPetition)
            .Match(() => group, g => g.Kind == CaseGroupKind.Person, g => BuiltInRules.InWindow(g, rule).Length >= rule.Count);
        Then().Do(ctx => BuiltInRules.Raise(ctx, group, BuiltInRules.InWindow(group, rule), rule,
            $"同一信访人 {rule.Days} 日内重复反映 {BuiltInRules.InWindow(group, rule).Length} 次（阈值 {rule.Count}）"));
    }
}

/// <summary>A violent-risk (民转刑) signal in a report's text.</summary>
[Name("warning.violent-risk")]
[Description("A report whose text carries a violent-risk (民转刑) signal word (warnings.violent-risk)")]
internal sealed class ViolentRiskRule : Rule
{
    public override void Define()
    {
        WarningRuleProfile rule = null!;
        CaseFact fact = null!;
        When()
            .Match(() => rule, r => r.Kind == WarningKind.ViolentRisk)
            .Match(() => fact, f => f.ViolentRiskSignal != null, f => BuiltInRules.InCategories(f, rule));
        Then().Do(ctx => ctx.RaiseWarning(BuiltInRules.Request(CaseGroupKind.Case, fact.Id.ToString(), ImmutableArray.Create(fact), rule,
            $"案件 {fact.Id} 出现民转刑风险信号「{fact.ViolentRiskSignal}」")));
    }
}

/// <summary>A wage-arrears cluster before the Spring Festival: at least <c>count</c> cases in one township within <c>days</c> days before the festival.</summary>
[Name("warning.wage-arrears")]
[Description("At least N wage-arrears cases in one township within D days before the Spring Festival (warnings.wage-arrears)")]
internal sealed class WageArrearsRule : Rule
{
    public override void Define()
    {
        WarningRuleProfile rule = null!;
        CaseGroup group = null!;
        FestivalZone zone = null!;
        When()
            .Match(() => zone)
            .Match(() => rule, r => r.Kind == WarningKind.WageArrears)
            .Match(() => group, g => g.Kind == CaseGroupKind.Township, g => BuiltInRules.BeforeFestival(g, rule, zone.Zone).Length >= rule.Count);
        Then().Do(ctx => BuiltInRules.Raise(ctx, group, BuiltInRules.BeforeFestival(group, rule, zone.Zone), rule,
            $"春节前 {rule.Days} 日内乡镇 {group.Key} 欠薪诉求 {BuiltInRules.BeforeFestival(group, rule, zone.Zone).Length} 件（阈值 {rule.Count}）"));
    }
}

/// <summary>The county's time zone as a fact, so the festival window is counted in local days.</summary>
internal sealed record FestivalZone(DateTimeZone Zone);

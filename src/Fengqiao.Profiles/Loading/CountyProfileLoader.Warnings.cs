using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Loading;
using Fengqiao.Sla;

namespace Fengqiao.Profiles;

/// <content>The early-warning section (<c>warnings:</c>).</content>
public static partial class CountyProfileLoader
{
    private static WarningsProfile ReadWarnings(Node node, OrgProfile? org, ImmutableArray<CategoryProfile> categories)
    {
        if (node.IsMissing)
        {
            return WarningsProfile.None;
        }

        var map = node.Map();
        var units = org is null ? [] : AllUnits(org).ToList();
        var unitIds = units.Select(u => u.Id.Value).ToHashSet(StringComparer.Ordinal);
        ActorId? actor = null;
        OrgUnitId? unit = null;
        var actsAs = map.Required("acts-as", "the member warnings act as: { member: <actor id>, unit: <unit id> }").Map();
        if (actsAs.IsPresent)
        {
            var memberNode = actsAs.Required("member", "the warning actor's member id");
            var unitNode = actsAs.Required("unit", "the unit the warning actor acts for");
            if (unitNode.TryRead("an org unit id", t => new OrgUnitId(t), out var parsedUnit) && memberNode.TryRead("a member id", t => new ActorId(t), out var parsedMember))
            {
                var found = units.FirstOrDefault(u => u.Id == parsedUnit);
                if (org is not null && found is null)
                {
                    unitNode.Problem($"unit '{parsedUnit}' is not an org unit{Suggest.DidYouMean(parsedUnit.Value, unitIds)}");
                }
                else if (found is not null && !found.Members.Any(m => m.Id == parsedMember))
                {
                    memberNode.Problem($"'{parsedMember}' is not a member of unit '{parsedUnit}'{Suggest.DidYouMean(parsedMember.Value, found.Members.Select(m => m.Id.Value))}");
                }

                actor = parsedMember;
                unit = parsedUnit;
            }

            actsAs.Provenance();
            actsAs.Done();
        }

        var known = categories.Select(c => c.Key.Key).ToHashSet(StringComparer.Ordinal);
        var rules = ImmutableArray.CreateBuilder<WarningRuleProfile>();
        foreach (var kind in Enum.GetValues<WarningKind>())
        {
            var ruleNode = map.Optional(KebabNames.Of(kind));
            if (!ruleNode.IsMissing && ReadWarningRule(ruleNode, kind, known, unitIds) is { } rule)
            {
                rules.Add(rule);
            }
        }

        map.Done();
        return new WarningsProfile(actor, unit, rules.ToImmutable());
    }

    private static WarningRuleProfile? ReadWarningRule(Node node, WarningKind kind, HashSet<string> knownCategories, HashSet<string> unitIds)
    {
        var map = node.Map();
        if (!map.IsPresent)
        {
            return null;
        }

        var ok = true;
        var count = 1;
        if (kind != WarningKind.ViolentRisk)
        {
            ok &= map.Required("count", "how many matching cases make the pattern (2 to 10000)").TryRead("a number from 2 to 10000", t => ParseInt(t, 2, 10_000), out count);
        }

        var days = 1;
        var daysNode = kind == WarningKind.ViolentRisk
            ? map.Optional("days")
            : map.Required("days", kind == WarningKind.WageArrears ? "how many days before the Spring Festival the window opens (1 to 366)" : "the window in calendar days (1 to 366)");
        if (!daysNode.IsMissing)
        {
            ok &= daysNode.TryRead("a number of days from 1 to 366", t => ParseInt(t, 1, 366), out days);
        }

        var categoriesNode = map.Optional("categories");
        var categories = ImmutableArray.CreateBuilder<CaseCategory>();
        foreach (var item in categoriesNode.Items())
        {
            if (item.RequiredText("a category key") is { } key)
            {
                if (knownCategories.Count > 0 && !knownCategories.Contains(key))
                {
                    item.Problem($"unknown category '{key}'{Suggest.DidYouMean(key, knownCategories)}; define it under 'categories'");
                    ok = false;
                }
                else
                {
                    categories.Add(new CaseCategory(key));
                }
            }
        }

        var action = WarningActionKind.Supervise;
        ok &= map.Required("action", string.Join("|", KebabNames.All<WarningActionKind>())).TryRead("an action", KebabNames.Parse<WarningActionKind>, out action);
        var grade = CaseSupervisionGrade.Yellow;
        var gradeNode = map.Optional("grade");
        if (!gradeNode.IsMissing)
        {
            ok &= gradeNode.TryRead("a supervision grade", KebabNames.Parse<CaseSupervisionGrade>, out grade);
        }

        var limit = TimeLimit.WorkingDays(3);
        var limitNode = map.Optional("limit");
        if (!limitNode.IsMissing)
        {
            ok &= limitNode.TryRead("a time limit such as \"3 working days\" or \"1日\"", TimeLimit.Parse, out limit!);
        }

        var departments = ImmutableArray.CreateBuilder<OrgUnitId>();
        var departmentsNode = map.Optional("departments");
        foreach (var item in departmentsNode.Items())
        {
            if (item.RequiredText("a department's unit id") is { } id)
            {
                if (unitIds.Count > 0 && !unitIds.Contains(id))
                {
                    item.Problem($"department '{id}' is not an org unit{Suggest.DidYouMean(id, unitIds)}");
                    ok = false;
                }
                else
                {
                    departments.Add(new OrgUnitId(id));
                }
            }
        }

        if (ok && action == WarningActionKind.Summon && departments.Count == 0)
        {
            map.Optional("action").Problem("a warning that summons (吹哨) needs 'departments': the units to call");
            ok = false;
        }

        var keywords = ImmutableArray<string>.Empty;
        if (kind == WarningKind.ViolentRisk)
        {
            var keywordsNode = map.Required("keywords", "the violent-risk (民转刑) signal words to look for in a report");
            keywords = ReadStrings(keywordsNode);
            if (!keywordsNode.IsMissing && keywords.IsEmpty)
            {
                keywordsNode.Problem("'keywords' lists no word: the rule could never fire");
                ok = false;
            }
        }

        string? pattern = null;
        if (kind == WarningKind.EmployerCluster)
        {
            var patternNode = map.Required("employer-pattern", "a regular expression finding the employer in a report's text, with a group named 'employer'");
            pattern = patternNode.RequiredText("the employer pattern");
            if (pattern is not null)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException e)
                {
                    patternNode.Problem($"the employer pattern is not a valid regular expression: {e.Message}");
                    ok = false;
                }
            }
        }

        map.Provenance();
        map.Done();
        return ok && (kind != WarningKind.EmployerCluster || pattern is not null)
            ? new WarningRuleProfile(kind, count, days, categories.ToImmutable(), action)
            {
                Grade = grade,
                Limit = limit,
                Departments = departments.ToImmutable(),
                Keywords = keywords,
                EmployerPattern = pattern,
            }
            : null;
    }
}

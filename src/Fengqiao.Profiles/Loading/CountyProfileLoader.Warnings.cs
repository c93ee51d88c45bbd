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

        var index = ReadSafetyIndex(map.Optional("index"), units);
        map.Done();
        return new WarningsProfile(actor, unit, rules.ToImmutable()) { Index = index };
    }

    private static SafetyIndexProfile? ReadSafetyIndex(Node node, List<UnitProfile> units)
    {
        if (node.IsMissing)
        {
            return null;
        }

        var map = node.Map();
        var ok = map.Required("window-days", "how many days back the indicators count (1 to 366)").TryRead("a number of days from 1 to 366", t => ParseInt(t, 1, 366), out var window);
        var levels = map.Required("levels", "{ yellow: <value>, orange: <value>, red: <value> } from 0 to 100").Map();
        var yellowOk = levels.Required("yellow", "a value from 0 to 100").TryRead("a number from 0 to 100", t => ParseFraction(t, 100), out var yellow);
        var orangeOk = levels.Required("orange", "a value from 0 to 100").TryRead("a number from 0 to 100", t => ParseFraction(t, 100), out var orange);
        var redOk = levels.Required("red", "a value from 0 to 100").TryRead("a number from 0 to 100", t => ParseFraction(t, 100), out var red);
        levels.Done();
        if (yellowOk && orangeOk && redOk && !(yellow > 0 && yellow < orange && orange < red))
        {
            map.Optional("levels").Problem($"the levels must rise: 0 < yellow ({yellow}) < orange ({orange}) < red ({red})");
            ok = false;
        }

        ok &= yellowOk && orangeOk && redOk;
        var indicatorsNode = map.Required("indicators", "the weighted indicators, e.g. disputes-per-thousand: { weight: 0.4, full-at: 3 }");
        var indicatorsMap = indicatorsNode.Map();
        var indicators = ImmutableArray.CreateBuilder<IndexIndicatorProfile>();
        foreach (var kind in Enum.GetValues<IndexIndicator>())
        {
            var item = indicatorsMap.Optional(KebabNames.Of(kind));
            if (item.IsMissing)
            {
                continue;
            }

            var im = item.Map();
            var weightOk = im.Required("weight", "a weight above 0 and at most 1").TryRead("a number above 0 and at most 1", t => ParseFraction(t, 1), out var weight);
            var fullOk = im.Required("full-at", "the value at which the indicator scores 100").TryRead("a number above 0", t => ParseFraction(t, 1_000_000), out var fullAt);
            im.Done();
            if (weightOk && fullOk && (weight <= 0 || fullAt <= 0))
            {
                item.Problem("an indicator needs a weight and a full-at above 0");
                ok = false;
            }
            else if (weightOk && fullOk)
            {
                indicators.Add(new IndexIndicatorProfile(kind, weight, fullAt));
            }
            else
            {
                ok = false;
            }
        }

        indicatorsMap.Done();
        if (ok && indicators.Count == 0)
        {
            indicatorsNode.Problem("the index weighs no indicator");
            ok = false;
        }
        else if (ok && Math.Abs(indicators.Sum(i => i.Weight) - 1) > 0.001)
        {
            indicatorsNode.Problem($"the weights add up to {indicators.Sum(i => i.Weight).ToString(System.Globalization.CultureInfo.InvariantCulture)}, not 1");
            ok = false;
        }

        var indexProvenance = map.Provenance();
        var populationsNode = map.Optional("populations");
        var populations = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var townships = units.Where(u => u.Kind == OrgUnitKind.Street).Select(u => u.Id.Value).ToHashSet(StringComparer.Ordinal);
        if (populationsNode.Yaml is YamlDotNet.RepresentationModel.YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                var id = (key as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "";
                var valueNode = new Node(value, $"{populationsNode.Path}.{id}", populationsNode.Sink, value.Start);
                if (!townships.Contains(id))
                {
                    valueNode.Problem($"'{id}' is not a township or street of the org tree{Suggest.DidYouMean(id, townships)}");
                    ok = false;
                }
                else if (value is YamlDotNet.RepresentationModel.YamlMappingNode)
                {
                    // { residents: N, source: "…" } or { residents: N, assumption: "…" }: where this township's figure comes from.
                    var entry = valueNode.Map();
                    var residentsOk = entry.Required("residents", "the township's residents").TryRead("a population from 1 to 100000000", t => ParseInt(t, 1, 100_000_000), out var counted);
                    if (entry.Provenance() is null)
                    {
                        valueNode.Problem($"the population of '{id}' needs 'source' (where the figure is published) or 'assumption' (why it was assumed)");
                        ok = false;
                    }

                    entry.Done();
                    if (residentsOk)
                    {
                        populations[id] = counted;
                    }
                    else
                    {
                        ok = false;
                    }
                }
                else if (valueNode.TryRead("a population from 1 to 100000000", t => ParseInt(t, 1, 100_000_000), out var residents))
                {
                    if (indexProvenance is null)
                    {
                        valueNode.Problem($"the population of '{id}' is marked neither 'source' nor 'assumption': write {{ residents: {residents}, source: … }} or {{ …, assumption: … }}, or mark warnings.index as a whole");
                        ok = false;
                    }

                    populations[id] = residents;
                }
                else
                {
                    ok = false;
                }
            }
        }
        else if (!populationsNode.IsMissing)
        {
            populationsNode.Problem("expected a map of township id to residents");
            ok = false;
        }

        if (ok && indicators.Any(i => i.Indicator == IndexIndicator.DisputesPerThousand)
            && townships.FirstOrDefault(t => !populations.ContainsKey(t)) is { } missing)
        {
            (populationsNode.IsMissing ? indicatorsNode : populationsNode).Problem($"disputes-per-thousand needs the population of every township; '{missing}' has none");
            ok = false;
        }

        map.Done();
        return ok ? new SafetyIndexProfile(window, yellow, orange, red, indicators.ToImmutable(), populations.ToImmutable()) : null;
    }

    private static double ParseFraction(string text, double max)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value < 0 || value > max)
        {
            throw new FormatException($"expected a number from 0 to {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return value;
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

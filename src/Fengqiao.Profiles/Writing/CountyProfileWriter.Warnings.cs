using System.Globalization;
using System.Text;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>The early-warning section (<c>warnings:</c>).</content>
public static partial class CountyProfileWriter
{
    private static void WriteWarnings(StringBuilder w, WarningsProfile warnings, Func<string, ProvenanceEntry?> of)
    {
        if (warnings.Actor is not { } actor || warnings.Unit is not { } unit)
        {
            return;
        }

        Line(w, 0, "warnings:");
        Line(w, 1, "acts-as:");
        Line(w, 2, $"member: {Quote(actor.Value)}");
        Line(w, 2, $"unit: {Quote(unit.Value)}");
        WriteProvenance(w, 2, "", of("warnings.acts-as"));
        foreach (var rule in Items(warnings.Rules))
        {
            var name = KebabNames.Of(rule.Kind);
            Line(w, 1, $"{name}:");
            if (rule.Kind != WarningKind.ViolentRisk)
            {
                Line(w, 2, $"count: {rule.Count.ToString(CultureInfo.InvariantCulture)}");
            }

            Line(w, 2, $"days: {rule.Days.ToString(CultureInfo.InvariantCulture)}");
            if (!Items(rule.Categories).IsEmpty)
            {
                Line(w, 2, $"categories: [{string.Join(", ", rule.Categories.Select(c => Quote(c.Key)))}]");
            }

            Line(w, 2, $"action: {KebabNames.Of(rule.Action)}");
            Line(w, 2, $"grade: {KebabNames.Of(rule.Grade)}");
            Line(w, 2, $"limit: {Quote(rule.Limit.ToString())}");
            if (!Items(rule.Departments).IsEmpty)
            {
                Line(w, 2, $"departments: [{string.Join(", ", rule.Departments.Select(d => Quote(d.Value)))}]");
            }

            if (!Items(rule.Keywords).IsEmpty)
            {
                Line(w, 2, $"keywords: [{string.Join(", ", rule.Keywords.Select(Quote))}]");
            }

            if (rule.EmployerPattern is { } pattern)
            {
                Line(w, 2, $"employer-pattern: {Quote(pattern)}");
            }

            WriteProvenance(w, 2, "", of($"warnings.{name}"));
        }

        if (warnings.Index is { } index)
        {
            Line(w, 1, "index:");
            Line(w, 2, $"window-days: {index.WindowDays.ToString(CultureInfo.InvariantCulture)}");
            Line(w, 2, Inv($"levels: {{ yellow: {index.Yellow}, orange: {index.Orange}, red: {index.Red} }}"));
            Line(w, 2, "indicators:");
            foreach (var indicator in Items(index.Indicators))
            {
                Line(w, 3, Inv($"{KebabNames.Of(indicator.Indicator)}: {{ weight: {indicator.Weight}, full-at: {indicator.FullAt} }}"));
            }

            if (!index.Populations.IsEmpty)
            {
                Line(w, 2, "populations:");
                foreach (var (township, residents) in index.Populations)
                {
                    var marked = of($"warnings.index.populations.{township}");
                    var mark = marked?.Source is { } source ? $", source: {Quote(source)}" : marked?.Assumption is { } assumption ? $", assumption: {Quote(assumption)}" : null;
                    Line(w, 3, mark is null
                        ? $"{Quote(township)}: {residents.ToString(CultureInfo.InvariantCulture)}"
                        : $"{Quote(township)}: {{ residents: {residents.ToString(CultureInfo.InvariantCulture)}{mark} }}");
                }
            }

            WriteProvenance(w, 2, "", of("warnings.index"));
        }
    }
}

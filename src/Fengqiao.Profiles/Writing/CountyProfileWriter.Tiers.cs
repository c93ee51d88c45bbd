using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>Seasons (<c>seasons:</c>) and complexity tiers (<c>tiers:</c>).</content>
public static partial class CountyProfileWriter
{
    private static void WriteSeasonsAndTiers(StringBuilder w, CountyProfile profile, Func<string, ProvenanceEntry?> of)
    {
        var seasons = profile.Seasons;
        if (seasons is { Count: > 0 })
        {
            Line(w, 0, "seasons:");
            foreach (var (name, months) in seasons)
            {
                Line(w, 1, $"{Quote(name)}:");
                WriteProvenance(w, 2, "", of($"seasons.{name}"));
                Line(w, 2, $"months: [{Months(months)}]");
            }
        }

        var rules = profile.TierRules;
        if (rules.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 0, "tiers:");
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            Line(w, 1, $"- category: {Quote(rule.Category)}");
            WriteProvenance(w, 1, "  ", of(Inv($"tiers[{i}]")));
            Line(w, 1, $"  tier: {KebabNames.Of(rule.Tier)}");
            if (!rule.Channels.IsDefaultOrEmpty)
            {
                Line(w, 1, $"  channels: [{string.Join(", ", rule.Channels.Select(c => c.Key()))}]");
            }
        }
    }

    private static string Months(IEnumerable<int> months) => string.Join(", ", months.Select(m => m.ToString(CultureInfo.InvariantCulture)));

    private static void WriteTierAndMonths(StringBuilder w, int indent, string? tier, IReadOnlyCollection<int> months)
    {
        if (tier is not null)
        {
            Line(w, indent, $"  tier: {tier}");
        }

        if (months.Count > 0)
        {
            Line(w, indent, $"  months: [{Months(months)}]");
        }
    }
}

using System.Collections.Immutable;
using Fengqiao.Sla;

namespace Fengqiao.Profiles;

/// <summary>The county's SLA policy: optionally a preset to start from, and the county's own rules.</summary>
/// <param name="Name">The policy's name, recorded on every case registered under it.</param>
/// <param name="Preset">A preset whose rules come first (<c>urumqi-1351</c>, <c>guangdong-12345</c>, <c>statutory</c>), or <see langword="null"/>.</param>
/// <param name="Rules">The county's own rules (category, optional channel and priority, named limits, warnings).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SlaProfile(string Name, string? Preset, ImmutableArray<SlaRule> Rules)
{
    /// <summary>Gets the preset policies a profile may name, by key.</summary>
    public static ImmutableDictionary<string, SlaPolicy> Presets { get; } = new Dictionary<string, SlaPolicy>
    {
        ["urumqi-1351"] = SlaPolicies.Urumqi1351,
        ["guangdong-12345"] = SlaPolicies.Guangdong12345,
        ["statutory"] = SlaPolicies.Statutory,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Builds the policy: the preset's rules (if any), then the county's.</summary>
    /// <exception cref="InvalidOperationException">No rules at all, or two rules for the same category, channel and
    /// priority (a loaded profile never has these).</exception>
    public SlaPolicy Build()
    {
        var builder = new SlaPolicyBuilder(Name);
        if (Preset is not null)
        {
            foreach (var rule in Presets[Preset].Rules)
            {
                builder.Add(rule);
            }
        }

        foreach (var rule in Rules)
        {
            builder.Add(rule);
        }

        return builder.Build();
    }
}

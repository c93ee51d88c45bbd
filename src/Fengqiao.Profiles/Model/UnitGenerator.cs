using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Profiles;

/// <summary>
/// Generates numbered units instead of listing them, e.g. 170 grids spread over a county's communities.
/// </summary>
/// <param name="IdPattern">The id with <c>{n}</c> for the number (1-based), optionally zero-padded as <c>{n:000}</c>.</param>
/// <param name="NamePattern">The display name, with <c>{n}</c> likewise.</param>
/// <param name="Kind">The kind of every generated unit.</param>
/// <param name="Count">How many to generate, at least 1.</param>
/// <param name="Parents">Parents assigned in turn (unit 1 to the first, unit 2 to the second, …, wrapping round).</param>
/// <param name="Tags">Tags given to every generated unit.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record UnitGenerator(string IdPattern, string NamePattern, OrgUnitKind Kind, int Count, ImmutableArray<OrgUnitId> Parents, ImmutableArray<string> Tags)
{
    /// <summary>Expands the generator into units, in number order.</summary>
    /// <exception cref="FormatException">A pattern has no <c>{n}</c>, or a bad format after the colon.</exception>
    internal IEnumerable<UnitProfile> Expand()
    {
        for (var n = 1; n <= Count; n++)
        {
            OrgUnitId? parent = Parents.IsDefaultOrEmpty ? null : Parents[(n - 1) % Parents.Length];
            var members = Members.IsDefaultOrEmpty
                ? []
                : Members.Select(m => m with { Id = new ActorId(FormatIfPattern(m.Id.Value, n)), Name = FormatIfPattern(m.Name, n) }).ToImmutableArray();
            yield return new UnitProfile(new OrgUnitId(Format(IdPattern, n)), Format(NamePattern, n), Kind, parent, Tags.IsDefault ? [] : Tags, members);
        }
    }

    /// <summary>Gets the members every generated unit gets (网格员 in every grid, a cadre in every village): an id or
    /// name with <c>{n}</c> (or <c>{n:00}</c>) takes the unit's number, so <c>cadre-{n}</c> gives each unit its own
    /// member; without it every unit shares the same member. None by default.</summary>
    public ImmutableArray<OrgMember> Members { get; init; } = [];

    private static string FormatIfPattern(string text, int n) => text.Contains("{n", StringComparison.Ordinal) ? Format(text, n) : text;

    internal static string Format(string pattern, int n)
    {
        var open = pattern.IndexOf("{n", StringComparison.Ordinal);
        var close = open < 0 ? -1 : pattern.IndexOf('}', open);
        if (open < 0 || close < 0)
        {
            throw new FormatException($"The pattern '{pattern}' has no {{n}} (or {{n:000}}) placeholder for the number.");
        }

        var spec = pattern[(open + 2)..close];
        string number;
        if (spec.Length == 0)
        {
            number = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (spec[0] == ':' && spec.Length > 1 && spec[1..].All(c => c == '0'))
        {
            number = n.ToString(spec[1..], System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            throw new FormatException($"The pattern '{pattern}' has a bad number format '{{n{spec}}}': use {{n}} or zeros such as {{n:000}}.");
        }

        return pattern[..open] + number + pattern[(close + 1)..];
    }
}

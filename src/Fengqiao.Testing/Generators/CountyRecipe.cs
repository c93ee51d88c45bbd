using System.Globalization;
using System.Text;
using Fengqiao.Profiles;

namespace Fengqiao.Testing;

/// <summary>
/// A valid county profile as a small recipe: a district secretary with a task force and functional departments, and
/// streets with communities and grids under it (the default ladder), routing every category to the grid's community
/// with a department behind it, and one handling limit. <see cref="ToYaml"/> writes the profile
/// (<c>fengqiao profile check</c> accepts it); <see cref="Build"/> loads it. Generated and shrunk by
/// <see cref="FengqiaoArbitraries.Counties"/>; prints as the C# that rebuilds it.
/// </summary>
/// <param name="Streets">Streets under the secretary (1–3).</param>
/// <param name="CommunitiesPerStreet">Communities under each street (1–3).</param>
/// <param name="GridsPerCommunity">Grids under each community (1–3).</param>
/// <param name="Departments">Functional departments (1–3); category <c>i</c> answers to department <c>i mod n</c>.</param>
/// <param name="Categories">How many of <see cref="CategoryKeys"/> the county takes (1–4).</param>
/// <param name="HandleWorkingDays">The handling limit of every category, in working days (1–10).</param>
/// <param name="Xinjiang">Whether the county keeps Urumqi time and the Xinjiang holiday overlay (else Beijing time, national holidays only).</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record CountyRecipe(int Streets, int CommunitiesPerStreet, int GridsPerCommunity, int Departments, int Categories, int HandleWorkingDays, bool Xinjiang)
{
    /// <summary>Gets the category keys a recipe draws from, in order.</summary>
    public static IReadOnlyList<string> CategoryKeys { get; } = ["dispute", "livelihood", "hardship", "other"];

    /// <summary>Gets the plainest county: one street, community, grid and department, one category, one working day, Beijing time.</summary>
    public static CountyRecipe Plainest { get; } = new(1, 1, 1, 1, 1, 1, false);

    /// <summary>Gets the grid ids of the county (<c>grid-1-1-1</c> is street 1, community 1, grid 1).</summary>
    /// <returns>The ids.</returns>
    public IEnumerable<string> GridIds() =>
        from s in Enumerable.Range(1, Streets)
        from c in Enumerable.Range(1, CommunitiesPerStreet)
        from g in Enumerable.Range(1, GridsPerCommunity)
        select $"grid-{s}-{c}-{g}";

    /// <summary>Writes the county profile.</summary>
    /// <returns>The YAML text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public string ToYaml()
    {
        Check(Streets, 1, 9, nameof(Streets));
        Check(CommunitiesPerStreet, 1, 9, nameof(CommunitiesPerStreet));
        Check(GridsPerCommunity, 1, 9, nameof(GridsPerCommunity));
        Check(Departments, 1, 9, nameof(Departments));
        Check(Categories, 1, CategoryKeys.Count, nameof(Categories));
        Check(HandleWorkingDays, 1, 60, nameof(HandleWorkingDays));
        var w = new StringBuilder();
        void Line(string text) => w.Append(text).Append('\n');
        void Unit(string id, string kind, string? parent, params (string Id, string Roles)[] members)
        {
            Line($"    - id: {id}");
            Line($"      name: {id}");
            Line($"      kind: {kind}");
            if (parent is not null)
            {
                Line($"      parent: {parent}");
            }

            if (members.Length > 0)
            {
                Line("      members:");
                foreach (var (memberId, roles) in members)
                {
                    Line($"        - id: {memberId}");
                    Line($"          name: {memberId}");
                    Line($"          roles: [{roles}]");
                }
            }
        }

        Line("name: generated county");
        Line($"time-zone: {(Xinjiang ? "Asia/Urumqi" : "Asia/Shanghai")}");
        Line("calendar:");
        Line($"  region: {(Xinjiang ? "xinjiang" : "none")}");
        Line("channels: [qr-code, hotline-12345, grid-worker]");
        Line("org:");
        Line("  units:");
        Unit("secretary", "secretary", null, ("secretary-leader", "leader"));
        Unit("task-force", "task-force", "secretary", ("tf-head", "leader, reviewer"), ("tf-worker", "worker"));
        for (var d = 1; d <= Departments; d++)
        {
            Unit($"dept-{d}", "department", "secretary", ($"dept-{d}-worker", "worker"));
        }

        for (var s = 1; s <= Streets; s++)
        {
            Unit($"street-{s}", "street", "secretary", ($"street-{s}-dispatcher", "dispatcher, reviewer"));
            for (var c = 1; c <= CommunitiesPerStreet; c++)
            {
                Unit($"community-{s}-{c}", "community", $"street-{s}", ($"community-{s}-{c}-worker", "worker"));
                for (var g = 1; g <= GridsPerCommunity; g++)
                {
                    Unit($"grid-{s}-{c}-{g}", "grid", $"community-{s}-{c}", ($"grid-{s}-{c}-{g}-worker", "worker"));
                }
            }
        }

        Line("ladder: default");
        Line("categories:");
        foreach (var key in CategoryKeys.Take(Categories))
        {
            Line($"  - key: {key}");
            Line($"    name: {key}");
        }

        Line("routing:");
        Line("  unrouted: refuse");
        Line("  rows:");
        foreach (var (key, i) in CategoryKeys.Take(Categories).Select((k, i) => (k, i)))
        {
            Line($"    - category: {key}");
            Line("      kind: community");
            Line(string.Create(CultureInfo.InvariantCulture, $"      department: dept-{(i % Departments) + 1}"));
        }

        Line("sla:");
        Line("  name: generated limits");
        Line("  rules:");
        Line("    - category: \"*\"");
        Line("      limits:");
        Line(string.Create(CultureInfo.InvariantCulture, $"        handle: {HandleWorkingDays} working day{(HandleWorkingDays == 1 ? "" : "s")}"));
        Line("        callback: 1 working day");
        return w.ToString();
    }

    /// <summary>Loads the county profile the recipe writes.</summary>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileLoadException">The profile does not load (a bug in the recipe: please report it).</exception>
    public CountyProfile Build() => CountyProfileLoader.Parse(ToYaml(), ToString());

    /// <summary>Prints the recipe as the C# that rebuilds it.</summary>
    /// <returns>The C# expression.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"new CountyRecipe({Streets}, {CommunitiesPerStreet}, {GridsPerCommunity}, {Departments}, {Categories}, {HandleWorkingDays}, {(Xinjiang ? "true" : "false")})");

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}

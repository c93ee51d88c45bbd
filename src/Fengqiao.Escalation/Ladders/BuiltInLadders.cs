using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Ladders;

/// <summary>The built-in escalation ladders.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public static class BuiltInLadders
{
    /// <summary>
    /// Gets the default ladder: grid 网格 → community/village 社区/村 → street/township 街道/乡镇 → functional
    /// department 职能部门 → task force 工作专班 → party secretary 书记.
    /// </summary>
    /// <remarks>
    /// The shape most county platforms run (Urumqi's Saybagh and Tianshan districts, the Xinjiang county centres):
    /// small matters stay in the grid, then the community, then the street, which dispatches to a functional department; hard matters go to the platform's
    /// task force, which reports them in writing to the party secretary (Saybagh's "书记直通车"). The department
    /// level is off the grid's chain: pass the case's department to <see cref="Ladder.Resolve"/>.
    /// </remarks>
    public static Ladder Default { get; } = new(
        "default",
        "Default county ladder 网格→社区→街道→部门→专班→书记",
        [
            new("grid", "Grid 网格", [OrgUnitKind.Grid]),
            new("community", "Community/village 社区/村", [OrgUnitKind.Community]),
            new("street", "Street/township 街道/乡镇", [OrgUnitKind.Street]),
            new("department", "Functional department 职能部门", [OrgUnitKind.Department]),
            new("task-force", "Task force 工作专班", [OrgUnitKind.TaskForce]),
            new("secretary", "Party secretary 书记", [OrgUnitKind.Secretary]),
        ]);

    /// <summary>
    /// Gets Baiyin's seven-level responsibility ladder (白银 "码上反映·马上办理").
    /// </summary>
    /// <remarks>
    /// Village/community cadre or police officer 村社干部/民警 → township political-legal committee member 乡镇政法委员 →
    /// township party/government head 乡镇党政主要负责人 → county leader in charge of the township 包抓县级领导 → county
    /// political-legal secretary 县政法委书记 → county party/government heads 县党政主要负责人 → city political-legal
    /// secretary 市政法委书记. Levels above the first are posts: tag the org units with the level keys.
    /// </remarks>
    public static Ladder Baiyin { get; } = new(
        "baiyin",
        "Baiyin seven-level ladder 白银七级责任链",
        [
            new("village-cadre", "Village/community cadre or police officer 村社干部/民警", [OrgUnitKind.Grid, OrgUnitKind.Community]),
            new("township-political-legal", "Township political-legal committee member 乡镇政法委员", []),
            new("township-head", "Township party/government head 乡镇党政主要负责人", []),
            new("county-leader", "County leader in charge of the township 包抓县级领导", []),
            new("county-political-legal", "County political-legal secretary 县政法委书记", []),
            new("county-head", "County party/government heads 县党政主要负责人", []),
            new("city-political-legal", "City political-legal secretary 市政法委书记", []),
        ]);

    /// <summary>Gets every built-in ladder by key.</summary>
    public static ImmutableDictionary<string, Ladder> All { get; } =
        new[] { Default, Baiyin }.ToImmutableDictionary(l => l.Key, StringComparer.Ordinal);

    /// <summary>Gets a built-in ladder by key.</summary>
    /// <exception cref="KeyNotFoundException">No built-in ladder has that key; the message lists the keys.</exception>
    public static Ladder Get(string key) =>
        key is not null && All.TryGetValue(key, out var ladder)
            ? ladder
            : throw new KeyNotFoundException($"No built-in ladder '{key}'; the built-in ladders are: {string.Join(", ", All.Keys.Order(StringComparer.Ordinal))}.");
}

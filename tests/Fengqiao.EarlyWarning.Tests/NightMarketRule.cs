using Fengqiao.EarlyWarning.Facts;
using Fengqiao.Profiles;
using NodaTime;
using NRules.Fluent.Dsl;

namespace Fengqiao.EarlyWarning.Tests;

/// <summary>A county-written rule: two street-vendor (livelihood) complaints in one grid within two days — the night market is acting up.</summary>
[Name("county.night-market")]
[Description("Two livelihood complaints mentioning the night market in one grid within two days")]
public sealed class NightMarketRule : Rule
{
    public override void Define()
    {
        CaseGroup grid = null!;
        When().Match(() => grid, g => g.Kind == CaseGroupKind.Grid && Matched(g).Length >= 2);
        Then().Do(ctx => ctx.RaiseWarning(new WarningRequest(grid.Kind, grid.Key, Matched(grid), WarningActionKind.Instruct, $"网格 {grid.Key} 夜市两日内两起投诉")));
    }

    private static System.Collections.Immutable.ImmutableArray<CaseFact> Matched(CaseGroup group) =>
        [.. group.Within(Duration.FromDays(2)).Where(c => c.Category.Key == "livelihood")];
}

using Fengqiao.Cases.Organisation;
using Fengqiao.EarlyWarning.Index;
using NodaTime;

namespace Fengqiao.EarlyWarning.Tests;

public class SafetyIndexTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 4, 1, 1, 0);
    private static readonly Instant FiveDaysEarlier = Instant.FromUtc(2026, 3, 27, 1, 0);

    [Fact]
    public void ComputeIndex_NoCases_EveryTownshipIsGreenAtZero()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);

        var report = engine.ComputeIndex(new LocalDate(2026, 4, 1));

        Assert.Equal(10, report.Townships.Length);
        Assert.All(report.Townships, t => Assert.Equal((0.0, SafetyLevel.Green), (t.Value, t.Level)));
        Assert.Empty(report.Letters);
    }

    [Fact]
    public async Task ComputeIndex_BurstOfThreatsAndDisputesInOneTownship_TurnsItRedWithOneLetter()
    {
        var yumen = new YumenDesk(FiveDaysEarlier);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        var grid = yumen.County.Tree.Units.First(u => u.Kind == OrgUnitKind.Grid && yumen.County.Tree.IsWithin(u.Id, new OrgUnitId("township-04"))).Id.Value;
        // 28 disputes (2 per 1,000 of 14,000 residents) and two threats, and three repeat petitions by three people.
        for (var i = 0; i < 28; i++)
        {
            await yumen.ReportAsync(i < 2 ? "neighbour" : "family", grid, i < 2 ? "对方扬言报复" : "家庭矛盾", after: Duration.FromMinutes(10));
        }

        for (var p = 0; p < 3; p++)
        {
            await yumen.ReportAsync("petition-remedy", grid, "征地补偿", phone: $"1370000000{p}", after: Duration.FromMinutes(10));
            await yumen.ReportAsync("petition-remedy", grid, "再次反映", phone: $"1370000000{p}", after: Duration.FromMinutes(10));
        }

        var day = new LocalDate(2026, 4, 1);
        var first = engine.ComputeIndex(day);
        var again = engine.ComputeIndex(day.PlusDays(1));

        var township = Assert.Single(first.Townships, t => t.Township == new OrgUnitId("township-04"));
        Assert.True(township.Level == SafetyLevel.Red, $"{township.Value}: {string.Join(", ", township.Indicators)}");
        Assert.Equal(2.0, township.Indicators["violent-risk"]);
        Assert.Equal(3.0, township.Indicators["repeat-petitions"]);
        Assert.True(township.Indicators["disputes-per-thousand"] >= 2.0);
        var letter = Assert.Single(first.Letters);
        Assert.Equal(new OrgUnitId("township-04"), letter.Township);
        Assert.Equal(SafetyLevel.Green, letter.PreviousLevel);
        Assert.All(first.Townships.Where(t => t.Township != new OrgUnitId("township-04")), t => Assert.Equal(SafetyLevel.Green, t.Level));
        Assert.Empty(again.Letters); // still red the next day: no second letter
    }
}

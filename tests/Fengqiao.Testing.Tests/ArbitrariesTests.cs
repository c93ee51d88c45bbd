using Fengqiao.Sla;
using Fengqiao.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class ArbitrariesTests
{
    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void WorkSchedules_Generated_AreOrderedPeriodsFromSevenOClockOfFiveHoursOrMore(WorkSchedule schedule)
    {
        Assert.InRange(schedule.Periods.Count, 1, 3);
        Assert.True(schedule.WorkingTimePerDay >= Duration.FromHours(5), schedule.ToString());
        Assert.All(schedule.Periods, p => Assert.True(p.Start >= new LocalTime(7, 0) && p.Start < p.End));
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void TimeLimits_Generated_RoundTripThroughTheirText(TimeLimit limit)
    {
        Assert.Equal(limit, TimeLimit.Parse(limit.ToString()));
    }

    [Fact]
    public void TimeLimits_FailingProperty_ShrinksToOneWorkingDay()
    {
        var property = Prop.ForAll(FengqiaoArbitraries.TimeLimits(), _ => false);

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true), property));

        Assert.Contains(TimeLimit.WorkingDays(1).ToString(), ShrunkOrOriginal(failure.Message));
    }

    [Fact]
    public void BoundaryInstants_ManyDraws_HitPeriodEdgesMidnightAndHolidayEves()
    {
        var calendar = BusinessCalendar.ChinaNational;
        var from = new LocalDate(2025, 9, 1);
        var to = new LocalDate(2025, 12, 31);
        var draws = FengqiaoArbitraries.BoundaryInstants(calendar, from, to).Generator.Sample(2000)
            .Select(i => i.InZone(calendar.Zone).LocalDateTime)
            .ToArray();

        Assert.All(draws, d => Assert.InRange(d.Date, from, to));
        var edges = WorkSchedule.Default.Periods.SelectMany(p => new[] { p.Start, p.End }).ToHashSet();
        Assert.True(draws.Count(d => edges.Contains(d.TimeOfDay)) > 200, "period starts and ends (lunch included) are common");
        Assert.Contains(draws, d => d.TimeOfDay == LocalTime.Midnight);
        Assert.Contains(draws, d => d.TimeOfDay == new LocalTime(11, 59));
        Assert.Contains(draws, d => d.Date == new LocalDate(2025, 9, 30));  // eve of National Day
        Assert.Contains(draws, d => d.Date == new LocalDate(2025, 12, 31));
    }

    [Fact]
    public void BoundaryInstants_FailingProperty_ShrinksTowardsMidnightOfTheFirstDay()
    {
        var calendar = BusinessCalendar.ChinaNational;
        var from = new LocalDate(2025, 9, 1);
        var property = Prop.ForAll(FengqiaoArbitraries.BoundaryInstants(calendar, from, new LocalDate(2025, 12, 31)), _ => false);

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true), property));

        Assert.Contains("2025-08-31T16:00:00Z", ShrunkOrOriginal(failure.Message));  // 2025-09-01 00:00 in Beijing
    }

    [Fact]
    public void SeededQueryCodes_SameSeed_SameCodes()
    {
        var a = FengqiaoArbitraries.SeededQueryCodes(7);
        var b = FengqiaoArbitraries.SeededQueryCodes(7);
        var c = FengqiaoArbitraries.SeededQueryCodes(8);

        var first = Enumerable.Range(0, 5).Select(_ => a.Next()).ToArray();

        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.Next()));
        Assert.NotEqual(first, Enumerable.Range(0, 5).Select(_ => c.Next()));
    }

    /// <summary>The shrunk value's part of an FsCheck failure message, or the whole message when the first draw was
    /// already the smallest (FsCheck prints no "Shrunk" section then).</summary>
    private static string ShrunkOrOriginal(string message)
    {
        var parts = message.Split("Shrunk");
        return parts.Length > 1 ? parts[1] : message;
    }
}

using NodaTime;

namespace Fengqiao.Sla.Tests.Issues;

/// <summary>Issue 13: life across the 2027 boundary with the built-in calendar — a year the notice has not reached is
/// a normal day at work, marked provisional, unless the caller asks for the strict calendar.</summary>
public partial class IssuesTests
{
    [Fact]
    public void ChinaNational_FirstWorkingDayOf2027_IsAProjectedWorkingDayNotAnError()
    {
        var day = National.Describe(new LocalDate(2027, 1, 4));

        Assert.True(National.IsWorkingDay(new LocalDate(2027, 1, 4)));
        Assert.True(day.IsProvisional);
        Assert.Equal(DaySource.Projected, day.Source);
        Assert.Equal(new LocalDate(2026, 12, 31), National.CoveredEnd);
        Assert.True(National.AllowsProjection);
    }

    [Fact]
    public void ChinaNational_FiveWorkingDaysFrom28December2026_IsAProvisionalDeadline()
    {
        var result = National.Deadline(Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5));

        Assert.True(result.IsProvisional);
        Assert.Equal(new LocalDate(2027, 1, 5), result.DueDate);
        Assert.Equal(Beijing(2027, 1, 5, 17, 30), result.Deadline);
    }

    [Fact]
    public void ChinaNational_ClockStartedBeforeTheBoundary_IsProvisionalAndPausesAcrossIt()
    {
        var clock = SlaClock.Start(National, Beijing(2026, 12, 20, 10, 0), TimeLimit.CalendarDays(60, CutOff.EndOfDay));

        var resumed = clock.Pause(Beijing(2027, 1, 4, 10, 0)).Resume(Beijing(2027, 1, 5, 10, 0));

        Assert.True(clock.IsProvisional);
        Assert.True(resumed.IsProvisional);
        Assert.Equal(new LocalDate(2027, 2, 18), clock.DueDate);
    }

    [Fact]
    public void ChinaNationalStrict_2027_ThrowsCoverageNamingTheDateAndRange()
    {
        var e = Assert.Throws<CalendarCoverageException>(() => BusinessCalendar.ChinaNationalStrict.IsWorkingDay(new LocalDate(2027, 1, 4)));

        Assert.Equal(new LocalDate(2027, 1, 4), e.Date);
        Assert.Contains("2018-01-01..2026-12-31", e.Message, StringComparison.Ordinal);
        Assert.False(BusinessCalendar.ChinaNationalStrict.AllowsProjection);
    }
}

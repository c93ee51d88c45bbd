using NodaTime;

namespace Fengqiao.Sla.Tests.Issues;

/// <summary>Issue 13: limits that end at 24:00 (至24时) — the reproductions from the report.</summary>
public partial class IssuesTests
{
    private static readonly BusinessCalendar National = BusinessCalendar.ChinaNational;
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant Beijing(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    private static SlaClock FifteenDaysUntilMidnight() =>
        SlaClock.Start(National, Beijing(2025, 3, 3, 10, 0), TimeLimit.CalendarDays(15, CutOff.EndOfDay));

    [Fact]
    public void Start_FifteenDaysUntilMidnight_IsDueTuesdayAt24()
    {
        var clock = FifteenDaysUntilMidnight();

        Assert.Equal(Beijing(2025, 3, 19, 0, 0), clock.Deadline);
        Assert.Equal(new LocalDate(2025, 3, 18), clock.DueDate);
    }

    [Fact]
    public void PauseResume_SameInstant_LeavesTheMidnightDeadline()
    {
        var t = Beijing(2025, 3, 10, 11, 0);

        var resumed = FifteenDaysUntilMidnight().Pause(t).Resume(t);

        Assert.Equal(Beijing(2025, 3, 19, 0, 0), resumed.Deadline);
        Assert.Equal(new LocalDate(2025, 3, 18), resumed.DueDate);
    }

    [Fact]
    public void PauseResume_Overnight_LeavesTheMidnightDeadlineAndThePausedReadingShowsIt()
    {
        var paused = FifteenDaysUntilMidnight().Pause(Beijing(2025, 3, 10, 18, 0));

        Assert.Equal(Beijing(2025, 3, 19, 0, 0), paused.At(Beijing(2025, 3, 11, 8, 0)).Deadline);
        Assert.Equal(Beijing(2025, 3, 19, 0, 0), paused.Resume(Beijing(2025, 3, 11, 8, 0)).Deadline);
    }

    [Fact]
    public void PauseResume_CoveringOneWorkingDay_MovesTheMidnightDeadlineOneWorkingDay()
    {
        var resumed = FifteenDaysUntilMidnight().Pause(Beijing(2025, 3, 10, 18, 0)).Resume(Beijing(2025, 3, 11, 18, 0));

        Assert.Equal(Beijing(2025, 3, 20, 0, 0), resumed.Deadline);
        Assert.Equal(new LocalDate(2025, 3, 19), resumed.DueDate);
    }

    [Fact]
    public void Extend_OneWorkingDayFromAMidnightDeadline_EndsAtCloseOfBusinessTheNextWorkingDay()
    {
        var extended = FifteenDaysUntilMidnight().Extend(TimeLimit.WorkingDays(1), Beijing(2025, 3, 12, 9, 0));

        Assert.Equal(Beijing(2025, 3, 19, 17, 30), extended.Deadline);
        Assert.Equal(new LocalDate(2025, 3, 19), extended.DueDate);
    }

    [Fact]
    public void Deadline_OneWorkingDayAfterAMidnightDeadline_EndsAtCloseOfBusinessTheNextWorkingDay()
    {
        var first = National.Deadline(Beijing(2025, 3, 3, 10, 0), TimeLimit.CalendarDays(15, CutOff.EndOfDay));

        var next = National.Deadline(first, TimeLimit.WorkingDays(1));

        Assert.Equal(Beijing(2025, 3, 19, 17, 30), next.Deadline);
        Assert.Equal(new LocalDate(2025, 3, 18), next.StartDate);
        Assert.Contains("counted on from the deadline", next.Explanation);
    }

    [Fact]
    public void DueDate_MidnightDeadlineOnASaturday_IsTheFriday()
    {
        // 2025-03-07 (Fri) + 7 days = Fri 03-14, due until 24:00: the instant is Sat 03-15 00:00.
        var result = National.Deadline(Beijing(2025, 3, 7, 10, 0), TimeLimit.CalendarDays(7, CutOff.EndOfDay));

        Assert.Equal(Beijing(2025, 3, 15, 0, 0), result.Deadline);
        Assert.Equal(IsoDayOfWeek.Saturday, result.ZonedDeadline.DayOfWeek);
        Assert.Equal(new LocalDate(2025, 3, 14), result.DueDate);
        Assert.Contains("(due Fri 2025-03-14)", result.ToString());
    }

    [Fact]
    public void ToString_NinetySecondsOfWorkingTime_RoundTripsExactly()
    {
        var limit = TimeLimit.WorkingTime(Duration.FromSeconds(90));

        Assert.Equal("90 working seconds", limit.ToString());
        Assert.Equal("90个工作秒", limit.ToChineseString());
        Assert.Equal(limit, TimeLimit.Parse(limit.ToString()));
        Assert.Equal(Duration.FromSeconds(90), TimeLimit.Parse(limit.ToChineseString()).Duration);
    }

    [Fact]
    public void CoverageMessage_YearBeforeTheCommonEra_IsWrittenAsAnIsoYear()
    {
        var e = new CalendarCoverageException(new LocalDate(-1, 1, 1), new LocalDate(2018, 1, 1), new LocalDate(2026, 12, 31));

        Assert.Contains("-0001-01-01", e.Message);
        Assert.DoesNotContain("0002", e.Message);
    }
}

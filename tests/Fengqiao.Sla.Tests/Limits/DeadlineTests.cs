using NodaTime;

namespace Fengqiao.Sla.Tests.Limits;

public class DeadlineTests
{
    private static readonly BusinessCalendar National = BusinessCalendar.ChinaNational;
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant At(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    private static ZonedDateTime Deadline(Instant start, string limit, BusinessCalendar? calendar = null) =>
        (calendar ?? National).Deadline(start, TimeLimit.Parse(limit)).ZonedDeadline;

    [Fact]
    public void Deadline_ThreeWorkingDaysBeforeNationalDay2025_EndsOnTheMakeUpSaturday()
    {
        var result = National.Deadline(At(2025, 9, 30, 16, 0), TimeLimit.WorkingDays(3));

        Assert.Equal(new LocalDateTime(2025, 10, 11, 17, 30), result.ZonedDeadline.LocalDateTime);
        Assert.False(result.IsProvisional);
        Assert.Equal("start Tue 2025-09-30 16:00", result.Steps[0]);
        Assert.Equal("start day not counted", result.Steps[1]);
        Assert.StartsWith("Oct 1–8 National Day", result.Steps[2]);
        Assert.Contains("国务院办公厅关于2025年部分节假日安排的通知", result.Steps[2]);
        Assert.Equal("Thu Oct 9, Fri Oct 10, Sat Oct 11 (make-up working day 调休 for National Day & Mid-Autumn Festival 国庆节、中秋节) (working days 1–3)", result.Steps[3]);
        Assert.Equal("3 working days → close of business 17:30", result.Steps[^1]);
    }

    [Fact]
    public void Deadline_WorkingDaysOverSpringFestival2024_SkipsTheHolidayAndCountsMakeUpDays()
    {
        // Thu Feb 8 2024 + 2 working days: Fri Feb 9 (除夕 was only encouraged off), then Feb 10–17 off, Sun Feb 18 works.
        Assert.Equal(new LocalDateTime(2024, 2, 18, 17, 30), Deadline(At(2024, 2, 8, 10, 0), "2 working days").LocalDateTime);
    }

    [Fact]
    public void Deadline_AcrossTheYearBoundary_SkipsNewYearsDay()
    {
        Assert.Equal(new LocalDateTime(2025, 1, 2, 17, 30), Deadline(At(2024, 12, 31, 9, 0), "1 working day").LocalDateTime);
    }

    [Fact]
    public void Deadline_2019LabourDay_CountsTheSundayMakeUpDay()
    {
        // Tue Apr 30 2019 + 1 working day: May 1–4 off, Sun May 5 is a make-up working day.
        Assert.Equal(new LocalDateTime(2019, 5, 5, 17, 30), Deadline(At(2019, 4, 30, 11, 0), "1 working day").LocalDateTime);
    }

    [Fact]
    public void Deadline_2020Extension_SkipsFeb1()
    {
        Assert.Equal(new LocalDateTime(2020, 2, 3, 17, 30), Deadline(At(2020, 1, 23, 11, 0), "1 working day").LocalDateTime);
    }

    [Fact]
    public void Deadline_WorkingHoursUsedUpAtLunch_EndsAt1200()
    {
        Assert.Equal(new LocalDateTime(2025, 3, 10, 12, 0), Deadline(At(2025, 3, 10, 10, 0), "2 working hours").LocalDateTime);
        Assert.Equal(new LocalDateTime(2025, 3, 10, 13, 31), Deadline(At(2025, 3, 10, 10, 0), "121 working minutes").LocalDateTime);
        Assert.Equal(new LocalDateTime(2025, 3, 10, 14, 30), Deadline(At(2025, 3, 10, 12, 15), "1 working hour").LocalDateTime);
    }

    [Fact]
    public void Deadline_StartExactlyAtCloseOfBusiness_CountsFromTheNextMorning()
    {
        Assert.Equal(new LocalDateTime(2025, 3, 11, 10, 0), Deadline(At(2025, 3, 10, 17, 30), "1 working hour").LocalDateTime);
        Assert.Equal(new LocalDateTime(2025, 3, 11, 17, 30), Deadline(At(2025, 3, 10, 17, 30), "1 working day").LocalDateTime);
    }

    [Fact]
    public void Deadline_CalendarDaysEndingOnAHoliday_RollsForward()
    {
        // Sep 20 2025 + 15 days = Sun Oct 5, inside the holiday: rolls to Thu Oct 9.
        var result = National.Deadline(At(2025, 9, 20, 10, 0), TimeLimit.CalendarDays(15));
        Assert.Equal(new LocalDateTime(2025, 10, 9, 17, 30), result.ZonedDeadline.LocalDateTime);
        Assert.Contains(result.Steps, s => s.Contains("rolled forward to Thu Oct 9"));

        var civil = National.Deadline(At(2025, 9, 20, 10, 0), TimeLimit.CalendarDays(15, CutOff.EndOfDay));
        Assert.Equal(new LocalDateTime(2025, 10, 10, 0, 0), civil.ZonedDeadline.LocalDateTime);
    }

    [Fact]
    public void Deadline_MonthFromJanuary31_ClampsToFebruaryEnd()
    {
        // Jan 31 2025 + 1 month = Feb 28 2025 (a Friday).
        var result = National.Deadline(At(2025, 1, 31, 9, 0), TimeLimit.Months(1));
        Assert.Equal(new LocalDateTime(2025, 2, 28, 17, 30), result.ZonedDeadline.LocalDateTime);
        Assert.Contains(result.Steps, s => s.Contains("clamped"));
        Assert.Equal(new LocalDateTime(2024, 2, 29, 17, 30), Deadline(At(2024, 1, 31, 9, 0), "1 month").LocalDateTime);
    }

    [Fact]
    public void Deadline_ElapsedLimit_IgnoresTheCalendar()
    {
        Assert.Equal(new LocalDateTime(2025, 10, 1, 0, 20), Deadline(At(2025, 9, 30, 23, 50), "30 minutes").LocalDateTime);
        Assert.Equal(new LocalDateTime(2031, 1, 1, 0, 20), Deadline(At(2030, 12, 31, 23, 50), "30 minutes").LocalDateTime);
    }

    [Fact]
    public void Deadline_Into2027WithoutProjection_ThrowsCoverage()
    {
        var e = Assert.Throws<CalendarCoverageException>(() => BusinessCalendar.ChinaNationalStrict.Deadline(At(2026, 12, 30, 10, 0), TimeLimit.WorkingDays(3)));
        Assert.Equal(new LocalDate(2027, 1, 1), e.Date);
    }

    [Fact]
    public void Deadline_Into2027WithProjection_IsProvisional()
    {
        var calendar = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

        var result = calendar.Deadline(At(2026, 12, 30, 10, 0), TimeLimit.WorkingDays(3));

        // Dec 31 (Thu), Jan 1 off (projected), Mon Jan 4, Tue Jan 5.
        Assert.Equal(new LocalDateTime(2027, 1, 5, 17, 30), result.ZonedDeadline.LocalDateTime);
        Assert.True(result.IsProvisional);
        Assert.Contains("provisional", result.Explanation);
        Assert.False(calendar.Deadline(At(2026, 3, 2, 10, 0), TimeLimit.WorkingDays(3)).IsProvisional);
    }

    [Fact]
    public void Deadline_XinjiangInUrumqiTime_SkipsCorbanAndUsesLocalHours()
    {
        var urumqi = DateTimeZoneProviders.Tzdb["Asia/Urumqi"];
        var xinjiang = new BusinessCalendarBuilder().WithZone(urumqi)
            .WithSchedule(WorkSchedule.Parse("10:00-14:00,16:00-19:30")).UseChinaNational().UseRegion(ChinaRegion.Xinjiang).Build();
        var start = new LocalDateTime(2025, 6, 5, 11, 0).InZoneStrictly(urumqi).ToInstant();

        var result = xinjiang.Deadline(start, TimeLimit.WorkingDays(1));

        // Jun 6–10 Corban (Fri–Tue): the next working day is Wed Jun 11, closing 19:30 Urumqi time (UTC+6).
        Assert.Equal(new LocalDateTime(2025, 6, 11, 19, 30), result.ZonedDeadline.LocalDateTime);
        Assert.Equal(Instant.FromUtc(2025, 6, 11, 13, 30), result.Deadline);
        Assert.Contains("古尔邦节", result.Explanation);
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void Deadline_XinjiangProvisionalYear_IsProvisional()
    {
        var xinjiang = new BusinessCalendarBuilder().UseChinaNational().UseRegion(ChinaRegion.Xinjiang).Build();

        var result = xinjiang.Deadline(At(2026, 5, 26, 10, 0), TimeLimit.WorkingDays(1));

        Assert.Equal(new LocalDateTime(2026, 6, 1, 17, 30), result.ZonedDeadline.LocalDateTime); // Corban May 27–31 (provisional)
        Assert.True(result.IsProvisional);
        Assert.Contains("provisional", result.Explanation);
    }

    [Fact]
    public void Deadline_SixtyWorkingDays_MatchesSixtySingleSteps()
    {
        var start = At(2025, 9, 1, 10, 0);
        var stepwise = start;
        for (var i = 0; i < 60; i++)
        {
            stepwise = National.Deadline(stepwise, TimeLimit.WorkingDays(1)).Deadline;
        }

        Assert.Equal(stepwise, National.Deadline(start, TimeLimit.WorkingDays(60)).Deadline);
    }
}

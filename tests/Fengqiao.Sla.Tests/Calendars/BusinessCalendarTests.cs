using NodaTime;

namespace Fengqiao.Sla.Tests.Calendars;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar National = BusinessCalendar.ChinaNational;

    // Independent expectations, written from the State Council notices (not read from the embedded table):
    // year, Spring Festival span, its make-up days, National Day span, its make-up days.
    public static TheoryData<int, string, string, string, string> Festivals => new()
    {
        { 2018, "02-15..02-21", "02-11,02-24", "10-01..10-07", "09-29,09-30" },
        { 2019, "02-04..02-10", "02-02,02-03", "10-01..10-07", "09-29,10-12" },
        { 2020, "01-24..02-02", "01-19", "10-01..10-08", "09-27,10-10" },
        { 2021, "02-11..02-17", "02-07,02-20", "10-01..10-07", "09-26,10-09" },
        { 2022, "01-31..02-06", "01-29,01-30", "10-01..10-07", "10-08,10-09" },
        { 2023, "01-21..01-27", "01-28,01-29", "09-29..10-06", "10-07,10-08" },
        { 2024, "02-10..02-17", "02-04,02-18", "10-01..10-07", "09-29,10-12" },
        { 2025, "01-28..02-04", "01-26,02-08", "10-01..10-08", "09-28,10-11" },
        { 2026, "02-15..02-23", "02-14,02-28", "10-01..10-07", "09-20,10-10" },
    };

    [Theory]
    [MemberData(nameof(Festivals))]
    public void IsWorkingDay_SpringFestivalAndNationalDay_FollowTheNotice(int year, string spring, string springMakeUp, string national, string nationalMakeUp)
    {
        foreach (var span in new[] { spring, national })
        {
            var (first, last) = Span(year, span);
            for (var d = first; d <= last; d = d.PlusDays(1))
            {
                Assert.False(National.IsWorkingDay(d), $"{d} should be a holiday");
                Assert.Equal(DayKind.Holiday, National.Describe(d).Kind);
            }

            Assert.True(National.IsWorkingDay(first.PlusDays(-1)) || first.PlusDays(-1).DayOfWeek >= IsoDayOfWeek.Saturday);
        }

        foreach (var makeUp in (springMakeUp + "," + nationalMakeUp).Split(','))
        {
            var d = Date(year, makeUp);
            Assert.True(National.IsWorkingDay(d), $"{d} should be a make-up working day");
            var info = National.Describe(d);
            Assert.Equal(DayKind.MakeUpWorkday, info.Kind);
            Assert.Contains("调休", info.Reason);
            Assert.Contains($"国务院办公厅关于{year}年部分节假日安排的通知", info.Provenance);
        }
    }

    [Theory]
    [MemberData(nameof(Festivals))]
    public void Deadline_OneWorkingDayFromTheEveOfEachHoliday_LandsOnTheFirstWorkingDayAfterIt(
        int year, string spring, string springMakeUp, string national, string nationalMakeUp)
    {
        var makeUps = (springMakeUp + "," + nationalMakeUp).Split(',').Select(md => Date(year, md)).ToHashSet();
        foreach (var span in new[] { spring, national })
        {
            var (first, last) = Span(year, span);
            var expected = last.PlusDays(1);
            while (expected.DayOfWeek >= IsoDayOfWeek.Saturday && !makeUps.Contains(expected))
            {
                expected = expected.PlusDays(1);
            }

            var start = first.PlusDays(-1).At(new LocalTime(10, 0)).InZoneStrictly(National.Zone).ToInstant();
            var deadline = National.Deadline(start, TimeLimit.WorkingDays(1)).ZonedDeadline;

            Assert.Equal(expected.At(new LocalTime(17, 30)), deadline.LocalDateTime);
        }
    }

    [Fact]
    public void Deadline_AcrossTheNewYorkDstStart_ClosesAtLocalCloseOfBusiness()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var calendar = new BusinessCalendarBuilder().WithZone(newYork)
            .WithCoverage(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)).Build();
        var start = new LocalDateTime(2025, 3, 7, 16, 0).InZoneStrictly(newYork).ToInstant();   // Fri, EST

        var result = calendar.Deadline(start, TimeLimit.WorkingDays(1));                          // Mon, EDT

        Assert.Equal(new LocalDateTime(2025, 3, 10, 17, 30), result.ZonedDeadline.LocalDateTime);
        Assert.Equal(Offset.FromHours(-4), result.ZonedDeadline.Offset);
        Assert.Equal(Duration.FromHours(8.5), calendar.WorkingTimeBetween(start, result.Deadline));
    }

    [Fact]
    public void Describe_2019LabourDay_FollowsTheChangeNotice()
    {
        for (var d = new LocalDate(2019, 5, 1); d <= new LocalDate(2019, 5, 4); d = d.PlusDays(1))
        {
            Assert.False(National.IsWorkingDay(d));
        }

        Assert.True(National.IsWorkingDay(new LocalDate(2019, 4, 28)));
        Assert.True(National.IsWorkingDay(new LocalDate(2019, 5, 5)));
        Assert.Contains("调整2019年劳动节假期安排", National.Describe(new LocalDate(2019, 5, 3)).Provenance);
    }

    [Fact]
    public void Describe_2020SpringFestivalExtension_MakesFeb1ARestDay()
    {
        Assert.False(National.IsWorkingDay(new LocalDate(2020, 1, 31)));
        Assert.False(National.IsWorkingDay(new LocalDate(2020, 2, 1)));
        Assert.False(National.IsWorkingDay(new LocalDate(2020, 2, 2)));
        Assert.True(National.IsWorkingDay(new LocalDate(2020, 2, 3)));
        Assert.Contains("延长2020年春节假期", National.Describe(new LocalDate(2020, 2, 1)).Provenance);
    }

    [Fact]
    public void Describe_OrdinaryDays_NameTheWeeklyRule()
    {
        var saturday = National.Describe(new LocalDate(2025, 3, 8));
        Assert.Equal(DayKind.WeeklyRestDay, saturday.Kind);
        Assert.Equal(DaySource.WeeklyRule, saturday.Source);
        Assert.Equal("weekend", saturday.Reason);
        Assert.True(National.Describe(new LocalDate(2025, 3, 10)).IsWorkingDay);
    }

    [Fact]
    public void SpecialDays_2026_ListsHolidaysAndMakeUpDaysInOrder()
    {
        var days = National.SpecialDays(2026);

        Assert.Equal(days.OrderBy(d => d.Date), days);
        Assert.Contains(days, d => d.Date == new LocalDate(2026, 2, 14) && d.Kind == DayKind.MakeUpWorkday);
        Assert.Contains(days, d => d.Date == new LocalDate(2026, 1, 1) && d.Reason.Contains("元旦"));
        Assert.DoesNotContain(days, d => d.Kind == DayKind.WeeklyRestDay);
    }

    [Fact]
    public void WorkingIntervals_OrdinaryDay_AreTheScheduleInBeijingTime()
    {
        var intervals = National.WorkingIntervals(new LocalDate(2025, 3, 10));

        Assert.Equal(2, intervals.Count);
        Assert.Equal(Instant.FromUtc(2025, 3, 10, 1, 0), intervals[0].Start);
        Assert.Equal(Instant.FromUtc(2025, 3, 10, 9, 30), intervals[1].End);
        Assert.Empty(National.WorkingIntervals(new LocalDate(2025, 10, 1)));
    }

    [Fact]
    public void IsWorkingDay_2027WithoutProjection_ThrowsCoverageNamingDateAndRange()
    {
        var e = Assert.Throws<CalendarCoverageException>(() => BusinessCalendar.ChinaNationalStrict.IsWorkingDay(new LocalDate(2027, 1, 4)));

        Assert.Equal(new LocalDate(2027, 1, 4), e.Date);
        Assert.Contains("2027-01-04", e.Message);
        Assert.Contains("2018-01-01..2026-12-31", e.Message);
    }

    [Fact]
    public void Describe_ProjectedYear_FollowsThe2024RegulationAndIsProvisional()
    {
        var calendar = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

        var springFestival = calendar.Describe(new LocalDate(2027, 2, 6));
        Assert.Equal(DayKind.Holiday, springFestival.Kind);
        Assert.Equal(DaySource.Projected, springFestival.Source);
        Assert.True(springFestival.IsProvisional);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2027, 2, 5)));   // Lunar New Year's Eve
        Assert.False(calendar.IsWorkingDay(new LocalDate(2027, 5, 1)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2027, 10, 3)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2027, 10, 4)));   // only Oct 1–3 are statutory
        Assert.True(calendar.IsWorkingDay(new LocalDate(2027, 1, 4)));
        Assert.Equal(new LocalDate(2035, 12, 31), calendar.ComputableEnd);
        Assert.Equal(new LocalDate(2026, 12, 31), calendar.CoveredEnd);
    }

    [Fact]
    public void Describe_XinjiangOverlay_AddsRegionalFestivalsAndMarksProvisionalYears()
    {
        var xinjiang = new BusinessCalendarBuilder()
            .WithZone(DateTimeZoneProviders.Tzdb["Asia/Urumqi"]).UseChinaNational().UseRegion(ChinaRegion.Xinjiang).Build();

        var corban = xinjiang.Describe(new LocalDate(2025, 6, 9));
        Assert.False(corban.IsWorkingDay);
        Assert.Equal(DaySource.Regional, corban.Source);
        Assert.False(corban.IsProvisional);
        Assert.True(National.IsWorkingDay(new LocalDate(2025, 6, 9)));
        Assert.True(xinjiang.Describe(new LocalDate(2026, 3, 20)).IsProvisional);
        Assert.Equal(new LocalDate(2023, 1, 1), xinjiang.CoveredStart);
        Assert.Throws<CalendarCoverageException>(() => xinjiang.IsWorkingDay(new LocalDate(2022, 6, 1)));
    }

    [Fact]
    public void Build_CountyOverrides_WinOverTheNationalTable()
    {
        var county = new BusinessCalendarBuilder().UseChinaNational()
            .AddHoliday(new LocalDate(2025, 7, 15), "flood closure 防汛停工")
            .AddWorkingDay(new LocalDate(2025, 7, 19), "flood recovery working day")
            .Build();

        Assert.False(county.IsWorkingDay(new LocalDate(2025, 7, 15)));
        Assert.Equal(DaySource.County, county.Describe(new LocalDate(2025, 7, 15)).Source);
        Assert.Equal(DayKind.MakeUpWorkday, county.Describe(new LocalDate(2025, 7, 19)).Kind);
    }

    [Fact]
    public void WorkingIntervals_DstGapCutsAnInterval_ShortensItWithoutFailing()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var calendar = new BusinessCalendarBuilder().WithZone(berlin).WithWeeklyRestDays()
            .WithSchedule(WorkSchedule.Parse("01:30-02:30,09:00-17:00"))
            .WithCoverage(new LocalDate(2025, 3, 1), new LocalDate(2025, 4, 30)).Build();

        // 2025-03-30 02:00 does not exist in Berlin: the first interval is 01:30–03:00 local = 30 minutes.
        var intervals = calendar.WorkingIntervals(new LocalDate(2025, 3, 30));
        Assert.Equal(Duration.FromMinutes(30), intervals[0].Duration);
        Assert.Equal(Duration.FromHours(8), intervals[1].Duration);
    }

    [Fact]
    public void Build_SeasonalAndWeekdaySchedules_ApplyOnTheirDates()
    {
        var summer = WorkSchedule.Parse("09:00-12:00,15:00-18:00");
        var winter = WorkSchedule.Parse("09:00-12:00,13:30-17:30");
        var friday = WorkSchedule.Parse("09:00-12:00");
        var calendar = new BusinessCalendarBuilder().UseChinaNational()
            .WithSeasonalSchedule(new AnnualDate(5, 1), summer)
            .WithSeasonalSchedule(new AnnualDate(10, 1), winter)
            .WithWeekdaySchedule(IsoDayOfWeek.Friday, friday)
            .Build();

        Assert.Equal(summer, calendar.ScheduleFor(new LocalDate(2025, 7, 1)));
        Assert.Equal(winter, calendar.ScheduleFor(new LocalDate(2025, 2, 3)));
        Assert.Equal(winter, calendar.ScheduleFor(new LocalDate(2025, 11, 3)));
        Assert.Equal(friday, calendar.ScheduleFor(new LocalDate(2025, 7, 4)));
        Assert.Equal(Instant.FromUtc(2025, 7, 1, 10, 0), calendar.WorkingIntervals(new LocalDate(2025, 7, 1))[^1].End);
    }

    [Fact]
    public void Build_Defaults_AreShanghaiWeekendsAndOfficeHours()
    {
        var calendar = new BusinessCalendarBuilder().UseChinaNational().Build();

        Assert.Equal("Asia/Shanghai", calendar.Zone.Id);
        Assert.Equal(WorkSchedule.Default, calendar.ScheduleFor(new LocalDate(2025, 3, 10)));
        Assert.Equal("09:00-12:00,13:30-17:30", WorkSchedule.Default.ToString());
        Assert.False(calendar.IsWorkingDay(new LocalDate(2025, 3, 8)));
        Assert.False(calendar.AllowsProjection);
        Assert.Equal(ChinaRegion.None, calendar.Region);
    }

    [Fact]
    public void Describe_ProjectedYearWithMidAutumnInsideNationalDay_NamesBoth()
    {
        var calendar = new BusinessCalendarBuilder().UseChinaNational().AllowProjection(2028).Build();

        Assert.Contains("Mid-Autumn", calendar.Describe(new LocalDate(2028, 10, 3)).Reason);
        Assert.Contains("National Day", calendar.Describe(new LocalDate(2028, 10, 3)).Reason);
        Assert.Equal(new LocalDate(2028, 12, 31), calendar.ComputableEnd);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessCalendarBuilder().AllowProjection(2036));
    }

    [Fact]
    public void Parse_BadSchedule_ThrowsFormatExceptionNamingTextAndPosition()
    {
        var e = Assert.Throws<FormatException>(() => WorkSchedule.Parse("09:00-12:00,13:3O-17:30"));
        Assert.Contains("'09:00-12:00,13:3O-17:30'", e.Message);
        Assert.Contains("position 12", e.Message);
    }

    [Fact]
    public void Build_WithoutTableOrCoverage_ThrowsNamingTheCure()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new BusinessCalendarBuilder().Build());
        Assert.Contains("WithCoverage", e.Message);
    }

    private static LocalDate Date(int year, string monthDay) =>
        new(year, int.Parse(monthDay[..2]), int.Parse(monthDay[3..]));

    private static (LocalDate First, LocalDate Last) Span(int year, string span) =>
        (Date(year, span[..5]), Date(year, span[7..]));
}

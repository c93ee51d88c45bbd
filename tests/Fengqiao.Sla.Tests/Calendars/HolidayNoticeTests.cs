using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Sla.Tests.Calendars;

public class HolidayNoticeTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant Beijing(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    private static HolidayNotice Notice2027 => HolidayNotice.Parse(HypotheticalNotices.Year2027, "2027.csv");

    [Theory]
    [InlineData(2018)]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Parse_EachVerifiedYearOfTheSharedTable_IsAValidNotice(int year)
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("src", "Fengqiao.Sla", "Data", "cn-national.csv"));
        var csv = string.Join('\n', [lines[0], .. lines.Skip(1).Where(l => l.StartsWith($"{year}-", StringComparison.Ordinal))]);

        var notice = HolidayNotice.Parse(csv, $"{year}.csv");

        Assert.Equal(year, notice.Year);
        Assert.All(notice.Days, d => Assert.Equal(BusinessCalendar.ChinaNational.IsWorkingDay(d.Date), d.IsWorkingDay));
    }

    [Fact]
    public void Parse_BadRows_ReportsEveryProblemWithFileAndLine()
    {
        const string csv = """
            date,kind,name
            2027-01-01,holiday,New Year's Day 元旦
            2027-02-31,holiday,Spring Festival 春节
            2027-02-09,rest,Spring Festival 春节
            2027-02-10,holiday,
            2027-02-17,workday,Spring Festival 春节
            2027-01-01,holiday,New Year's Day 元旦
            2025-05-01,holiday,Labour Day 劳动节
            2027-05-01
            """;

        var e = Assert.Throws<HolidayNoticeException>(() => HolidayNotice.Parse(csv, "2027.csv"));

        var text = e.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(text, p => p.StartsWith("2027.csv:3: '2027-02-31' is not a date", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv:4: kind 'rest'", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv:5: the reason is missing", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv:6: 2027-02-17 is a Wednesday", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv:7: 2027-01-01 is already listed on line 2", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv:8: 2025-05-01 is outside the 2027 notice", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv:9: expected three fields", StringComparison.Ordinal));
        Assert.Contains(text, p => p.StartsWith("2027.csv: the 2027 notice is incomplete: Spring Festival 春节 (2027-02-06)", StringComparison.Ordinal));
        Assert.Contains(text, p => p.Contains("National Day 国庆节 (2027-10-03)", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WrongHeader_IsReportedOnLineOne()
    {
        var e = Assert.Throws<HolidayNoticeException>(() => HolidayNotice.Parse("day,type\n", "x.csv"));

        Assert.Equal("x.csv:1: expected the header 'date,kind,name' but found 'day,type'", e.Problems[0].ToString());
        Assert.Contains(e.Problems, p => p.Message == "the notice lists no days");
    }

    [Fact]
    public void Load_MissingFile_ThrowsANoticeProblemNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "fengqiao-no-such-notice.csv");

        var e = Assert.Throws<HolidayNoticeException>(() => HolidayNotice.Load(path));

        Assert.StartsWith($"{path}: cannot read the file", e.Problems[0].ToString());
    }

    [Fact]
    public void Load_HugeFile_IsRefusedWithoutReadingItAll()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-notice-").FullName, "2027.csv");
        File.WriteAllText(path, HypotheticalNotices.Year2027 + new string('#', 100_000));

        var e = Assert.Throws<HolidayNoticeException>(() => HolidayNotice.Load(path));

        Assert.Equal($"{path}: the file is longer than 65,536 characters; a year's notice has a few dozen lines", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Load_TheNoticeFile_ReadsIt()
    {
        var path = HypotheticalNotices.Write2027(Directory.CreateTempSubdirectory("fengqiao-notice-").FullName);

        var notice = HolidayNotice.Load(path);

        Assert.Equal(2027, notice.Year);
        Assert.Equal(31, notice.Days.Count);
        Assert.Equal("holiday notice for 2027 (" + path + ", 31 days)", notice.ToString());
    }

    [Fact]
    public void AddNotice_2027_CoversTheYearSoDeadlinesAreNotProvisional()
    {
        var calendar = new BusinessCalendarBuilder().UseChinaNational().AddNotice(Notice2027).Build();

        var result = calendar.Deadline(Beijing(2027, 2, 1, 10, 0), TimeLimit.WorkingDays(5));

        Assert.Equal(new LocalDate(2027, 12, 31), calendar.CoveredEnd);
        Assert.False(result.IsProvisional);
        Assert.Equal(Beijing(2027, 2, 15, 17, 30), result.Deadline);
        Assert.Equal(DayKind.MakeUpWorkday, calendar.Describe(new LocalDate(2027, 2, 20)).Kind);
        Assert.Contains("from the notice file 2027.csv", calendar.Describe(new LocalDate(2027, 2, 9)).Provenance);
    }

    [Fact]
    public void AddNotice_PreferredToTheProjection()
    {
        var projected = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();
        var both = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().AddNotice(Notice2027).Build();

        Assert.Equal(DaySource.Projected, projected.Describe(new LocalDate(2027, 2, 9)).Source);
        Assert.True(projected.IsWorkingDay(new LocalDate(2027, 2, 9)));
        Assert.False(both.IsWorkingDay(new LocalDate(2027, 2, 9)));
        Assert.False(both.Describe(new LocalDate(2027, 2, 9)).IsProvisional);
        Assert.Equal(DaySource.Projected, both.Describe(new LocalDate(2028, 3, 1)).Source);
    }

    [Fact]
    public void AddNotice_WithXinjiang_KeepsTheYearProvisionalUntilTheRegionalNotice()
    {
        var calendar = new BusinessCalendarBuilder().UseChinaNational().UseRegion(ChinaRegion.Xinjiang).AddNotice(Notice2027).Build();

        var result = calendar.Deadline(Beijing(2027, 3, 1, 10, 0), TimeLimit.WorkingDays(5));

        Assert.True(result.IsProvisional);
        Assert.Contains("no regional notice yet", calendar.Describe(new LocalDate(2027, 3, 2)).Provenance);
    }

    [Fact]
    public void Build_NoticeFor2028Without2027_ThrowsNamingTheMissingYear()
    {
        const string statutory2028 = """
            date,kind,name
            2028-01-01,holiday,New Year's Day 元旦
            2028-01-25,holiday,Spring Festival 春节
            2028-01-26,holiday,Spring Festival 春节
            2028-01-27,holiday,Spring Festival 春节
            2028-01-28,holiday,Spring Festival 春节
            2028-04-04,holiday,Tomb-sweeping Day 清明节
            2028-05-01,holiday,Labour Day 劳动节
            2028-05-02,holiday,Labour Day 劳动节
            2028-05-28,holiday,Dragon Boat Festival 端午节
            2028-10-01,holiday,National Day 国庆节
            2028-10-02,holiday,National Day 国庆节
            2028-10-03,holiday,National Day 国庆节 & Mid-Autumn Festival 中秋节
            """;
        var notice2028 = HolidayNotice.Parse(statutory2028, "2028.csv");
        var builder = new BusinessCalendarBuilder().UseChinaNational().AddNotice(notice2028);

        var e = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("leaves 2027 uncovered", e.Message);
        Assert.Equal(new LocalDate(2028, 12, 31), builder.AddNotice(Notice2027).Build().CoveredEnd);
    }

    [Fact]
    public void AddNotice_SameYearTwice_Throws()
    {
        var builder = new BusinessCalendarBuilder().UseChinaNational().AddNotice(Notice2027);

        var e = Assert.Throws<ArgumentException>(() => builder.AddNotice(HolidayNotice.Parse(HypotheticalNotices.Year2027, "again.csv")));

        Assert.Contains("already added (2027.csv)", e.Message);
    }
}

using NodaTime;

namespace Fengqiao.Sla.Tests.Limits;

public class TimeLimitTests
{
    public static TheoryData<string, string> Texts => new()
    {
        { "3 working days", "3 working days" },
        { "3个工作日", "3 working days" },
        { "1 working day", "1 working day" },
        { "15 days", "15 days" },
        { "15日", "15 days" },
        { "15天", "15 days" },
        { "1 month", "1 month" },
        { "1个月", "1 month" },
        { "2 working hours", "2 working hours" },
        { "2个工作小时", "2 working hours" },
        { "90 working minutes", "90 working minutes" },
        { "30 minutes", "30 minutes" },
        { "30分钟", "30 minutes" },
        { "2 hours", "2 hours" },
        { "  5 Working Days ", "5 working days" },
        { "15 days until 24:00", "15 days until 24:00" },
        { "15日（至24时）", "15 days until 24:00" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Parse_EnglishAndChinese_ReadsTheLimit(string text, string english)
    {
        var limit = TimeLimit.Parse(text);

        Assert.Equal(english, limit.ToString());
        Assert.Equal(limit, TimeLimit.Parse(limit.ToString()));
        Assert.Equal(limit, TimeLimit.Parse(limit.ToChineseString()));
    }

    [Fact]
    public void ToChineseString_EachUnit_WritesTheChineseTerm()
    {
        Assert.Equal("3个工作日", TimeLimit.WorkingDays(3).ToChineseString());
        Assert.Equal("15日", TimeLimit.CalendarDays(15).ToChineseString());
        Assert.Equal("1个月", TimeLimit.Months(1).ToChineseString());
        Assert.Equal("2个工作小时", TimeLimit.WorkingHours(2).ToChineseString());
        Assert.Equal("30分钟", TimeLimit.Elapsed(Duration.FromMinutes(30)).ToChineseString());
    }

    [Theory]
    [InlineData("3 wrking days", 2)]
    [InlineData("working days", 0)]
    [InlineData("", 0)]
    [InlineData("3 working days please", 15)]
    [InlineData("0 days", 0)]
    [InlineData("2 working hours until 24:00", 16)]
    public void Parse_BadText_ThrowsFormatExceptionNamingTextAndPosition(string text, int position)
    {
        var e = Assert.Throws<FormatException>(() => TimeLimit.Parse(text));

        Assert.Contains($"'{text}'", e.Message);
        Assert.Contains($"position {position}", e.Message);
        Assert.False(TimeLimit.TryParse(text, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void TryParse_GoodText_ReturnsTheLimit()
    {
        Assert.True(TimeLimit.TryParse("10个工作日", out var limit));
        Assert.Equal(TimeLimit.WorkingDays(10), limit);
    }

    [Fact]
    public void WorkingDays_ZeroCount_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.WorkingDays(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.Elapsed(Duration.Zero));
    }
}

using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Sla.Tests.Clocks;

public class SlaReprojectionTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly BusinessCalendar Projected = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

    private static readonly BusinessCalendar WithNotice = new BusinessCalendarBuilder().UseChinaNational().AllowProjection()
        .AddNotice(HolidayNotice.Parse(HypotheticalNotices.Year2027, "2027.csv")).Build();

    private static Instant Beijing(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    [Fact]
    public void Reproject_NoticeAddsBridgingDays_MovesTheDeadlineAndNamesTheNotice()
    {
        var clock = SlaClock.Start(Projected, Beijing(2027, 2, 1, 10, 0), TimeLimit.WorkingDays(5));
        Assert.True(clock.IsProvisional);
        Assert.Equal(Beijing(2027, 2, 10, 17, 30), clock.Deadline);

        var result = clock.Reproject(WithNotice);

        Assert.True(result.Moved);
        Assert.True(result.Changed);
        Assert.Equal(Beijing(2027, 2, 10, 17, 30), result.PreviousDeadline);
        Assert.Equal(new LocalDate(2027, 2, 10), result.PreviousDueDate);
        Assert.Equal(Beijing(2027, 2, 15, 17, 30), result.Deadline);
        Assert.Equal(new LocalDate(2027, 2, 15), result.DueDate);
        Assert.True(result.WasProvisional);
        Assert.False(result.IsProvisional);
        Assert.Contains(result.Changes, c => c.Date == new LocalDate(2027, 2, 9) && c.ChangesWorkingStatus && c.Before.Source == DaySource.Projected);
        Assert.Contains(result.Notices, n => n.Contains("2027.csv", StringComparison.Ordinal));
        Assert.Contains(result.Reasons, r => r.StartsWith("2027-02-09: was a working day", StringComparison.Ordinal));
        Assert.Contains("deadline moved from Wed 2027-02-10 17:30 to Mon 2027-02-15 17:30", result.ToString());
    }

    [Fact]
    public void Reproject_NoticeConfirmsTheProjection_KeepsTheDeadlineButClearsProvisional()
    {
        var clock = SlaClock.Start(Projected, Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5));

        var result = clock.Reproject(WithNotice);

        Assert.False(result.Moved);
        Assert.True(result.Changed);
        Assert.Equal(clock.Deadline, result.Deadline);
        Assert.False(result.IsProvisional);
        Assert.Contains("the deadline is no longer provisional", result.Reasons);
    }

    [Fact]
    public void Reproject_SameCalendar_ChangesNothing()
    {
        var clock = SlaClock.Start(Projected, Beijing(2027, 2, 1, 10, 0), TimeLimit.CalendarDays(15, CutOff.EndOfDay))
            .Pause(Beijing(2027, 2, 2, 10, 0)).Resume(Beijing(2027, 2, 3, 10, 0));

        var result = clock.Reproject(Projected);

        Assert.False(result.Changed);
        Assert.Empty(result.Changes);
        Assert.Empty(result.Notices);
    }
}

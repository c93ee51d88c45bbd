using Fengqiao.Sla.Tests.Reference;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Sla.Tests.Clocks;

public class SlaClockTests
{
    private static readonly BusinessCalendar National = BusinessCalendar.ChinaNational;
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant At(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    [Fact]
    public void Start_ThreeWorkingDays_ReadsOnTrackThenOverdue()
    {
        var clock = SlaClock.Start(National, At(2025, 3, 10, 10, 0), TimeLimit.WorkingDays(3));

        Assert.Equal(At(2025, 3, 13, 17, 30), clock.Deadline);
        Assert.Equal(Duration.FromHours(6 + (3 * 7)), clock.Allotted);
        var early = clock.At(At(2025, 3, 11, 9, 0));
        Assert.Equal(SlaStage.OnTrack, early.Stage);
        Assert.Equal(Duration.FromHours(6), early.Elapsed);
        Assert.Equal(SlaStage.OnTrack, clock.At(clock.Deadline).Stage);
        var late = clock.At(At(2025, 3, 14, 10, 0));
        Assert.Equal(SlaStage.Overdue, late.Stage);
        Assert.Equal(Duration.FromHours(-1), late.Remaining);
    }

    [Fact]
    public void PauseResume_AcrossAWeekend_CarriesRemainingWorkingTimeForward()
    {
        var clock = SlaClock.Start(National, At(2025, 3, 10, 9, 0), TimeLimit.WorkingHours(10));
        Assert.Equal(At(2025, 3, 11, 12, 0), clock.Deadline);

        var paused = clock.Pause(At(2025, 3, 10, 15, 0));          // 4h30 used, 5h30 left
        Assert.Equal(SlaClockState.Paused, paused.State);
        Assert.Equal(Duration.FromMinutes(330), paused.At(At(2025, 3, 12, 9, 0)).Remaining);
        var resumed = paused.Resume(At(2025, 3, 14, 16, 0));       // Fri 16:00: 1h30 today, 4h on Monday (3h + 1h)
        Assert.Equal(At(2025, 3, 17, 14, 30), resumed.Deadline);
        Assert.Contains("paused (挂起)", resumed.Explain());
        Assert.Contains("carried forward", resumed.Explain());
    }

    [Fact]
    public void Extend_ThirtyDaysOnAPetition_CountsFromTheCurrentDeadline()
    {
        var clock = SlaClock.Start(National, At(2025, 3, 3, 10, 0), StatutoryLimits.PetitionHandle);
        Assert.Equal(At(2025, 5, 6, 17, 30), clock.Deadline); // May 2 falls in the Labour Day holiday (May 1–5)

        var extended = clock.Extend(StatutoryLimits.PetitionHandleExtension, At(2025, 4, 20, 10, 0));

        Assert.Equal(National.Deadline(At(2025, 5, 6, 17, 30), TimeLimit.CalendarDays(30)).Deadline, extended.Deadline);
        Assert.True(extended.Allotted > clock.Allotted);
        Assert.Contains("extended (延期)", extended.Explain());
    }

    [Fact]
    public void Steps_BuiltOnFirstAsk_ListTheStartThenEveryTransitionInOrder()
    {
        var started = SlaClock.Start(National, At(2025, 3, 10, 9, 0), TimeLimit.WorkingHours(10));
        var paused = started.Pause(At(2025, 3, 10, 15, 0));
        var resumed = paused.Resume(At(2025, 3, 14, 16, 0));
        var extended = resumed.Extend(TimeLimit.WorkingHours(2), At(2025, 3, 17, 9, 0));
        var stopped = extended.Stop(At(2025, 3, 17, 10, 0));

        // Nothing was asked along the way: the last clock's steps are the start's explanation plus one line a transition.
        var steps = stopped.Steps;
        var start = National.Deadline(At(2025, 3, 10, 9, 0), TimeLimit.WorkingHours(10)).Steps;
        Assert.Equal(start.Count + 4, steps.Count);
        Assert.Equal(start, steps.Take(start.Count));
        Assert.StartsWith("paused (挂起)", steps[start.Count], StringComparison.Ordinal);
        Assert.StartsWith("resumed", steps[start.Count + 1], StringComparison.Ordinal);
        Assert.StartsWith("extended (延期)", steps[start.Count + 2], StringComparison.Ordinal);
        Assert.Equal("stopped Mon 2025-03-17 10:00 (in time)", steps[start.Count + 3]);

        // Asking an earlier clock first changes neither its answer nor a later one's.
        Assert.Equal(steps.Take(start.Count + 2), resumed.Steps);
        Assert.Equal(steps, stopped.Steps);
        Assert.Equal(string.Join(" · ", steps), stopped.Explain());
    }

    [Fact]
    public void Stop_BeforeTheDeadline_FreezesTheReading()
    {
        var stopped = SlaClock.Start(National, At(2025, 3, 10, 10, 0), TimeLimit.WorkingDays(1)).Stop(At(2025, 3, 11, 9, 30));

        var reading = stopped.At(At(2025, 6, 1, 0, 0));
        Assert.Equal(SlaClockState.Stopped, reading.State);
        Assert.Equal(SlaStage.OnTrack, reading.Stage);
        Assert.Equal(Duration.FromMinutes(390), reading.Elapsed);
        Assert.Null(stopped.NextStageChangeAfter(At(2025, 3, 11, 10, 0)));
        Assert.Throws<InvalidOperationException>(() => stopped.Pause(At(2025, 3, 12, 10, 0)));
    }

    [Fact]
    public void Pause_BeforeThePreviousTransition_ThrowsNamingBoth()
    {
        var clock = SlaClock.Start(National, At(2025, 3, 10, 10, 0), TimeLimit.WorkingDays(1));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => clock.Pause(At(2025, 3, 10, 9, 0)));
        Assert.Contains("2025-03-10 10:00", e.Message);
        Assert.Throws<InvalidOperationException>(() => clock.Resume(At(2025, 3, 10, 11, 0)));
    }

    [Fact]
    public void At_WarningThresholds_FireAtFractionAndLeadTime()
    {
        var thresholds = SlaPolicies.YellowRed(0.5, Duration.FromHours(1));
        var clock = SlaClock.Start(National, At(2025, 3, 10, 9, 0), TimeLimit.WorkingHours(6), thresholds);
        // 6 working hours: deadline 16:30; yellow after 3h (12:00); red at 1h before (15:30).
        Assert.Equal(At(2025, 3, 10, 16, 30), clock.Deadline);
        Assert.Equal(SlaStage.OnTrack, clock.At(At(2025, 3, 10, 11, 59)).Stage);
        var yellow = clock.At(At(2025, 3, 10, 12, 0));
        Assert.Equal(SlaStage.Warning, yellow.Stage);
        Assert.Equal("yellow", yellow.Warning!.Name);
        Assert.Equal("red", clock.At(At(2025, 3, 10, 15, 30)).Warning!.Name);

        Assert.Equal(At(2025, 3, 10, 12, 0), clock.NextStageChangeAfter(At(2025, 3, 10, 9, 0)));
        Assert.Equal(At(2025, 3, 10, 15, 30), clock.NextStageChangeAfter(At(2025, 3, 10, 12, 0)));
        Assert.Equal(At(2025, 3, 10, 16, 30) + Duration.Epsilon, clock.NextStageChangeAfter(At(2025, 3, 10, 15, 30)));
        Assert.Null(clock.NextStageChangeAfter(At(2025, 3, 10, 17, 0)));
    }

    [Fact]
    public void Reproject_WhenThe2027NoticeArrives_ReportsWhyTheDeadlineMoved()
    {
        var projected = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();
        var clock = SlaClock.Start(projected, At(2026, 12, 29, 10, 0), TimeLimit.WorkingDays(5));
        Assert.True(clock.IsProvisional);
        Assert.Equal(At(2027, 1, 6, 17, 30), clock.Deadline);

        // Pretend the 2027 notice closes Mon Jan 4 as a bridging day.
        var notice = new BusinessCalendarBuilder().UseChinaNational().AllowProjection()
            .AddHoliday(new LocalDate(2027, 1, 4), "New Year's Day 元旦 (bridging day)").Build();
        var result = clock.Reproject(notice);

        Assert.True(result.Moved);
        Assert.Equal(At(2027, 1, 7, 17, 30), result.Deadline);
        Assert.Contains(result.Reasons, r => r.StartsWith("2027-01-04: was a working day"));
        Assert.False(clock.Reproject(projected).Moved);
    }

    [Fact]
    public void PauseResume_RandomCalendars_MovesTheDeadlineByTheWorkingTimeThePauseCovered()
    {
        PropertyCheck.ForAll(
            from spec in Generators.Spec
            from start in Generators.StartIn(spec)
            from minutes in Gen.Choose(1, 6000)
            from pauseAfter in Gen.Choose(0, 7 * 24 * 60)
            from pauseFor in Gen.Choose(0, 10 * 24 * 60)
            select (spec, start, minutes, pauseAfter, pauseFor),
            c =>
            {
                var calendar = c.spec.Build();
                var clock = SlaClock.Start(calendar, c.start, TimeLimit.WorkingMinutes(c.minutes));
                var pause = c.start + Duration.FromMinutes(c.pauseAfter);
                if (pause > clock.Deadline)
                {
                    return; // pausing an overdue clock keeps its deadline; covered by the example tests
                }

                var resume = pause + Duration.FromMinutes(c.pauseFor);
                var resumed = clock.Pause(pause).Resume(resume);
                var covered = calendar.WorkingTimeBetween(pause, resume);
                Assert.Equal(covered, calendar.WorkingTimeBetween(clock.Deadline, resumed.Deadline));
                Assert.Equal(Duration.FromMinutes(c.minutes), resumed.At(resumed.Deadline).Elapsed);
            });
    }

    [Fact]
    public void NextStageChangeAfter_RandomClocks_IsWhereTheReadingChanges()
    {
        PropertyCheck.ForAll(
            from spec in Generators.Spec
            from start in Generators.StartIn(spec)
            from minutes in Gen.Choose(60, 6000)
            from yellow in Gen.Choose(10, 90)
            from redMinutes in Gen.Choose(1, 59)
            select (spec, start, minutes, yellow, redMinutes),
            c =>
            {
                var thresholds = new[]
                {
                    WarningThreshold.AfterFraction("yellow", c.yellow / 100.0),
                    WarningThreshold.BeforeDeadline("red", Duration.FromMinutes(c.redMinutes)),
                };
                var clock = SlaClock.Start(c.spec.Build(), c.start, TimeLimit.WorkingMinutes(c.minutes), thresholds);
                var t = c.start;
                var changes = 0;
                while (clock.NextStageChangeAfter(t) is { } next)
                {
                    Assert.True(next > t);
                    var before = clock.At(next - Duration.Epsilon);
                    var after = clock.At(next);
                    Assert.True(before.Stage != after.Stage || before.Warning != after.Warning, $"nothing changes at {next}");
                    t = next;
                    changes++;
                }

                Assert.InRange(changes, 1, 3);
                Assert.Equal(SlaStage.Overdue, clock.At(t).Stage);
            });
    }
}

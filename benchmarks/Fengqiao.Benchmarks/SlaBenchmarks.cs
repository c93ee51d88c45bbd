using BenchmarkDotNet.Attributes;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The deadline engine: each deadline should cost about the same whatever its length (prefix sums and binary search,
/// no walk over days). Goal: each under 200 ns; AddWorkingDays(60) / AddWorkingDays(1) at most 1.5.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlaBenchmarks
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private readonly BusinessCalendar calendar = BusinessCalendar.ChinaNational;
    private readonly Instant start = new LocalDateTime(2025, 9, 30, 16, 0).InZoneStrictly(Shanghai).ToInstant();
    private readonly Instant yearStart = new LocalDateTime(2025, 1, 1, 0, 0).InZoneStrictly(Shanghai).ToInstant();
    private readonly Instant yearEnd = new LocalDateTime(2026, 1, 1, 0, 0).InZoneStrictly(Shanghai).ToInstant();
    private readonly TimeLimit oneWorkingDay = TimeLimit.WorkingDays(1);
    private readonly TimeLimit sixtyWorkingDays = TimeLimit.WorkingDays(60);
    private readonly TimeLimit sixtyDays = TimeLimit.CalendarDays(60);
    private readonly TimeLimit hundredWorkingHours = TimeLimit.WorkingHours(100);
    private readonly TimeLimit fifteenDaysUntilMidnight = TimeLimit.CalendarDays(15, CutOff.EndOfDay);
    private readonly Instant pauseAt = new LocalDateTime(2025, 10, 9, 10, 0).InZoneStrictly(Shanghai).ToInstant();
    private readonly Instant resumeAt = new LocalDateTime(2025, 10, 13, 15, 0).InZoneStrictly(Shanghai).ToInstant();
    private SlaClock running = null!;
    private SlaClock paused = null!;

    /// <summary>Builds the clocks the clock benchmarks start from.</summary>
    [GlobalSetup]
    public void Setup()
    {
        running = SlaClock.Start(calendar, start, fifteenDaysUntilMidnight);
        paused = running.Pause(pauseAt);
    }

    /// <summary>A deadline 1 working day away.</summary>
    [Benchmark(Baseline = true)]
    public Instant AddWorkingDays1() => calendar.Deadline(start, oneWorkingDay).Deadline;

    /// <summary>A deadline 60 working days away.</summary>
    [Benchmark]
    public Instant AddWorkingDays60() => calendar.Deadline(start, sixtyWorkingDays).Deadline;

    /// <summary>A deadline 60 calendar days away, rolled forward.</summary>
    [Benchmark]
    public Instant CalendarDays60() => calendar.Deadline(start, sixtyDays).Deadline;

    /// <summary>A deadline 100 working hours away.</summary>
    [Benchmark]
    public Instant AddWorkingHours100() => calendar.Deadline(start, hundredWorkingHours).Deadline;

    /// <summary>100 working hours through the allocation-free core.</summary>
    [Benchmark]
    public Instant AddWorkingTime100h() => calendar.AddWorkingTime(start, Duration.FromHours(100));

    /// <summary>The working time elapsed over all of 2025.</summary>
    [Benchmark]
    public Duration WorkingTimeOverAYear() => calendar.WorkingTimeBetween(yearStart, yearEnd);

    /// <summary>Starts a clock on a 24:00 limit.</summary>
    [Benchmark]
    public SlaClock ClockStart() => SlaClock.Start(calendar, start, fifteenDaysUntilMidnight);

    /// <summary>Pauses a running clock.</summary>
    [Benchmark]
    public SlaClock ClockPause() => running.Pause(pauseAt);

    /// <summary>Resumes a paused clock: the remaining working time carries forward.</summary>
    [Benchmark]
    public SlaClock ClockResume() => paused.Resume(resumeAt);

    /// <summary>Extends a running clock by 60 days from its due date.</summary>
    [Benchmark]
    public SlaClock ClockExtend() => running.Extend(sixtyDays, pauseAt);

    /// <summary>Reads a running clock.</summary>
    [Benchmark]
    public SlaReading ClockAt() => running.At(pauseAt);
}

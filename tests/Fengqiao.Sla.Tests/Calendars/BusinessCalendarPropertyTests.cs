using Fengqiao.Sla.Tests.Reference;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Sla.Tests.Calendars;

/// <summary>The fast engine against the naive minute-by-minute, day-by-day reference, and the engine's laws.</summary>
public class BusinessCalendarPropertyTests
{
    private static readonly FsCheck.Gen<(CalendarRecipe Spec, Instant Start, int N)> Case =
        from spec in Generators.Spec
        from start in Generators.StartIn(spec)
        from n in Gen.Choose(1, 40)
        select (spec, start, n);

    [Fact]
    public void AddWorkingTime_RandomCalendars_AgreesWithNaiveReference()
    {
        PropertyCheck.ForAll(
            from c in Case from minutes in Gen.Choose(1, 2400) select (c.Spec, c.Start, minutes),
            c =>
            {
                var expected = new NaiveCalendar(c.Spec).AddWorkingMinutes(c.Start, c.minutes);
                var actual = c.Spec.Build().AddWorkingTime(c.Start, Duration.FromMinutes(c.minutes));
                Assert.True(expected == actual, $"{c.Spec} start {c.Start} +{c.minutes}min: expected {expected}, got {actual}");
            },
            runsScale: 0.5);
    }

    [Fact]
    public void DeadlineWorkingDays_RandomCalendars_AgreesWithNaiveReference()
    {
        PropertyCheck.ForAll(Case, c =>
        {
            var expected = new NaiveCalendar(c.Spec).AddWorkingDays(c.Start, c.N);
            var actual = c.Spec.Build().Deadline(c.Start, TimeLimit.WorkingDays(c.N)).Deadline;
            Assert.True(expected == actual, $"{c.Spec} start {c.Start} +{c.N}wd: expected {expected}, got {actual}");
        });
    }

    [Fact]
    public void DeadlineCalendarDays_RandomCalendars_AgreesWithNaiveReference()
    {
        PropertyCheck.ForAll(
            from c in Case from cut in Gen.Elements(CutOff.CloseOfBusiness, CutOff.EndOfDay) select (c.Spec, c.Start, c.N, cut),
            c =>
            {
                var expected = new NaiveCalendar(c.Spec).AddCalendarDays(c.Start, c.N, c.cut);
                var actual = c.Spec.Build().Deadline(c.Start, TimeLimit.CalendarDays(c.N, c.cut)).Deadline;
                Assert.True(expected == actual, $"{c.Spec} start {c.Start} +{c.N}d {c.cut}: expected {expected}, got {actual}");
            });
    }

    [Fact]
    public void DeadlineMonths_RandomCalendars_AgreesWithNaiveReference()
    {
        PropertyCheck.ForAll(
            from c in Case from months in Gen.Choose(1, 6) from cut in Gen.Elements(CutOff.CloseOfBusiness, CutOff.EndOfDay)
            select (c.Spec, c.Start, months, cut),
            c =>
            {
                var expected = new NaiveCalendar(c.Spec).AddMonths(c.Start, c.months, c.cut);
                var actual = c.Spec.Build().Deadline(c.Start, TimeLimit.Months(c.months, c.cut)).Deadline;
                Assert.True(expected == actual, $"{c.Spec} start {c.Start} +{c.months}mo {c.cut}: expected {expected}, got {actual}");
            });
    }

    [Fact]
    public void WorkingTimeBetween_RandomCalendars_AgreesWithNaiveReference()
    {
        PropertyCheck.ForAll(
            from c in Case from span in Gen.Choose(0, 14 * 24 * 60) select (c.Spec, c.Start, span),
            c =>
            {
                var to = c.Start + Duration.FromMinutes(c.span);
                var expected = new NaiveCalendar(c.Spec).WorkingMinutesBetween(c.Start, to);
                var actual = c.Spec.Build().WorkingTimeBetween(c.Start, to);
                Assert.Equal(Duration.FromMinutes(expected), actual);
            },
            runsScale: 0.5);
    }

    [Fact]
    public void WorkingTimeBetween_DeadlineOfWorkingTime_ReturnsTheBudget()
    {
        PropertyCheck.ForAll(
            from c in Case from minutes in Gen.Choose(1, 20_000) select (c.Spec, c.Start, minutes),
            c =>
            {
                var calendar = c.Spec.Build();
                var budget = Duration.FromMinutes(c.minutes);
                var deadline = calendar.Deadline(c.Start, TimeLimit.WorkingTime(budget)).Deadline;
                Assert.Equal(budget, calendar.WorkingTimeBetween(c.Start, deadline));
            });
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void AddWorkingTime_TwoBudgets_IsAdditive(CalendarRecipe recipe, PositiveInt a, PositiveInt b, byte day)
    {
        var calendar = recipe.Build();
        var start = recipe.CoverageStart.PlusDays(day).At(new LocalTime(10, 17)).InZoneLeniently(recipe.Zone).ToInstant();
        var (first, second) = (Duration.FromMinutes(a.Get % 5000), Duration.FromMinutes(b.Get % 5000));

        var once = calendar.AddWorkingTime(start, first + second);
        var twice = calendar.AddWorkingTime(calendar.AddWorkingTime(start, first), second);

        Assert.Equal(once, twice);
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void WorkingTimeBetween_DeadlineOfAnyLimit_IsNotBeforeTheStart(CalendarRecipe recipe, TimeLimit limit, byte day)
    {
        var calendar = recipe.Build();
        var start = recipe.CoverageStart.PlusDays(day).At(new LocalTime(12, 0)).InZoneLeniently(recipe.Zone).ToInstant();

        var deadline = calendar.Deadline(start, limit).Deadline;

        Assert.True(deadline >= start, $"{limit} from {start} on {recipe}: deadline {deadline}");
    }

    [Fact]
    public void Deadline_LaterStartOrLongerLimit_IsNeverEarlier()
    {
        var limits = Gen.Elements(TimeLimitUnit.WorkingDays, TimeLimitUnit.CalendarDays, TimeLimitUnit.Months, TimeLimitUnit.WorkingTime, TimeLimitUnit.Elapsed);
        PropertyCheck.ForAll(
            from c in Case
            from unit in limits
            from later in Gen.Choose(0, 5 * 24 * 60)
            from more in Gen.Choose(0, 10)
            select (c.Spec, c.Start, c.N, unit, later, more),
            c =>
            {
                static TimeLimit Make(TimeLimitUnit unit, int n) => unit switch
                {
                    TimeLimitUnit.WorkingDays => TimeLimit.WorkingDays(n),
                    TimeLimitUnit.CalendarDays => TimeLimit.CalendarDays(n),
                    TimeLimitUnit.Months => TimeLimit.Months(1 + (n / 10)),
                    TimeLimitUnit.WorkingTime => TimeLimit.WorkingHours(n),
                    _ => TimeLimit.Elapsed(Duration.FromHours(n)),
                };

                var calendar = c.Spec.Build();
                var limit = Make(c.unit, c.N);
                var baseline = calendar.Deadline(c.Start, limit).Deadline;
                Assert.True(calendar.Deadline(c.Start + Duration.FromMinutes(c.later), limit).Deadline >= baseline);
                Assert.True(calendar.Deadline(c.Start, Make(c.unit, c.N + c.more)).Deadline >= baseline);
            });
    }

    [Fact]
    public void Deadline_CalendarLimits_LieInsideWorkingTime()
    {
        var limits = Gen.Elements(
            TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(7), TimeLimit.CalendarDays(3), TimeLimit.CalendarDays(15),
            TimeLimit.Months(1), TimeLimit.WorkingHours(2), TimeLimit.WorkingMinutes(30), TimeLimit.WorkingHours(37));
        PropertyCheck.ForAll(
            from c in Case from limit in limits select (c.Spec, c.Start, limit),
            c =>
            {
                var calendar = c.Spec.Build();
                var deadline = calendar.Deadline(c.Start, c.limit).Deadline;
                var date = deadline.InZone(calendar.Zone).Date;
                Assert.True(calendar.IsWorkingDay(date), $"{deadline} is on a rest day");
                Assert.Contains(calendar.WorkingIntervals(date), i => i.Start <= deadline && deadline <= i.End);
            });
    }
}

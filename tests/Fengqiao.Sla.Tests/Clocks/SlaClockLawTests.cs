using Fengqiao.Sla.Tests.Reference;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Sla.Tests.Clocks;

/// <summary>The laws of issue 13, over every unit and cut-off and random calendars.</summary>
public class SlaClockLawTests
{
    private static readonly Gen<TimeLimit> Limits =
        from unit in Gen.Elements(TimeLimitUnit.WorkingDays, TimeLimitUnit.CalendarDays, TimeLimitUnit.Months, TimeLimitUnit.WorkingTime, TimeLimitUnit.Elapsed)
        from cut in Gen.Elements(CutOff.CloseOfBusiness, CutOff.EndOfDay)
        from n in Gen.Choose(1, 40)
        from seconds in Gen.Choose(1, 40 * 3600)
        select unit switch
        {
            TimeLimitUnit.WorkingDays => TimeLimit.WorkingDays(n),
            TimeLimitUnit.CalendarDays => TimeLimit.CalendarDays(n, cut),
            TimeLimitUnit.Months => TimeLimit.Months(1 + (n % 3), cut),
            TimeLimitUnit.WorkingTime => TimeLimit.WorkingTime(Duration.FromSeconds(seconds)),
            _ => TimeLimit.Elapsed(Duration.FromSeconds(seconds * 3L)),
        };

    private static readonly Gen<(CalendarRecipe Spec, Instant Start, TimeLimit Limit)> Case =
        from spec in Generators.Spec
        from start in Generators.StartIn(spec)
        from limit in Limits
        select (spec, start, limit);

    [Fact]
    public void PauseResume_SameInstant_ChangesNothing()
    {
        PropertyCheck.ForAll(
            from c in Case from after in Gen.Choose(0, 60 * 24 * 60) select (c.Spec, c.Start, c.Limit, after),
            c =>
            {
                var clock = SlaClock.Start(c.Spec.Build(), c.Start, c.Limit);
                var t = c.Start + Duration.FromMinutes(c.after);

                var resumed = clock.Pause(t).Resume(t);

                Assert.True(clock.Deadline == resumed.Deadline, $"{c.Spec} {c.Limit} from {c.Start}, pause/resume at {t}: {clock.Deadline} became {resumed.Deadline}");
                Assert.Equal(clock.DueDate, resumed.DueDate);
                Assert.Equal(clock.Deadline, clock.Pause(t).At(t).Deadline);
            });
    }

    [Fact]
    public void PauseResume_AnyPauseBeforeTheDeadline_MovesTheDeadlineByExactlyTheWorkingTimeItCovered()
    {
        PropertyCheck.ForAll(
            from c in Case
            from pauseAfter in Gen.Choose(0, 30 * 24 * 60)
            from pauseFor in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 16 * 60)), (2, Gen.Choose(0, 10 * 24 * 60)))
            select (c.Spec, c.Start, c.Limit, pauseAfter, pauseFor),
            c =>
            {
                var calendar = c.Spec.Build();
                var clock = SlaClock.Start(calendar, c.Start, c.Limit);
                var pause = c.Start + Duration.FromMinutes(c.pauseAfter);
                if (pause > clock.Deadline)
                {
                    pause = clock.Deadline; // a pause after the deadline moves nothing; pause at the deadline instead
                }

                var resume = pause + Duration.FromMinutes(c.pauseFor);
                var elapsed = c.Limit.Unit == TimeLimitUnit.Elapsed;
                Duration Measure(Instant a, Instant b) => elapsed ? b - a : calendar.WorkingTimeBetween(a, b);

                var moved = clock.Pause(pause).Resume(resume);

                var covered = Measure(pause, resume);
                var what = $"{c.Spec} {c.Limit} from {c.Start}: pause {pause}..{resume} covered {covered}; {clock.Deadline} → {moved.Deadline}";
                Assert.True(moved.Deadline >= clock.Deadline, what);
                Assert.True(covered == Measure(clock.Deadline, moved.Deadline), what);
                if (covered == Duration.Zero)
                {
                    Assert.True(clock.Deadline == moved.Deadline, what);
                    Assert.Equal(clock.DueDate, moved.DueDate);
                }
            });
    }

    [Fact]
    public void Extend_WorkingDaysAfterWorkingDays_EqualsTheSum()
    {
        PropertyCheck.ForAll(
            from spec in Generators.Spec from start in Generators.StartIn(spec)
            from n in Gen.Choose(1, 40) from m in Gen.Choose(1, 20)
            select (spec, start, n, m),
            c =>
            {
                var calendar = c.spec.Build();
                var sum = calendar.Deadline(c.start, TimeLimit.WorkingDays(c.n + c.m));

                var clock = SlaClock.Start(calendar, c.start, TimeLimit.WorkingDays(c.n)).Extend(TimeLimit.WorkingDays(c.m), c.start);
                var chained = calendar.Deadline(calendar.Deadline(c.start, TimeLimit.WorkingDays(c.n)), TimeLimit.WorkingDays(c.m));

                Assert.Equal(sum.Deadline, clock.Deadline);
                Assert.Equal(sum.Deadline, chained.Deadline);
                Assert.Equal(sum.DueDate, clock.DueDate);
            });
    }

    [Fact]
    public void Extend_WorkingDaysFromAnyDeadline_CountsFromTheDayAfterTheDueDate()
    {
        PropertyCheck.ForAll(
            from c in Case from m in Gen.Choose(1, 20) select (c.Spec, c.Start, c.Limit, m),
            c =>
            {
                var calendar = c.Spec.Build();
                var clock = SlaClock.Start(calendar, c.Start, c.Limit);
                var dueNoon = (clock.DueDate + new LocalTime(12, 0)).InZoneLeniently(calendar.Zone).ToInstant();
                var expected = new NaiveCalendar(c.Spec).AddWorkingDays(dueNoon, c.m);

                var extended = clock.Extend(TimeLimit.WorkingDays(c.m), c.Start);

                Assert.True(expected == extended.Deadline, $"{c.Spec} {c.Limit} from {c.Start} (due {clock.DueDate}) + {c.m} working days: expected {expected}, got {extended.Deadline}");
            });
    }

    [Fact]
    public void Extend_CalendarDaysAfterCalendarDays_RollsFromTheDueDateAndEqualsTheSumWithoutARoll()
    {
        PropertyCheck.ForAll(
            from spec in Generators.Spec from start in Generators.StartIn(spec)
            from n in Gen.Choose(1, 40) from m in Gen.Choose(1, 40) from cut in Gen.Elements(CutOff.CloseOfBusiness, CutOff.EndOfDay)
            select (spec, start, n, m, cut),
            c =>
            {
                var calendar = c.spec.Build();
                var first = calendar.Deadline(c.start, TimeLimit.CalendarDays(c.n, c.cut));
                var dueNoon = (first.DueDate + new LocalTime(12, 0)).InZoneLeniently(calendar.Zone).ToInstant();

                var extended = SlaClock.Start(calendar, c.start, TimeLimit.CalendarDays(c.n, c.cut)).Extend(TimeLimit.CalendarDays(c.m, c.cut), c.start);

                Assert.Equal(new NaiveCalendar(c.spec).AddCalendarDays(dueNoon, c.m, c.cut), extended.Deadline);
                if (first.DueDate == first.StartDate.PlusDays(c.n))
                {
                    // No roll-forward in the first period: the extension equals the longer limit (民法典 art.201–203).
                    Assert.Equal(calendar.Deadline(c.start, TimeLimit.CalendarDays(c.n + c.m, c.cut)).Deadline, extended.Deadline);
                }
            });
    }

    [Fact]
    public void DueDate_EveryLimit_IsTheLastCountedDayBesideTheInstant()
    {
        PropertyCheck.ForAll(Case, c =>
        {
            var calendar = c.Spec.Build();
            var result = calendar.Deadline(c.Start, c.Limit);
            var zone = calendar.Zone;

            if (c.Limit.CutOff == CutOff.EndOfDay)
            {
                Assert.Equal(zone.AtStartOfDay(result.DueDate.PlusDays(1)).ToInstant(), result.Deadline);
            }
            else
            {
                // An elapsed limit may end exactly at midnight: it is then due on the day that ends there.
                var date = result.Deadline.InZone(zone).Date;
                Assert.Equal(zone.AtStartOfDay(date).ToInstant() == result.Deadline ? date.PlusDays(-1) : date, result.DueDate);
            }

            if (c.Limit.Unit is not (TimeLimitUnit.Elapsed or TimeLimitUnit.WorkingTime))
            {
                Assert.True(calendar.IsWorkingDay(result.DueDate));
                Assert.True(result.DueDate > result.StartDate);
            }

            Assert.Equal(result.DueDate, SlaClock.Start(calendar, c.Start, c.Limit).DueDate);
        });
    }

    [Fact]
    public void ToString_AnyDuration_RoundTripsExactlyInEnglishAndChinese()
    {
        var durations = Gen.OneOf(
            Gen.Choose(1, 100_000).Select(h => Duration.FromHours(h)),
            Gen.Choose(1, 6_000_000).Select(m => Duration.FromMinutes(m)),
            Gen.Choose(1, 360_000_000).Select(s => Duration.FromSeconds(s)),
            from s in Gen.Choose(0, 100_000) from ns in Gen.Choose(1, 999_999_999) select Duration.FromSeconds(s) + Duration.FromNanoseconds(ns));
        PropertyCheck.ForAll(
            from d in durations from working in Gen.Elements(true, false) select working ? TimeLimit.WorkingTime(d) : TimeLimit.Elapsed(d),
            limit =>
            {
                Assert.Equal(limit, TimeLimit.Parse(limit.ToString()));
                Assert.Equal(limit, TimeLimit.Parse(limit.ToChineseString()));
            });
    }
}

using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Limits;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Mediation.Tests.Limits;

public class MediationClockTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.ChinaNational;

    private static Instant At(int year, int month, int day, int hour = 10) =>
        new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(Calendar.Zone).ToInstant();

    [Fact]
    public void Medical_ThirtyWorkingDaysFromAcceptance_EndsAtCloseOfBusiness()
    {
        var clock = MediationClock.Start(MediationLimits.MedicalMediation, Calendar, At(2025, 3, 3));

        // 30 working days after Mon 3 March 2025, start day not counted, Qingming (4 April) excluded: Tue 15 April.
        Assert.Equal(At(2025, 4, 15, 17).Plus(Duration.FromMinutes(30)), clock.Clock.Deadline);
    }

    [Fact]
    public void Medical_AppraisalPause_MovesTheDeadlineByExactlyTheWorkingTimePaused()
    {
        var start = At(2025, 3, 3);
        var clock = MediationClock.Start(MediationLimits.MedicalMediation, Calendar, start);
        var before = clock.Clock.Deadline;

        var paused = clock.PauseForExclusion(At(2025, 3, 10)).ResumeAfterExclusion(At(2025, 3, 17));

        var pausedWorkingTime = Calendar.WorkingTimeBetween(At(2025, 3, 10), At(2025, 3, 17));
        Assert.Equal(Calendar.AddWorkingTime(before, pausedWorkingTime), paused.Clock.At(At(2025, 3, 18)).Deadline);
    }

    [Fact]
    public void AppraisalPause_AnyLengthAndStart_MovesDeadlineByThePausedWorkingTime()
    {
        var start = At(2025, 3, 3);
        var gen = from pauseDay in Gen.Choose(1, 20) from length in Gen.Choose(1, 15) select (pauseDay, length);

        PropertyCheck.ForAll(gen, input =>
        {
            var clock = MediationClock.Start(MediationLimits.MedicalMediation, Calendar, start);
            var pauseAt = start.Plus(Duration.FromDays(input.pauseDay));
            var resumeAt = pauseAt.Plus(Duration.FromDays(input.length));

            var moved = clock.PauseForExclusion(pauseAt).ResumeAfterExclusion(resumeAt).Clock.At(resumeAt).Deadline;

            Assert.Equal(Calendar.AddWorkingTime(clock.Clock.Deadline, Calendar.WorkingTimeBetween(pauseAt, resumeAt)), moved);
        }, runsScale: 0.5);
    }

    [Fact]
    public void Labour_HasNoExcludedTimeAndNoExtension()
    {
        var clock = MediationClock.Start(MediationLimits.LabourMediation, Calendar, At(2025, 5, 6));

        var pause = Assert.Throws<InvalidOperationException>(() => clock.PauseForExclusion(At(2025, 5, 7)));
        var extend = Assert.Throws<InvalidOperationException>(() => clock.Extend(TimeLimit.CalendarDays(5), At(2025, 5, 7)));

        Assert.Contains("劳动争议调解仲裁法 art.14", pause.Message);
        Assert.Contains("cannot be extended", extend.Message);
    }

    [Fact]
    public void PetitionHandling_ExtendsOnceByAtMostThirtyDays()
    {
        var clock = MediationClock.Start(MediationLimits.PetitionHandling, Calendar, At(2025, 5, 6));

        var tooMuch = Assert.Throws<InvalidOperationException>(() => clock.Extend(TimeLimit.CalendarDays(31), At(2025, 6, 1)));
        var once = clock.Extend(TimeLimit.CalendarDays(30), At(2025, 6, 1));
        var twice = Assert.Throws<InvalidOperationException>(() => once.Extend(TimeLimit.CalendarDays(1), At(2025, 6, 2)));

        Assert.Contains("at most 30 days", tooMuch.Message);
        Assert.Equal(1, once.Extensions);
        Assert.Contains("only once", twice.Message);
        Assert.True(once.Clock.Deadline > clock.Clock.Deadline);
    }

    [Fact]
    public void CourtReferred_ExtendsWithoutCapByConsent()
    {
        var clock = MediationClock.Start(MediationLimits.CourtReferredMediation, Calendar, At(2025, 5, 6));

        for (var i = 0; i < 5; i++)
        {
            clock = clock.Extend(TimeLimit.CalendarDays(30), At(2025, 5, 7));
        }

        Assert.Equal(5, clock.Extensions);
    }

    [Fact]
    public void Medical_Lapse_CountsAsFailure_Labour_DoesToo_Petition_DoesNot()
    {
        var start = At(2025, 3, 3);
        var late = At(2025, 12, 1);

        Assert.True(MediationClock.Start(MediationLimits.MedicalMediation, Calendar, start).HasLapsedAsFailure(late));
        Assert.False(MediationClock.Start(MediationLimits.MedicalMediation, Calendar, start).HasLapsedAsFailure(start));
        Assert.False(MediationClock.Start(MediationLimits.PetitionHandling, Calendar, start).HasLapsedAsFailure(late));
    }

    [Fact]
    public void ForMediation_KnowsTheStatutoryTypes()
    {
        Assert.Same(MediationLimits.LabourMediation, MediationLimits.ForMediation(DisputeType.Labour));
        Assert.Equal(TimeLimit.WorkingDays(10), MediationLimits.ForMediation(DisputeType.Traffic)!.Limit);
        Assert.Null(MediationLimits.ForMediation(DisputeType.Neighbour));
        Assert.All(MediationLimits.All.Values, l => Assert.False(string.IsNullOrWhiteSpace(l.Source)));
    }
}

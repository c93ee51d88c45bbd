using Fengqiao.Cases;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Limits;
using Fengqiao.Mediation.Process;
using Fengqiao.Mediation.RoadMap;
using Fengqiao.Mediation.Rules;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.Process;

public class DisputeMediationTests
{
    private static DisputeMediation Accepted(DisputeType type, HandOffRoute? route = null, Instant? at = null)
    {
        var start = at ?? At(2025, 3, 3);
        return DisputeMediation.Apply(new CaseId("case-1"), type, Committee, Clerk, start, Calendar, route)
            .Accept(start.Plus(Duration.FromHours(1)), MediatorLi);
    }

    [Fact]
    public void Accept_PicksTheStatutoryClockOfTheDisputeTypeOrTheRoute()
    {
        Assert.Same(MediationLimits.LabourMediation, Accepted(DisputeType.Labour).Clock!.Limit);
        Assert.Same(MediationLimits.MedicalMediation, Accepted(DisputeType.Medical).Clock!.Limit);
        Assert.Same(MediationLimits.CourtReferredMediation, Accepted(DisputeType.Medical, HandOffRoute.Court).Clock!.Limit);
        Assert.Same(HandOffFlows.DefaultMediationLimit, Accepted(DisputeType.Neighbour).Clock!.Limit);
    }

    [Fact]
    public void Schedule_OnARestDay_IsRefusedUnlessOnCallOrByVideo()
    {
        var mediation = Accepted(DisputeType.Neighbour);
        var saturday = At(2025, 3, 8, 10);

        var e = Assert.Throws<MediationProcessException>(() => mediation.Schedule(At(2025, 3, 4), MediatorLi, new MediationSession(saturday, SessionMode.TalkPoint, "百姓说事点 3")));
        var video = mediation.Schedule(At(2025, 3, 4), MediatorLi, new MediationSession(saturday, SessionMode.Video));
        var onCall = video.Schedule(At(2025, 3, 4), MediatorLi, new MediationSession(saturday, SessionMode.InPerson, "调解室 2", OnCall: true));
        var weekday = onCall.Schedule(At(2025, 3, 4), MediatorLi, new MediationSession(At(2025, 3, 10, 15), SessionMode.TalkPoint, "百姓说事点 3"));

        Assert.Contains("2025-03-08 is not a working day", e.Message);
        Assert.Contains("case-1", e.Message);
        Assert.Equal("schedule", e.Step);
        Assert.Equal(3, weekday.Sessions.Length);
        Assert.Empty(mediation.Sessions);
    }

    [Fact]
    public void Schedule_OnAHolidayMakeUpWorkday_IsAllowed_OnTheHolidayIsNot()
    {
        var mediation = Accepted(DisputeType.Neighbour, at: At(2025, 1, 20));

        // 2025: Sunday 26 January is a make-up working day (调休); Wednesday 29 January is Spring Festival.
        var makeUp = mediation.Schedule(At(2025, 1, 21), MediatorLi, new MediationSession(At(2025, 1, 26, 10), SessionMode.InPerson));
        var holiday = Assert.Throws<MediationProcessException>(() => makeUp.Schedule(At(2025, 1, 21), MediatorLi, new MediationSession(At(2025, 1, 29, 10), SessionMode.InPerson)));

        Assert.Single(makeUp.Sessions);
        Assert.Contains("2025-01-29 is not a working day", holiday.Message);
    }

    [Fact]
    public void Agreement_NeedsTermsAndEffect_AndOpensTheThirtyDayConfirmationWindow()
    {
        var mediation = Accepted(DisputeType.Debt);
        var effect = At(2025, 3, 14, 16);

        var noTerms = Assert.Throws<MediationProcessException>(() => mediation.Conclude(new MediationOutcome(MediationOutcomeKind.Agreement, At(2025, 3, 14, 16), TakesEffect: effect), MediatorLi));
        var agreed = mediation.Conclude(new MediationOutcome(MediationOutcomeKind.Agreement, At(2025, 3, 14, 16), "repay 8,000 yuan by June", effect), MediatorLi);

        Assert.Contains("terms", noTerms.Message);
        Assert.Equal(MediationStatus.Concluded, agreed.Status);
        Assert.Same(MediationLimits.JudicialConfirmationApplication, agreed.ConfirmationWindow!.Limit);
        Assert.Equal(Calendar.Deadline(effect, TimeLimit.CalendarDays(30)).Deadline, agreed.ConfirmationWindow.Clock.Deadline);
        Assert.Equal(SlaClockState.Stopped, agreed.Clock!.Clock.State);
        Assert.Throws<MediationProcessException>(() => agreed.Conclude(new MediationOutcome(MediationOutcomeKind.Failure, At(2025, 3, 15), Note: "x"), MediatorLi));
    }

    [Fact]
    public void Medical_AppraisalPausesTheClock_AndALapseIsAFailure_WithTheRoadMapsNextStep()
    {
        var mediation = Accepted(DisputeType.Medical)
            .AttachCounselling(new CounsellingReferral(At(2025, 3, 4), new("counsellor-wang"), "family in grief"), MediatorLi);
        var before = mediation.Clock!.Clock.Deadline;

        var paused = mediation.PauseForAppraisal(At(2025, 3, 10), MediatorLi);
        var resumed = paused.ResumeAfterAppraisal(At(2025, 4, 7), MediatorLi);
        var deadline = resumed.Clock!.Clock.Deadline;

        Assert.Equal(Calendar.AddWorkingTime(before, Calendar.WorkingTimeBetween(At(2025, 3, 10), At(2025, 4, 7))), deadline);
        Assert.Same(resumed, resumed.CheckLapse(deadline));
        var lapsed = resumed.CheckLapse(deadline.Plus(Duration.FromDays(1)));
        Assert.Equal(MediationOutcomeKind.Failure, lapsed.Outcome!.Kind);
        Assert.True(lapsed.Outcome.Lapsed);
        Assert.Equal(deadline, lapsed.Outcome.At);
        Assert.Equal(DisputeMediation.LapseActor, lapsed.Events[^1].Actor);
        Assert.Contains("医疗纠纷预防和处理条例 art.38", lapsed.Events[^1].Text);
        Assert.Equal(RoadMapStepKind.Litigation, lapsed.NextStep().Kind);
        Assert.Single(lapsed.Counselling);
    }

    [Fact]
    public void Labour_Failure_LeadsToArbitration_AndExtensionIsRefusedCitingTheLaw()
    {
        var mediation = Accepted(DisputeType.Labour);

        var extend = Assert.Throws<MediationProcessException>(() => mediation.Extend(TimeLimit.CalendarDays(5), At(2025, 3, 5), MediatorLi, "parties agree"));
        var pause = Assert.Throws<MediationProcessException>(() => mediation.PauseForAppraisal(At(2025, 3, 5), MediatorLi));
        var failed = mediation.Conclude(new MediationOutcome(MediationOutcomeKind.Failure, At(2025, 3, 12), Note: "employer refuses"), MediatorLi);

        Assert.Contains("cannot be extended", extend.Message);
        Assert.Contains("劳动争议调解仲裁法 art.14", pause.Message);
        var next = failed.NextStep();
        Assert.Equal(RoadMapStepKind.Arbitration, next.Kind);
        Assert.Same(MediationLimits.LabourArbitration, next.Limit);
        Assert.Throws<MediationProcessException>(() => Accepted(DisputeType.Labour).NextStep());
    }

    [Fact]
    public void Reject_NeedsAReason_AndStepsOutOfOrderAreRefused()
    {
        var applied = DisputeMediation.Apply(new CaseId("case-1"), DisputeType.Debt, Committee, Clerk, At(2025, 3, 3), Calendar);

        Assert.Throws<MediationProcessException>(() => applied.Reject(At(2025, 3, 4), MediatorLi, ""));
        Assert.Equal(MediationStatus.Rejected, applied.Reject(At(2025, 3, 4), MediatorLi, "already before the court").Status);
        Assert.Throws<MediationProcessException>(() => applied.Accept(At(2025, 3, 2), MediatorLi));
        Assert.Throws<MediationProcessException>(() => applied.Schedule(At(2025, 3, 4), MediatorLi, new MediationSession(At(2025, 3, 5), SessionMode.InPerson)));
    }

    [Fact]
    public void ToHandOffFact_AfterACourtReferredFailure_ReturnsTheDisputeToFiling()
    {
        var failed = Accepted(DisputeType.Debt, HandOffRoute.Court)
            .Conclude(new MediationOutcome(MediationOutcomeKind.Failure, At(2025, 3, 20), Note: "no agreement"), MediatorLi);

        var matches = HandOffRules.Decide(HandOffRules.Default, failed.ToHandOffFact());

        Assert.Equal([HandOffRules.CourtReturnFailure], matches.Select(m => m.RuleId));
        var record = failed.ToRecord();
        Assert.Equal(HandOffRoute.Court, record.Route);
        Assert.Equal(MediationOutcomeKind.Failure, record.Outcome);
        Assert.Equal(At(2025, 3, 3, 11), record.AcceptedAt);
    }
}

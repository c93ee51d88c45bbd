using Fengqiao.Cases;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Process;
using Fengqiao.Sla;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.Process;

public class DisputeMediationLifecycleTests
{
    private static DisputeMediation Applied() =>
        DisputeMediation.Apply(new CaseId("case-1"), DisputeType.Neighbour, Committee, Clerk, At(2025, 3, 3), Calendar);

    [Fact]
    public void LifecycleDescription_Steps_ArePermittedInTheStatusesTheMediationAccepts()
    {
        var d = DisputeMediation.LifecycleDescription;
        MediationStatus[] SourcesOf(MediationEventKind kind) => [.. d.Transitions.Where(t => t.Trigger == kind).Select(t => t.Source).Order()];

        Assert.Equal(MediationStatus.Applied, d.InitialState);
        Assert.Equal([MediationStatus.Applied, MediationStatus.Accepted], SourcesOf(MediationEventKind.CounsellingAttached));
        Assert.Equal([MediationStatus.Accepted], SourcesOf(MediationEventKind.SessionScheduled));
        Assert.Equal([MediationStatus.Applied], SourcesOf(MediationEventKind.Rejected));
        Assert.Equal([MediationStatus.Accepted], SourcesOf(MediationEventKind.Concluded));
        Assert.True(d.States.Single(s => s.State == MediationStatus.Rejected).IsTerminal);
        Assert.True(d.States.Single(s => s.State == MediationStatus.Concluded).IsTerminal);
        Assert.Contains("Applied 申请", d.ToMermaid(), StringComparison.Ordinal);
    }

    [Fact]
    public void Step_TheLifecycleDoesNotPermit_IsRefusedNamingCaseBodyStatusAndStep()
    {
        var applied = Applied();
        var counselled = applied.AttachCounselling(new CounsellingReferral(At(2025, 3, 3, 11), MediatorLi, "family tension"), Clerk);

        var schedule = Assert.Throws<MediationProcessException>(() =>
            counselled.Schedule(At(2025, 3, 4), MediatorLi, new MediationSession(At(2025, 3, 5), SessionMode.Video)));
        var rejected = counselled.Reject(At(2025, 3, 4), Clerk, "outside the committee's remit");
        var extend = Assert.Throws<MediationProcessException>(() =>
            rejected.Extend(TimeLimit.CalendarDays(5), At(2025, 3, 5), MediatorLi, "parties agree"));

        Assert.Equal(MediationStatus.Applied, counselled.Status);
        Assert.Equal(MediationStatus.Applied, schedule.Status);
        Assert.Equal("schedule", schedule.Step);
        Assert.Equal(
            "Mediation of case case-1 at committee-xinshi (applied): 'schedule' refused: permitted only when accepted.", schedule.Message);
        Assert.Equal(MediationStatus.Rejected, rejected.Status);
        Assert.Equal(MediationStatus.Rejected, extend.Status);
        Assert.Contains("'extend' refused: permitted only when accepted", extend.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_DatedBeforeTheLastStepAndWithoutReason_IsRefusedAsOutOfOrderFirst()
    {
        var applied = Applied();

        var backwards = Assert.Throws<MediationProcessException>(() => applied.Reject(At(2025, 3, 2), Clerk, " "));
        var bare = Assert.Throws<MediationProcessException>(() => applied.Reject(At(2025, 3, 4), Clerk, " "));

        Assert.Contains("before the last step", backwards.Message, StringComparison.Ordinal);
        Assert.Contains("a rejection needs a reason", bare.Message, StringComparison.Ordinal);
        Assert.Equal(MediationStatus.Applied, bare.Status);
    }
}

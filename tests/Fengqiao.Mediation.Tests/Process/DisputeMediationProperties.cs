using Fengqiao.Cases;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Process;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.Process;

public class DisputeMediationProperties
{
    [Fact]
    public void Schedule_AnyDayIn2025_IsRefusedExactlyOnRestDaysUnlessOnCallOrVideo()
    {
        var gen = from day in Gen.Choose(0, 330) from mode in Gen.Elements(SessionMode.InPerson, SessionMode.TalkPoint, SessionMode.Video)
                  from onCall in Gen.Elements(false, true) select (day, mode, onCall);
        var mediation = DisputeMediation.Apply(new CaseId("case-1"), DisputeType.Neighbour, Committee, Clerk, At(2025, 1, 2), Calendar)
            .Accept(At(2025, 1, 2, 11), MediatorLi);

        PropertyCheck.ForAll(gen, input =>
        {
            var when = At(2025, 1, 3, 10).Plus(Duration.FromDays(input.day));
            var session = new MediationSession(when, input.mode, OnCall: input.onCall);
            var working = Calendar.IsWorkingDay(when.InZone(Calendar.Zone).Date);

            if (working || session.AllowedOnRestDay)
            {
                Assert.Single(mediation.Schedule(At(2025, 1, 2, 12), MediatorLi, session).Sessions);
            }
            else
            {
                var e = Assert.Throws<MediationProcessException>(() => mediation.Schedule(At(2025, 1, 2, 12), MediatorLi, session));
                Assert.Contains("is not a working day", e.Message);
            }
        }, runsScale: 0.5);
    }
}

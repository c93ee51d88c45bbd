using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles.Tests.Writing;

public class CountyProfileWriterTests
{
    [Fact]
    public void Write_HandBuiltProfileWithUninitialisedArrays_TreatsThemAsEmpty()
    {
        // A code-first profile whose author left arrays at their default: written out, then read back, not a crash.
        var unit = new UnitProfile(new OrgUnitId("street"), "街道", OrgUnitKind.Street, null, default,
            [new OrgMember(new ActorId("li"), "李", default)]);
        var profile = new CountyProfile(
            "Hand-built county",
            DateTimeZoneProviders.Tzdb["Asia/Shanghai"],
            new HoursProfile(WorkSchedule.Default, default, default),
            new CalendarProfile(ChinaRegion.None, false, 2035, default, default),
            default,
            new OrgProfile([unit], default),
            new Ladder("one", "One level", [new LadderLevel("street", "Street", [OrgUnitKind.Street])]),
            default,
            new SlaProfile("hand-built", "urumqi-1351", default),
            MediationProfile.None,
            EscalationRulesProfile.None);

        var yaml = CountyProfileWriter.Write(profile);

        Assert.Contains("channels: []", yaml);
        Assert.Contains("roles: []", yaml);
    }
}

using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Escalation.Tests.Ladders.SampleCounties;

namespace Fengqiao.Escalation.Tests.Rules;

/// <summary>Paths, facts and a calendar for escalation tests.</summary>
internal static class EscalationSamples
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing: a working morning.</summary>
    public static Instant Monday { get; } = Instant.FromUtc(2026, 3, 2, 1, 0);

    public static BusinessCalendar Calendar => BusinessCalendar.ChinaNational;

    /// <summary>grid-1 → community → street → dept-housing → task-force → secretary.</summary>
    public static LadderPath SaybaghPath { get; } =
        BuiltInLadders.Default.Resolve(Saybagh(), Id("grid-1"), level => level.Key == "department" ? Id("dept-housing") : null);

    /// <summary>village-a1 → pl-a → head-a → leader-a → county-pl → county-heads → city-pl.</summary>
    public static LadderPath BaiyinPath { get; } = BuiltInLadders.Baiyin.Resolve(Baiyin(), Id("village-a1"));

    public static EscalationFacts Facts(string holder, string category = "dispute", string caseId = "c-1") =>
        new(new CaseId(caseId), new CaseCategory(category), Id(holder), Monday);

    public static OrgUnitId Unit(string id) => Id(id);
}

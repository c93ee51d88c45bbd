using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Tests.Processes;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Profiles.Tests.Samples;

/// <summary>Issue 13: every sample county keeps working across the end of the verified calendar data (2026-12-31).</summary>
public class SampleProfilesYearBoundaryTests
{
    // Sunday 20 December 2026, 10:00 in Beijing: a 60-day limit runs to 2027-02-18, a year no notice covers yet.
    private static readonly Instant Registered = Instant.FromUtc(2026, 12, 20, 2, 0);

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(RepositoryPaths.Combine("samples", "profiles"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Register_SixtyDayLimitOn20December2026_IsAcceptedWithAProvisionalDeadline(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));
        var sixtyDays = new SlaRule("petition-60", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.CalendarDays(60) },
            source: "信访工作条例 2022 art.34");
        profile = profile with { Sla = profile.Sla with { Rules = [.. profile.Sla.Rules, sixtyDays] } };
        var kit = new ProfileDesk(profile, Registered, profile.BuildOrgTree().Roots[0].Id);
        var root = kit.Tree.Roots[0].Id;
        var grid = kit.Tree.Units.First(u => profile.Ladder.Levels[0].IsServedBy(u)).Id;
        var dispatcher = CaseActor.Staff(new ActorId("year-boundary-dispatcher"), root);

        var registered = await kit.Desk.RegisterAsync(ProfileDesk.Report(grid.Value, "petition-60", "信访事项：拖欠工资"), dispatcher);

        var clock = registered.Case.Clock(CaseClockKind.Citizen)!;
        Assert.True(clock.IsProvisional, $"{file}: the deadline reaches 2027 and must be marked provisional");
        Assert.Equal(new LocalDate(2027, 2, 18), clock.DueDate);
        Assert.Equal(SlaStage.OnTrack, clock.At(Registered).Stage);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Calendar_EverySample_ProjectsPastTheVerifiedData(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

        var calendar = profile.BuildCalendar();

        Assert.False(profile.Calendar.Strict);
        Assert.True(calendar.AllowsProjection);
        Assert.True(calendar.Deadline(Registered, TimeLimit.CalendarDays(60)).IsProvisional);
    }
}

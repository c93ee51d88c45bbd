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
        // Every category of the county, reported through its first channel, gets the petition limit of 60 days.
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));
        var channel = profile.Channels.IsDefaultOrEmpty ? CaseChannel.Hotline12345 : profile.Channels[0];
        var sixtyDays = profile.Categories.Select(c => new SlaRule(c.Key.Key,
            new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.CalendarDays(60) }, channel: channel.Key(), source: "信访工作条例 2022 art.34"));
        profile = profile with { Sla = profile.Sla with { Rules = [.. profile.Sla.Rules, .. sixtyDays] } };
        var kit = new ProfileDesk(profile, Registered, profile.BuildOrgTree().Roots[0].Id);
        var dispatcher = CaseActor.Staff(new ActorId("year-boundary-dispatcher"), kit.Tree.Roots[0].Id);
        var grids = kit.Tree.Units.Where(u => profile.Ladder.Levels[0].IsServedBy(u)).Select(u => u.Id.Value).ToList();

        var registered = new List<Case>();
        var refusals = new List<string>();
        foreach (var category in profile.Categories)
        {
            try
            {
                var report = ProfileDesk.Report(grids[registered.Count % grids.Count], category.Key.Key, "信访事项：拖欠工资", channel);
                registered.Add((await kit.Desk.RegisterAsync(report, dispatcher)).Case);
            }
            catch (CaseReportRefusedException e) when (e.Message.Contains("routing", StringComparison.Ordinal))
            {
                refusals.Add(e.Message); // the county's routing table, not the calendar
            }
        }

        Assert.NotEmpty(registered);
        Assert.All(registered, c =>
        {
            var clock = c.Clock(CaseClockKind.Citizen)!;
            Assert.True(clock.IsProvisional, $"{file} {c.Report.Category}: the deadline reaches 2027 and must be marked provisional");
            Assert.Equal(new LocalDate(2027, 2, 18), clock.DueDate);
            Assert.Equal(SlaStage.OnTrack, clock.At(Registered).Stage);
        });
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

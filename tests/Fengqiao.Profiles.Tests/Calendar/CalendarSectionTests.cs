using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Profiles.Tests.Calendar;

/// <summary>The <c>calendar:</c> section: projection by default, <c>strict</c>, notice files, and the outlook that
/// <c>profile check</c> warns with (issue 13).</summary>
public class CalendarSectionTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>samples/profiles/toutunhe.yaml with another calendar section and a 60-day petition rule.</summary>
    private static string Profile(string calendar)
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "toutunhe.yaml")).ReplaceLineEndings("\n");
        var lines = text.Split('\n').ToList();
        var at = lines.IndexOf("calendar:");
        var after = at + 1;
        while (lines[after].StartsWith("  ", StringComparison.Ordinal))
        {
            after++;
        }

        lines.RemoveRange(at + 1, after - at - 1);
        lines.Insert(at + 1, calendar);
        lines.Insert(lines.IndexOf("categories:") + 1, "  - key: petition\n    name: 信访\n    share: 0.1");
        var preset = lines.IndexOf("  preset: urumqi-1351");
        lines.Insert(preset + 1, "  rules:\n    - category: petition\n      limits:\n        handle: 60日");
        return string.Join('\n', lines);
    }

    private static Instant Beijing(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    private static string TempFolder() => Directory.CreateTempSubdirectory("fengqiao-notice-").FullName;

    [Fact]
    public void Calendar_NothingSaid_ProjectsUncoveredYearsAsProvisional()
    {
        var profile = CountyProfileLoader.Parse(Profile("  region: none"));

        var result = profile.BuildCalendar().Deadline(Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5));

        Assert.False(profile.Calendar.Strict);
        Assert.True(result.IsProvisional);
        Assert.Equal(new LocalDate(2027, 1, 5), result.DueDate);
    }

    [Fact]
    public void Calendar_Strict_RefusesUncoveredYears()
    {
        var profile = CountyProfileLoader.Parse(Profile("  strict: true"));

        Assert.True(profile.Calendar.Strict);
        Assert.Throws<CalendarCoverageException>(() => profile.BuildCalendar().Deadline(Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5)));
    }

    [Fact]
    public void Calendar_StrictContradictsAllowProjection_IsAProblemOnTheLine()
    {
        var text = Profile("  strict: true\n  allow-projection: true");
        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(text, "p.yaml"));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(text.Split('\n').ToList().IndexOf("  allow-projection: true") + 1, problem.Line);
        Assert.Contains("contradicts 'strict: true'", problem.Message);
    }

    [Fact]
    public void NoticeFiles_NextToTheProfile_AreLoadedAndPreferredToTheProjection()
    {
        var folder = TempFolder();
        HypotheticalNotices.Write2027(folder);
        var path = Path.Combine(folder, "county.yaml");
        File.WriteAllText(path, Profile("  notice-files: [2027.csv]"));

        var profile = CountyProfileLoader.LoadFile(path);
        var calendar = profile.BuildCalendar();

        Assert.Equal("2027.csv", Assert.Single(profile.Calendar.NoticeFiles));
        Assert.Equal(2027, Assert.Single(profile.Calendar.Notices).Year);
        Assert.Equal(new LocalDate(2027, 12, 31), calendar.CoveredEnd);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2027, 2, 9)));
        Assert.False(calendar.Deadline(Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5)).IsProvisional);
        Assert.Contains("notice-files: [\"2027.csv\"]", CountyProfileWriter.Write(profile));
    }

    [Fact]
    public void NoticeFiles_InvalidNotice_ReportsTheNoticeFileAndLine()
    {
        var folder = TempFolder();
        File.WriteAllText(Path.Combine(folder, "2027.csv"), HypotheticalNotices.Year2027.Replace("2027-02-20,workday", "2027-02-19,workday", StringComparison.Ordinal));
        var path = Path.Combine(folder, "county.yaml");
        File.WriteAllText(path, Profile("  notice-files: [2027.csv, missing.csv]"));

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.LoadFile(path));

        Assert.Contains(e.Problems, p => p.File == Path.Combine(folder, "2027.csv") && p.Line == 12 && p.Message.Contains("must be a Saturday or Sunday", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.File == path && p.Path == "calendar.notice-files[1]" && p.Message.Contains("cannot read the file", StringComparison.Ordinal));
    }

    [Fact]
    public void Outlook_FourWeeksBeforeTheEnd_WarnsAndNamesTheLimitsThatTurnProvisional()
    {
        var profile = CountyProfileLoader.Parse(Profile("  region: none"));

        var outlook = CalendarOutlook.For(profile, profile.BuildCalendar(), Beijing(2026, 12, 4, 9, 0));

        Assert.True(outlook.NeedsWarning);
        Assert.Equal(27, outlook.DaysLeft);
        var petition = Assert.Single(outlook.Limits, l => l.Rule == "petition");
        Assert.Equal(new LocalDate(2026, 12, 4), petition.ProvisionalFrom); // 60 days from today already reach 2027
        var other = Assert.Single(outlook.Limits, l => l.Rule == "*" && l.LimitName == "handle");
        Assert.Equal(new LocalDate(2026, 12, 25), other.ProvisionalFrom); // Fri 12-25 + 5 working days = Fri 2027-01-01 → rolls on
        var text = string.Join('\n', outlook.Describe());
        Assert.Contains("verified data ends on 2026-12-31 (27 days from today, 2026-12-04)", text);
        Assert.Contains(outlook.Describe(), l => l.Contains("handle 60 days (", StringComparison.Ordinal) && l.Contains("petition", StringComparison.Ordinal) && l.EndsWith("provisional already", StringComparison.Ordinal));
        Assert.Contains("handle 5 working days (*): provisional from 2026-12-25", text);
    }

    [Fact]
    public void Outlook_HalfAYearBefore_DoesNotWarn_AndStrictSaysRefused()
    {
        var profile = CountyProfileLoader.Parse(Profile("  strict: true"));

        var early = CalendarOutlook.For(profile, profile.BuildCalendar(), Beijing(2026, 6, 1, 9, 0));
        var late = CalendarOutlook.For(profile, profile.BuildCalendar(), Beijing(2026, 12, 4, 9, 0));

        Assert.False(early.NeedsWarning);
        Assert.True(late.NeedsWarning);
        Assert.Contains("will be refused (strict: true)", late.Describe()[0]);
    }
}

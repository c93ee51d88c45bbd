namespace Fengqiao.Cli.Tests;

public class CalendarCommandTests
{
    [Fact]
    public void Calendar_2026_ListsRestAndMakeUpDaysWithReasons()
    {
        var (code, output, _) = CliRun.Invoke("calendar", "--year", "2026");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("2026-02-14 Sat make-up make-up working day 调休 for Spring Festival 春节", output);
        Assert.Contains("2026-10-01 Thu rest    National Day", output);
        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", output);
    }

    [Fact]
    public void Calendar_XinjiangRegion_AddsCorbanMarkedProvisional()
    {
        var (code, output, _) = CliRun.Invoke("calendar", "--year", "2026", "--region", "xinjiang");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("2026-05-27 Wed rest    Corban Festival", output);
        Assert.Contains("[provisional]", output);
    }

    [Fact]
    public void Calendar_2027_IsProjectedAndMarkedProvisionalUnlessStrict()
    {
        var (ok, output, _) = CliRun.Invoke("calendar", "--year", "2027");
        Assert.Equal(FengqiaoCli.Ok, ok);
        Assert.Contains("2027-02-06 Sat rest    Spring Festival 春节", output);
        Assert.Contains("[provisional]", output);

        var (code, _, error) = CliRun.Invoke("calendar", "--year", "2027", "--strict");
        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("2027-01-01", error);
    }

    [Fact]
    public void Calendar_NoticeFile_ListsTheYearFromTheNoticeNotProvisional()
    {
        var file = Fengqiao.TestSupport.HypotheticalNotices.Write2027(Directory.CreateTempSubdirectory("fengqiao-cli-").FullName);

        var (code, output, _) = CliRun.Invoke("calendar", "--year", "2027", "--notice-file", file);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("2027-02-20 Sat make-up make-up working day 调休 for Spring Festival 春节", output);
        Assert.Contains("from the notice file 2027.csv", output);
        Assert.DoesNotContain("[provisional]", output);
    }

    [Fact]
    public void Calendar_InvalidNoticeFile_ListsEveryProblemWithFileAndLineAndExitsOne()
    {
        var folder = Directory.CreateTempSubdirectory("fengqiao-cli-").FullName;
        var file = Path.Combine(folder, "2027.csv");
        File.WriteAllText(file, Fengqiao.TestSupport.HypotheticalNotices.Year2027
            .Replace("2027-02-20,workday,Spring Festival 春节", "2027-02-19,workday,", StringComparison.Ordinal));

        var (code, _, error) = CliRun.Invoke("calendar", "--year", "2027", "--notice-file", file);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains($"{file}:12: 2027-02-19 is a Friday", error);
        Assert.Contains($"{file}:12: the reason is missing", error);
    }
}

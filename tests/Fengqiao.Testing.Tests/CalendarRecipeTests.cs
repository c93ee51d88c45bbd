using Fengqiao.Sla;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class CalendarRecipeTests
{
    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void Build_GeneratedRecipe_AgreesWithTheRecipeOnEveryDate(CalendarRecipe recipe)
    {
        var calendar = recipe.Build();

        for (var d = recipe.CoverageStart; d <= recipe.CoverageEnd; d = d.PlusDays(1))
        {
            Assert.True(recipe.IsWorkingDay(d) == calendar.IsWorkingDay(d), $"{d} in {recipe}");
        }
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void ToString_GeneratedRecipe_NamesEveryIngredient(CalendarRecipe recipe)
    {
        var text = recipe.ToString();

        Assert.StartsWith("new BusinessCalendarBuilder()", text);
        Assert.Contains($"Tzdb[\"{recipe.ZoneId}\"]", text);
        Assert.Contains($"WorkSchedule.Parse(\"{recipe.Schedule}\")", text);
        Assert.All(recipe.Holidays, d => Assert.Contains($".AddHoliday(new LocalDate({d.Year}, {d.Month}, {d.Day})", text));
        Assert.All(recipe.ExtraWorkingDays, d => Assert.Contains($".AddWorkingDay(new LocalDate({d.Year}, {d.Month}, {d.Day})", text));
        Assert.EndsWith(".Build()", text);
    }

    [Fact]
    public void Calendars_FailingProperty_ShrinksToTheOneHolidayThatMatters()
    {
        var culprit = new LocalDate(2024, 10, 1);
        var property = Prop.ForAll(FengqiaoArbitraries.Calendars(), r => !r.Holidays.Contains(culprit));
        var config = Config.QuickThrowOnFailure.WithMaxTest(2000).WithQuietOnSuccess(true);

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(config, property));

        Assert.Contains("Shrunk", failure.Message);
        Assert.Contains("AddHoliday(new LocalDate(2024, 10, 1), \"recipe holiday\").Build()", failure.Message);
        Assert.Contains("Tzdb[\"Asia/Shanghai\"]", failure.Message.Split("Shrunk")[1]);
        Assert.DoesNotContain("AddWorkingDay", failure.Message.Split("Shrunk")[1]);
    }

    [Fact]
    public void Ctor_HolidayOutsideCoverage_FailsNamingTheDate()
    {
        var failure = Assert.Throws<ArgumentException>(() => new CalendarRecipe(
            "Asia/Shanghai", WorkSchedule.Default, [IsoDayOfWeek.Sunday], new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31),
            [new LocalDate(2026, 1, 1)], []));

        Assert.Contains("2026-01-01", failure.Message);
    }

    [Fact]
    public void Ctor_UnknownZone_FailsNamingIt()
    {
        var failure = Assert.Throws<ArgumentException>(() => new CalendarRecipe(
            "Mars/Olympus", WorkSchedule.Default, [], new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31), [], []));

        Assert.Contains("Mars/Olympus", failure.Message);
    }
}

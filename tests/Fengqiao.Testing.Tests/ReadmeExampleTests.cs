using Fengqiao.Sla;
using FsCheck.Xunit;
using NodaTime;

namespace Fengqiao.Testing.Tests;

/// <summary>The README's opening example, verbatim, so it keeps compiling and passing.</summary>
public class ReadmeExampleTests
{
    [Property(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public bool Deadline_NeverBeforeTheStart(CalendarRecipe recipe, TimeLimit limit)
    {
        var calendar = recipe.Build();
        var start = new LocalDateTime(2024, 9, 30, 17, 29).InZoneLeniently(recipe.Zone).ToInstant();
        return calendar.Deadline(start, limit).Deadline >= start;
    }
}

using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Sla.Tests.Reference;

/// <summary>Random calendars (Fengqiao.Testing's recipes, shrinking included) and minute-aligned instants inside their coverage.</summary>
public static class Generators
{
    public static Gen<CalendarRecipe> Spec => FengqiaoArbitraries.Calendars().Generator;

    /// <summary>A minute-aligned instant in the first 18 months of the coverage (leaving room for limits).</summary>
    public static Gen<Instant> StartIn(CalendarRecipe spec) =>
        from day in Gen.Choose(0, 540)
        from minute in Gen.Choose(0, 24 * 60 - 1)
        select (spec.CoverageStart.PlusDays(day).AtMidnight().PlusMinutes(minute)).InZoneLeniently(spec.Zone).ToInstant();
}

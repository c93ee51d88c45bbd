using NodaTime;

namespace Fengqiao.Sla.Internal;

/// <summary>The statutory days off of the 2024 holiday regulation, for years no notice covers yet.</summary>
internal static class ProjectionRules
{
    public static IReadOnlyDictionary<LocalDate, string> Build(CalendarDefinition definition, int coveredCount, int dayCount)
    {
        var result = new Dictionary<LocalDate, string>();
        if (!definition.National || coveredCount >= dayCount)
        {
            return result;
        }

        var firstProjected = definition.CoveredEnd.PlusDays(1);
        for (var year = firstProjected.Year; year <= definition.ComputableEnd.Year; year++)
        {
            if (!EmbeddedData.Festivals.TryGetValue(year, out var f))
            {
                continue;
            }

            void Add(LocalDate date, string name)
            {
                result[date] = result.TryGetValue(date, out var existing) ? $"{existing} & {name}" : name;
            }

            Add(new LocalDate(year, 1, 1), "New Year's Day 元旦");
            Add(f.NewYearsEve, "Spring Festival 春节 (Lunar New Year's Eve 除夕)");
            for (var d = 0; d < 3; d++)
            {
                Add(f.SpringFestival.PlusDays(d), "Spring Festival 春节");
            }

            Add(f.Qingming, "Tomb-sweeping Day 清明节");
            Add(new LocalDate(year, 5, 1), "Labour Day 劳动节");
            Add(new LocalDate(year, 5, 2), "Labour Day 劳动节");
            Add(f.DragonBoat, "Dragon Boat Festival 端午节");
            for (var d = 1; d <= 3; d++)
            {
                Add(new LocalDate(year, 10, d), "National Day 国庆节");
            }

            Add(f.MidAutumn, "Mid-Autumn Festival 中秋节");
        }

        return result;
    }
}

using System.Globalization;
using System.Reflection;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Sla.Internal;

/// <summary>The holiday tables embedded in this assembly, parsed once at first use.</summary>
internal static class EmbeddedData
{
    /// <summary>The first year of the national table.</summary>
    public const int NationalFirstYear = 2018;

    /// <summary>The last year of the national table.</summary>
    public const int NationalLastYear = 2026;

    /// <summary>The last year the festival table lets a calendar project.</summary>
    public const int ProjectionLastYear = 2035;

    /// <summary>The first verified or provisional year of the Xinjiang overlay.</summary>
    public const int XinjiangFirstYear = 2023;

    /// <summary>The last year of the Xinjiang overlay (verified or provisional).</summary>
    public const int XinjiangLastYear = 2026;

    /// <summary>The names of the embedded resources, as copied from the shared data folder.</summary>
    public static readonly IReadOnlyList<string> FileNames =
    [
        "cn-national.csv", "xinjiang-regional.csv", "xinjiang-regional-provisional.csv", "cn-festivals-2027-2035.csv",
        "README.md",
    ];

    private static readonly Lazy<IReadOnlyList<CalendarEntry>> LazyNational = new(LoadNational);
    private static readonly Lazy<IReadOnlyList<CalendarEntry>> LazyXinjiang = new(LoadXinjiang);
    private static readonly Lazy<IReadOnlyDictionary<int, FestivalDates>> LazyFestivals = new(LoadFestivals);

    /// <summary>Gets the national table, 2018–2026.</summary>
    public static IReadOnlyList<CalendarEntry> National => LazyNational.Value;

    /// <summary>Gets the Xinjiang overlay (verified and provisional rows).</summary>
    public static IReadOnlyList<CalendarEntry> Xinjiang => LazyXinjiang.Value;

    /// <summary>Gets the festival dates for projected years.</summary>
    public static IReadOnlyDictionary<int, FestivalDates> Festivals => LazyFestivals.Value;

    /// <summary>Gets the Xinjiang years whose rows are provisional.</summary>
    public static IReadOnlySet<int> XinjiangProvisionalYears { get; } = new HashSet<int> { 2024, 2026 };

    /// <summary>Gets the provenance of a national year: the State Council notice(s) it comes from.</summary>
    public static string NationalProvenance(int year) => year switch
    {
        2019 => "State Council notice for 2019 (国务院办公厅关于2019年部分节假日安排的通知) and its Labour Day change " +
                "(国务院办公厅关于调整2019年劳动节假期安排的通知)",
        2020 => "State Council notice for 2020 (国务院办公厅关于2020年部分节假日安排的通知) and the Spring Festival " +
                "extension (国务院办公厅关于延长2020年春节假期的通知)",
        _ => $"State Council notice for {year} (国务院办公厅关于{year}年部分节假日安排的通知)",
    };

    /// <summary>Gets the provenance of a Xinjiang overlay year.</summary>
    public static string XinjiangProvenance(int year) =>
        year > XinjiangLastYear
            ? $"Xinjiang {year}: provisional, no regional notice yet (Eid al-Fitr 肉孜节 and Corban 古尔邦节 not included)"
            : XinjiangProvisionalYears.Contains(year)
                ? $"Xinjiang {year}: provisional, one secondary source not checked against the regional notice"
                : $"Xinjiang Uygur Autonomous Region notice for {year} (as reposted by county governments)";

    /// <summary>Opens an embedded file as a stream.</summary>
    public static Stream Open(string fileName) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceStream("Fengqiao.Sla.Data." + fileName)
        ?? throw new InvalidOperationException($"Embedded data file '{fileName}' is missing from Fengqiao.Sla.");

    private static List<CalendarEntry> LoadNational() =>
        ReadEntries("cn-national.csv", date => (DaySource.National, NationalProvenance(date.Year), false));

    private static IReadOnlyList<CalendarEntry> LoadXinjiang() =>
    [
        .. ReadEntries("xinjiang-regional.csv", date => (DaySource.Regional, XinjiangProvenance(date.Year), false)),
        .. ReadEntries("xinjiang-regional-provisional.csv", date => (DaySource.Regional, XinjiangProvenance(date.Year), true)),
    ];

    private static List<CalendarEntry> ReadEntries(
        string fileName, Func<LocalDate, (DaySource Source, string Provenance, bool Provisional)> origin)
    {
        var result = new List<CalendarEntry>();
        foreach (var (line, fields) in ReadCsv(fileName, "date,kind,name"))
        {
            var date = ParseDate(fileName, line, fields[0]);
            var isHoliday = fields[1] switch
            {
                "holiday" => true,
                "workday" => false,
                _ => throw new FormatException($"{fileName} line {line}: kind '{fields[1]}' is neither 'holiday' nor 'workday'."),
            };
            var (source, provenance, provisional) = origin(date);
            result.Add(new CalendarEntry(date, isHoliday, fields[2], source, provenance, provisional));
        }

        return result;
    }

    private static Dictionary<int, FestivalDates> LoadFestivals()
    {
        const string file = "cn-festivals-2027-2035.csv";
        var result = new Dictionary<int, FestivalDates>();
        foreach (var (line, f) in ReadCsv(file, "year,new_years_eve,spring_festival,qingming,dragon_boat,mid_autumn"))
        {
            var year = int.Parse(f[0], NumberStyles.None, CultureInfo.InvariantCulture);
            result[year] = new FestivalDates(
                ParseDate(file, line, f[1]), ParseDate(file, line, f[2]), ParseDate(file, line, f[3]),
                ParseDate(file, line, f[4]), ParseDate(file, line, f[5]));
        }

        return result;
    }

    private static List<(int Line, string[] Fields)> ReadCsv(string fileName, string header)
    {
        using var reader = new StreamReader(Open(fileName));
        var first = reader.ReadLine();
        if (first != header)
        {
            throw new FormatException($"{fileName} line 1: expected header '{header}' but found '{first}'.");
        }

        var expected = header.Split(',').Length;
        var lineNumber = 1;
        var rows = new List<(int Line, string[] Fields)>();
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',', expected);
            if (fields.Length != expected)
            {
                throw new FormatException($"{fileName} line {lineNumber}: expected {expected} fields but found {fields.Length}.");
            }

            rows.Add((lineNumber, fields));
        }

        return rows;
    }

    private static LocalDate ParseDate(string fileName, int line, string text)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success
            ? result.Value
            : throw new FormatException($"{fileName} line {line}: '{text}' is not a date (yyyy-MM-dd).");
    }
}

/// <summary>The Gregorian dates of one year's lunar and solar-term festivals.</summary>
internal sealed record FestivalDates(
    LocalDate NewYearsEve, LocalDate SpringFestival, LocalDate Qingming, LocalDate DragonBoat, LocalDate MidAutumn);

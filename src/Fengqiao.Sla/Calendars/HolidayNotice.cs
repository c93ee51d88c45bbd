using System.Collections.ObjectModel;
using System.Globalization;
using Fengqiao.Sla.Internal;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Sla;

/// <summary>One year's holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知) read from a data file, validated, ready to
/// add to a calendar with <see cref="BusinessCalendarBuilder.AddNotice(HolidayNotice)"/>.</summary>
/// <remarks>
/// <para>The file has the format of the shipped tables: a header line <c>date,kind,name</c>, then one line per listed
/// date: <c>2027-02-05,holiday,Spring Festival 春节</c> or <c>2027-02-07,workday,Spring Festival 春节</c>.
/// <c>holiday</c> is a day off inside an official holiday span (weekend days inside the span included);
/// <c>workday</c> is a Saturday or Sunday declared a working day (调休), named after the holiday it makes up for.
/// Weekdays not listed work, weekends not listed rest. Blank lines are ignored.</para>
/// <para>Validation (every problem is reported at once, with the file and line): the header; three fields a line; an
/// ISO date (<c>uuuu-MM-dd</c>); the kind <c>holiday</c> or <c>workday</c>; a reason on every line; no date listed
/// twice; a make-up working day only on a Saturday or Sunday; every line in the notice's year (the latest year
/// listed) or in the December before it (a notice may move the days around New Year, as the 2019 notice did); and the
/// year complete: every statutory day off of the 2024 holiday regulation (全国年节及纪念日放假办法, from 2025: New Year's
/// Day, Lunar New Year's Eve and Spring Festival days 1–3, Tomb-sweeping Day, May 1–2, Dragon Boat, Mid-Autumn,
/// October 1–3) listed as a holiday. Lunar festival dates are known through 2035; later years and years before 2025
/// are checked for the fixed-date days only.</para>
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class HolidayNotice
{
    private const string Header = "date,kind,name";
    private const int MaxChars = 64 * 1024;

    private readonly CalendarEntry[] entries;

    private HolidayNotice(int year, string source, IReadOnlyList<DayInfo> days, CalendarEntry[] entries)
    {
        this.entries = entries;
        Year = year;
        Source = source;
        Days = days;
    }

    /// <summary>Gets the year the notice is for.</summary>
    public int Year { get; }

    /// <summary>Gets where the notice was read from (the file name, or the source name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>Gets the listed days in date order: holidays and make-up working days, with their reasons and the
    /// notice as provenance (source <see cref="DaySource.National"/>, not provisional).</summary>
    public IReadOnlyList<DayInfo> Days { get; }

    /// <summary>Reads and validates a notice file.</summary>
    /// <param name="path">The file, e.g. <c>2027.csv</c>.</param>
    /// <returns>The notice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="HolidayNoticeException">The file cannot be read, is longer than 64 KiB of text (a year's notice
    /// has a few dozen lines; this also refuses devices), or is invalid; every problem is listed.</exception>
    public static HolidayNotice Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            // A year's notice is a few dozen lines: read at most MaxChars + 1, so a device or a huge file is refused.
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[MaxChars + 1];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            if (read > MaxChars)
            {
                throw new HolidayNoticeException([new HolidayNoticeProblem(path, 0, string.Create(CultureInfo.InvariantCulture,
                    $"the file is longer than {MaxChars:N0} characters; a year's notice has a few dozen lines"))]);
            }

            text = new string(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new HolidayNoticeException([new HolidayNoticeProblem(path, 0, $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Reads and validates a notice from its text.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="source">The name problems are reported under, e.g. the file name.</param>
    /// <returns>The notice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="HolidayNoticeException">The text is invalid; every problem is listed.</exception>
    public static HolidayNotice Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<HolidayNoticeProblem>();
        void Problem(int line, string message) => problems.Add(new HolidayNoticeProblem(source, line, message));

        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines[0].Trim() != Header)
        {
            Problem(1, $"expected the header '{Header}' but found '{lines[0].Trim()}'");
        }

        var rows = new List<(int Line, LocalDate Date, bool IsHoliday, string Name)>();
        var seen = new Dictionary<LocalDate, int>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = i + 1;
            var content = lines[i].Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var fields = content.Split(',', 3);
            if (fields.Length != 3)
            {
                Problem(line, $"expected three fields 'date,kind,name' but found {fields.Length}");
                continue;
            }

            var parsed = LocalDatePattern.Iso.Parse(fields[0].Trim());
            if (!parsed.Success)
            {
                Problem(line, $"'{fields[0].Trim()}' is not a date (uuuu-MM-dd, e.g. 2027-02-05)");
            }

            var kind = fields[1].Trim();
            var isHoliday = kind == "holiday";
            if (!isHoliday && kind != "workday")
            {
                Problem(line, $"kind '{kind}' is neither 'holiday' (a day off) nor 'workday' (a make-up working day 调休)");
            }

            var name = fields[2].Trim();
            if (name.Length == 0)
            {
                Problem(line, "the reason is missing: name the holiday, e.g. 'Spring Festival 春节'");
            }

            if (!parsed.Success)
            {
                continue;
            }

            var date = parsed.Value;
            if (seen.TryGetValue(date, out var earlier))
            {
                Problem(line, string.Create(CultureInfo.InvariantCulture, $"{date:uuuu-MM-dd} is already listed on line {earlier}"));
                continue;
            }

            seen[date] = line;
            if (kind == "workday" && date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                Problem(line, string.Create(CultureInfo.InvariantCulture,
                    $"{date:uuuu-MM-dd} is a {date.DayOfWeek}: a make-up working day (workday) must be a Saturday or Sunday"));
            }

            rows.Add((line, date, isHoliday, name));
        }

        if (rows.Count == 0)
        {
            Problem(0, "the notice lists no days");
            throw new HolidayNoticeException(problems);
        }

        var year = rows.Max(r => r.Date.Year);
        foreach (var row in rows.Where(r => r.Date.Year != year && !(r.Date.Year == year - 1 && r.Date.Month == 12)))
        {
            Problem(row.Line, string.Create(CultureInfo.InvariantCulture,
                $"{row.Date:uuuu-MM-dd} is outside the {year} notice (its year, or the December before it); one file per year's notice"));
        }

        var holidays = rows.Where(r => r.IsHoliday).Select(r => r.Date).ToHashSet();
        foreach (var (date, what) in StatutoryDays(year).Where(d => !holidays.Contains(d.Date)))
        {
            Problem(0, string.Create(CultureInfo.InvariantCulture,
                $"the {year} notice is incomplete: {what} ({date:uuuu-MM-dd}) is a statutory day off and must be listed as a holiday"));
        }

        if (problems.Count > 0)
        {
            throw new HolidayNoticeException([.. problems.OrderBy(p => p.Line == 0 ? int.MaxValue : p.Line)]);
        }

        var provenance = $"{EmbeddedData.NationalProvenance(year)}, from the notice file {Path.GetFileName(source)}";
        var days = rows.OrderBy(r => r.Date).Select(r => new DayInfo(
            r.Date,
            r.IsHoliday ? DayKind.Holiday : DayKind.MakeUpWorkday,
            r.IsHoliday ? r.Name : $"make-up working day 调休 for {r.Name}",
            DaySource.National,
            provenance,
            false)).ToList();
        var entries = rows.OrderBy(r => r.Date)
            .Select(r => new CalendarEntry(r.Date, r.IsHoliday, r.Name, DaySource.National, provenance, false)).ToArray();
        return new HolidayNotice(year, source, new ReadOnlyCollection<DayInfo>(days), entries);
    }

    /// <summary>Returns e.g. "holiday notice for 2027 (2027.csv, 40 days)".</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"holiday notice for {Year} ({Source}, {Days.Count} days)");

    internal IReadOnlyList<CalendarEntry> Entries => entries;

    private static IEnumerable<(LocalDate Date, string What)> StatutoryDays(int year)
    {
        yield return (new LocalDate(year, 1, 1), "New Year's Day 元旦");
        yield return (new LocalDate(year, 5, 1), "Labour Day 劳动节");
        if (year >= 2025)
        {
            yield return (new LocalDate(year, 5, 2), "Labour Day 劳动节");
        }

        for (var d = 1; d <= 3; d++)
        {
            yield return (new LocalDate(year, 10, d), "National Day 国庆节");
        }

        if (year >= 2025 && EmbeddedData.Festivals.TryGetValue(year, out var f))
        {
            yield return (f.NewYearsEve, "Lunar New Year's Eve 除夕");
            for (var d = 0; d < 3; d++)
            {
                yield return (f.SpringFestival.PlusDays(d), "Spring Festival 春节");
            }

            yield return (f.Qingming, "Tomb-sweeping Day 清明节");
            yield return (f.DragonBoat, "Dragon Boat Festival 端午节");
            yield return (f.MidAutumn, "Mid-Autumn Festival 中秋节");
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cli;

/// <summary>The calendar options shared by <c>deadline</c> and <c>elapsed</c>, and how to read instants.</summary>
internal sealed class CalendarOptions
{
    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
    ];

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<G>"),
    ];

    private static readonly OffsetDateTimePattern IsoPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");

    /// <summary>JSON output: readable Chinese, snake_case names chosen by the commands.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Gets <c>--zone</c>.</summary>
    public Option<string> Zone { get; } = new("--zone")
    {
        Description = "IANA time zone of the office's local dates and hours (default: Asia/Shanghai, Beijing time).",
        DefaultValueFactory = _ => "Asia/Shanghai",
    };

    /// <summary>Gets <c>--hours</c>.</summary>
    public Option<string> Hours { get; } = new("--hours")
    {
        Description = "Working hours of a working day, periods separated by commas (default: 09:00-12:00,13:30-17:30).",
        DefaultValueFactory = _ => "09:00-12:00,13:30-17:30",
    };

    /// <summary>Gets <c>--region</c>.</summary>
    public Option<string> Region { get; } = CreateRegion();

    /// <summary>Gets <c>--allow-provisional</c>.</summary>
    public Option<bool> AllowProvisional { get; } = CreateAllowProvisional();

    /// <summary>Gets <c>--strict</c>.</summary>
    public Option<bool> Strict { get; } = CreateStrict();

    /// <summary>Gets <c>--notice-file</c>.</summary>
    public Option<string[]> NoticeFiles { get; } = CreateNoticeFiles();

    /// <summary>Gets <c>--json</c>.</summary>
    public Option<bool> JsonOutput { get; } = new("--json") { Description = "Print one JSON object instead of text." };

    /// <summary>Creates the <c>--region</c> option (also used by <c>calendar</c>).</summary>
    public static Option<string> CreateRegion()
    {
        var option = new Option<string>("--region")
        {
            Description = "Regional holiday overlay: none or xinjiang (Eid al-Fitr 肉孜节, Corban 古尔邦节; covers 2023–2026) (default: none).",
            DefaultValueFactory = _ => "none",
        };
        option.AcceptOnlyFromAmong("none", "xinjiang");
        return option;
    }

    /// <summary>Creates the <c>--allow-provisional</c> option (also used by <c>calendar</c>).</summary>
    public static Option<bool> CreateAllowProvisional() => new("--allow-provisional")
    {
        Description = "Project years no State Council notice covers yet (2027–2035) from the 2024 holiday regulation and mark " +
                      "results touching them provisional. This is the default; the option is kept for scripts.",
    };

    /// <summary>Creates the <c>--strict</c> option (also used by <c>calendar</c>).</summary>
    public static Option<bool> CreateStrict() => new("--strict")
    {
        Description = "Refuse dates no State Council notice covers (default: project them from the 2024 holiday regulation, " +
                      "marked provisional).",
    };

    /// <summary>Creates the <c>--notice-file</c> option (also used by <c>calendar</c>).</summary>
    public static Option<string[]> CreateNoticeFiles() => new("--notice-file")
    {
        Description = "A year's State Council holiday notice as a data file (date,kind,name, e.g. 2027.csv; see docs/calendar.md), " +
                      "checked and preferred to the projection. Repeat for several years.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Zone);
        command.Options.Add(Hours);
        command.Options.Add(Region);
        command.Options.Add(AllowProvisional);
        command.Options.Add(Strict);
        command.Options.Add(NoticeFiles);
        command.Options.Add(JsonOutput);
    }

    /// <summary>Builds the calendar the options describe.</summary>
    public BusinessCalendar Build(ParseResult parse)
    {
        var builder = new BusinessCalendarBuilder()
            .WithZone(ReadZone(parse.GetValue(Zone)!))
            .WithSchedule(WorkSchedule.Parse(parse.GetValue(Hours)!))
            .UseChinaNational()
            .UseRegion(ReadRegion(parse.GetValue(Region)));
        return Finish(builder, parse, AllowProvisional, Strict, NoticeFiles);
    }

    /// <summary>Adds the notice files and (unless strict) projection to <paramref name="builder"/> and builds it.</summary>
    public static BusinessCalendar Finish(
        BusinessCalendarBuilder builder, ParseResult parse, Option<bool> allowProvisional, Option<bool> strict, Option<string[]> noticeFiles)
    {
        if (parse.GetValue(strict) && parse.GetValue(allowProvisional))
        {
            throw new CliException("--strict and --allow-provisional contradict each other: give one.");
        }

        foreach (var file in parse.GetValue(noticeFiles) ?? [])
        {
            builder.AddNotice(LoadNotice(file));
        }

        if (!parse.GetValue(strict))
        {
            builder.AllowProjection();
        }

        return builder.Build();
    }

    /// <summary>Loads a notice file; an invalid one is a <see cref="CliException"/> listing every problem (exit 1).</summary>
    public static HolidayNotice LoadNotice(string file)
    {
        try
        {
            return HolidayNotice.Load(file);
        }
        catch (HolidayNoticeException e)
        {
            throw new CliException(
                $"--notice-file: {e.Problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, e.Problems)}",
                FengqiaoCli.Invalid);
        }
    }

    /// <summary>Reads a region name.</summary>
    public static ChinaRegion ReadRegion(string? text) =>
        string.Equals(text, "xinjiang", StringComparison.OrdinalIgnoreCase) ? ChinaRegion.Xinjiang : ChinaRegion.None;

    /// <summary>Reads an IANA zone id.</summary>
    public static DateTimeZone ReadZone(string id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
        ?? throw new CliException($"--zone: unknown time zone '{id}' (use an IANA id such as Asia/Shanghai or Asia/Urumqi).");

    /// <summary>Reads an instant: local time in <paramref name="zone"/>, or a time with an offset.</summary>
    public static Instant ReadInstant(string optionName, string text, DateTimeZone zone)
    {
        foreach (var pattern in OffsetPatterns)
        {
            var offset = pattern.Parse(text);
            if (offset.Success)
            {
                return offset.Value.ToInstant();
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            var local = pattern.Parse(text);
            if (local.Success)
            {
                var mapping = zone.MapLocal(local.Value);
                return mapping.Count switch
                {
                    0 => throw new CliException($"{optionName}: {text} does not exist in {zone.Id} (a daylight-saving gap)."),
                    _ => mapping.First().ToInstant(),
                };
            }
        }

        throw new CliException(
            $"{optionName}: '{text}' is not a date and time (expected e.g. 2025-09-30T16:00 or 2025-09-30T16:00+08:00).");
    }

    /// <summary>Formats a zoned time as ISO-8601 with offset.</summary>
    public static string Iso(ZonedDateTime zoned) => IsoPattern.Format(zoned.ToOffsetDateTime());

    /// <summary>Formats a date as ISO-8601 with its weekday, e.g. "2027-01-05 (Tue)"; years before 1 are ISO years (-0001).</summary>
    public static string IsoDate(LocalDate date) =>
        date.ToString("uuuu-MM-dd '('ddd')'", CultureInfo.InvariantCulture);

    /// <summary>Formats a working duration as hours and minutes.</summary>
    public static string HoursMinutes(Duration d) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalHours}h{d.Minutes:00}m");
}

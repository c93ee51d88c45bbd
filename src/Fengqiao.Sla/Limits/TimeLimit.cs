using System.Globalization;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>A time limit as the law and the counties state it: working days, calendar days, months, working time or
/// elapsed time.</summary>
/// <remarks>
/// <para>Apply a limit with <see cref="BusinessCalendar.Deadline(Instant, TimeLimit)"/>; the counting rules are
/// described on each factory. Counts are at least 1 and at most 100,000.</para>
/// <para>Text: <see cref="Parse(string)"/> reads English and Chinese ("3 working days", "3个工作日", "15 days", "15日",
/// "15天", "1 month", "1个月", "2 working hours", "2个工作小时", "90 working minutes", "90 working seconds",
/// "2 hours", "30 minutes", "30分钟", "45秒"); a calendar-day or month limit may end with " until 24:00" or "（至24时）"
/// for <see cref="CutOff.EndOfDay"/>. Working-time and elapsed amounts may carry a decimal fraction down to the
/// nanosecond ("1.5 working hours", "0.0000001 seconds").</para>
/// <para><see cref="ToString()"/> writes English and <see cref="ToChineseString"/> Chinese; both parse back to an equal
/// limit, exactly: a duration is written in the largest of hours, minutes and seconds that divides it, and in
/// (fractional) seconds otherwise, so <c>WorkingTime(Duration.FromSeconds(90))</c> is "90 working seconds".</para>
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class TimeLimit : IEquatable<TimeLimit>
{
    private const int MaxCount = 100_000;

    private static readonly (string Text, TimeLimitUnit Unit, long SecondsPerCount)[] Units =
        new (string, TimeLimitUnit, long)[]
        {
            ("working days", TimeLimitUnit.WorkingDays, 0), ("working day", TimeLimitUnit.WorkingDays, 0),
            ("business days", TimeLimitUnit.WorkingDays, 0), ("business day", TimeLimitUnit.WorkingDays, 0),
            ("个工作日", TimeLimitUnit.WorkingDays, 0), ("工作日", TimeLimitUnit.WorkingDays, 0),
            ("calendar days", TimeLimitUnit.CalendarDays, 0), ("calendar day", TimeLimitUnit.CalendarDays, 0),
            ("days", TimeLimitUnit.CalendarDays, 0), ("day", TimeLimitUnit.CalendarDays, 0),
            ("个自然日", TimeLimitUnit.CalendarDays, 0), ("自然日", TimeLimitUnit.CalendarDays, 0),
            ("日", TimeLimitUnit.CalendarDays, 0), ("天", TimeLimitUnit.CalendarDays, 0),
            ("months", TimeLimitUnit.Months, 0), ("month", TimeLimitUnit.Months, 0),
            ("个月", TimeLimitUnit.Months, 0), ("月", TimeLimitUnit.Months, 0),
            ("working hours", TimeLimitUnit.WorkingTime, 3600), ("working hour", TimeLimitUnit.WorkingTime, 3600),
            ("个工作小时", TimeLimitUnit.WorkingTime, 3600), ("工作小时", TimeLimitUnit.WorkingTime, 3600),
            ("working minutes", TimeLimitUnit.WorkingTime, 60), ("working minute", TimeLimitUnit.WorkingTime, 60),
            ("个工作分钟", TimeLimitUnit.WorkingTime, 60), ("工作分钟", TimeLimitUnit.WorkingTime, 60),
            ("working seconds", TimeLimitUnit.WorkingTime, 1), ("working second", TimeLimitUnit.WorkingTime, 1),
            ("个工作秒", TimeLimitUnit.WorkingTime, 1), ("工作秒", TimeLimitUnit.WorkingTime, 1),
            ("hours", TimeLimitUnit.Elapsed, 3600), ("hour", TimeLimitUnit.Elapsed, 3600),
            ("个小时", TimeLimitUnit.Elapsed, 3600), ("小时", TimeLimitUnit.Elapsed, 3600),
            ("minutes", TimeLimitUnit.Elapsed, 60), ("minute", TimeLimitUnit.Elapsed, 60),
            ("分钟", TimeLimitUnit.Elapsed, 60),
            ("seconds", TimeLimitUnit.Elapsed, 1), ("second", TimeLimitUnit.Elapsed, 1), ("秒", TimeLimitUnit.Elapsed, 1),
        }.OrderByDescending(u => u.Item1.Length).ToArray();

    private static readonly string[] EndOfDaySuffixes = ["until 24:00", "（至24时）", "(至24时)"];

    private TimeLimit(TimeLimitUnit unit, int count, Duration duration, CutOff cutOff)
    {
        Unit = unit;
        Count = count;
        Duration = duration;
        CutOff = cutOff;
    }

    /// <summary>Gets the unit.</summary>
    public TimeLimitUnit Unit { get; }

    /// <summary>Gets the number of days or months; for working time and elapsed limits, the number of whole minutes.</summary>
    public int Count { get; }

    /// <summary>Gets the duration of a working-time or elapsed limit; <see cref="NodaTime.Duration.Zero"/> for day and month limits.</summary>
    public Duration Duration { get; }

    /// <summary>Gets when the last day ends, for calendar-day and month limits (<see cref="CutOff.CloseOfBusiness"/> otherwise).</summary>
    public CutOff CutOff { get; }

    /// <summary>Creates a limit of <paramref name="count"/> working days (工作日).</summary>
    /// <param name="count">The number of working days, 1..100,000.</param>
    /// <returns>The limit.</returns>
    /// <remarks>The start date never counts; the limit ends at close of business of the n-th working day after the
    /// start date. Make-up working days (调休) count; weekends and holidays do not.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public static TimeLimit WorkingDays(int count) =>
        new(TimeLimitUnit.WorkingDays, CheckCount(count), Duration.Zero, CutOff.CloseOfBusiness);

    /// <summary>Creates a limit of <paramref name="count"/> calendar days (日).</summary>
    /// <param name="count">The number of days, 1..100,000.</param>
    /// <param name="cutOff">When the last day ends (default close of business).</param>
    /// <returns>The limit.</returns>
    /// <remarks>The start date never counts; the limit ends on the n-th day after it, or, if that is a rest day, the
    /// first working day after it. Rest days inside the period are not deducted.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="cutOff"/> is out of range.</exception>
    public static TimeLimit CalendarDays(int count, CutOff cutOff = CutOff.CloseOfBusiness) =>
        new(TimeLimitUnit.CalendarDays, CheckCount(count), Duration.Zero, CheckCutOff(cutOff));

    /// <summary>Creates a limit of <paramref name="count"/> months (个月).</summary>
    /// <param name="count">The number of months, 1..100,000.</param>
    /// <param name="cutOff">When the last day ends (default close of business).</param>
    /// <returns>The limit.</returns>
    /// <remarks>Ends on the same day of the month <paramref name="count"/> months after the start date, or that month's
    /// last day if it is shorter (Jan 31 + 1 month = Feb 28/29), rolled forward off a rest day.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="cutOff"/> is out of range.</exception>
    public static TimeLimit Months(int count, CutOff cutOff = CutOff.CloseOfBusiness) =>
        new(TimeLimitUnit.Months, CheckCount(count), Duration.Zero, CheckCutOff(cutOff));

    /// <summary>Creates a limit of working hours (工作小时).</summary>
    /// <param name="hours">The number of working hours, 1..100,000.</param>
    /// <returns>The limit.</returns>
    /// <remarks>See <see cref="WorkingTime(Duration)"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is out of range.</exception>
    public static TimeLimit WorkingHours(int hours) => WorkingTime(Duration.FromHours(CheckCount(hours)));

    /// <summary>Creates a limit of working minutes (工作分钟).</summary>
    /// <param name="minutes">The number of working minutes, 1..100,000.</param>
    /// <returns>The limit.</returns>
    /// <remarks>See <see cref="WorkingTime(Duration)"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minutes"/> is out of range.</exception>
    public static TimeLimit WorkingMinutes(int minutes) => WorkingTime(Duration.FromMinutes(CheckCount(minutes)));

    /// <summary>Creates a limit of working time: time inside working intervals, from the start instant (or from the
    /// next working interval if the start falls outside one).</summary>
    /// <param name="workingTime">The working time, positive.</param>
    /// <returns>The limit.</returns>
    /// <remarks>A budget used up exactly at a break's start ends there (e.g. at 12:00, not at 13:30).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingTime"/> is not positive.</exception>
    public static TimeLimit WorkingTime(Duration workingTime) =>
        new(TimeLimitUnit.WorkingTime, MinutesOf(workingTime), workingTime, CutOff.CloseOfBusiness);

    /// <summary>Creates an elapsed-time limit: plain time on the timeline, no calendar.</summary>
    /// <param name="duration">The duration, positive.</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public static TimeLimit Elapsed(Duration duration) =>
        new(TimeLimitUnit.Elapsed, MinutesOf(duration), duration, CutOff.CloseOfBusiness);

    /// <summary>Reads a limit in English or Chinese.</summary>
    /// <param name="text">The text, e.g. "3 working days" or "15日".</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a limit; the message names the text and the position (0-based).</exception>
    public static TimeLimit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (limit, error) = TryRead(text);
        return limit ?? throw new FormatException(error);
    }

    /// <summary>Tries to read a limit in English or Chinese.</summary>
    /// <param name="text">The text; may be null.</param>
    /// <param name="limit">The limit, or null when the text is not one.</param>
    /// <returns><see langword="true"/> if the text is a limit.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeLimit? limit)
    {
        limit = text is null ? null : TryRead(text).Limit;
        return limit is not null;
    }

    /// <summary>Compares two limits.</summary>
    /// <param name="left">The first limit.</param>
    /// <param name="right">The second limit.</param>
    /// <returns><see langword="true"/> if both are equal (or both null).</returns>
    public static bool operator ==(TimeLimit? left, TimeLimit? right) => Equals(left, right);

    /// <summary>Compares two limits.</summary>
    /// <param name="left">The first limit.</param>
    /// <param name="right">The second limit.</param>
    /// <returns><see langword="true"/> if they differ.</returns>
    public static bool operator !=(TimeLimit? left, TimeLimit? right) => !Equals(left, right);

    /// <summary>Writes the limit in English, e.g. "3 working days", "15 days until 24:00", "2 working hours".</summary>
    /// <returns>The text; <see cref="Parse(string)"/> reads it back.</returns>
    public override string ToString()
    {
        static string Plural(int n, string word) => n == 1 ? $"1 {word}" : string.Create(CultureInfo.InvariantCulture, $"{n} {word}s");
        var cut = CutOff == CutOff.EndOfDay ? " until 24:00" : string.Empty;
        return Unit switch
        {
            TimeLimitUnit.WorkingDays => Plural(Count, "working day"),
            TimeLimitUnit.CalendarDays => Plural(Count, "day") + cut,
            TimeLimitUnit.Months => Plural(Count, "month") + cut,
            TimeLimitUnit.WorkingTime => DurationText(Duration, " working hour", " working minute", " working second", english: true),
            _ => DurationText(Duration, " hour", " minute", " second", english: true),
        };
    }

    /// <summary>Writes the limit in Chinese, e.g. "3个工作日", "15日（至24时）", "2个工作小时", "30分钟", "90秒".</summary>
    /// <returns>The text; <see cref="Parse(string)"/> reads it back.</returns>
    public string ToChineseString()
    {
        var cut = CutOff == CutOff.EndOfDay ? "（至24时）" : string.Empty;
        var n = Count.ToString(CultureInfo.InvariantCulture);
        return Unit switch
        {
            TimeLimitUnit.WorkingDays => n + "个工作日",
            TimeLimitUnit.CalendarDays => n + "日" + cut,
            TimeLimitUnit.Months => n + "个月" + cut,
            TimeLimitUnit.WorkingTime => DurationText(Duration, "个工作小时", "个工作分钟", "个工作秒", english: false),
            _ => DurationText(Duration, "小时", "分钟", "秒", english: false),
        };
    }

    /// <inheritdoc />
    public bool Equals(TimeLimit? other) =>
        other is not null && Unit == other.Unit && Count == other.Count && Duration == other.Duration && CutOff == other.CutOff;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TimeLimit);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Unit, Count, Duration, CutOff);

    private static string DurationText(Duration duration, string hour, string minute, string second, bool english)
    {
        const long NanosPerSecond = 1_000_000_000L;
        var nanos = duration.ToInt64Nanoseconds();
        string Amount(long n, string unit) =>
            n.ToString(CultureInfo.InvariantCulture) + unit + (english && n != 1 ? "s" : string.Empty);

        if (nanos % (3600 * NanosPerSecond) == 0)
        {
            return Amount(nanos / (3600 * NanosPerSecond), hour);
        }

        if (nanos % (60 * NanosPerSecond) == 0)
        {
            return Amount(nanos / (60 * NanosPerSecond), minute);
        }

        if (nanos % NanosPerSecond == 0)
        {
            return Amount(nanos / NanosPerSecond, second);
        }

        var fraction = (nanos % NanosPerSecond).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        var text = string.Create(CultureInfo.InvariantCulture, $"{nanos / NanosPerSecond}.{fraction}");
        return text + second + (english ? "s" : string.Empty);
    }

    private static int CheckCount(int count) =>
        count is >= 1 and <= MaxCount
            ? count
            : throw new ArgumentOutOfRangeException(nameof(count), count, $"A time limit counts 1..{MaxCount}, not {count}.");

    private static CutOff CheckCutOff(CutOff cutOff) =>
        cutOff is CutOff.CloseOfBusiness or CutOff.EndOfDay
            ? cutOff
            : throw new ArgumentOutOfRangeException(nameof(cutOff), cutOff, "Unknown cut-off.");

    private static int MinutesOf(Duration duration)
    {
        if (duration <= Duration.Zero || duration > Duration.FromMinutes(MaxCount * 60L))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A time limit must be positive and at most 100,000 hours.");
        }

        return (int)Math.Ceiling(duration.TotalMinutes);
    }

    private static (TimeLimit? Limit, string Error) TryRead(string text)
    {
        string Fail(int position, string what) => $"Cannot read time limit '{text}' at position {position}: {what}.";
        var i = SkipSpaces(text, 0);
        var numberStart = i;
        decimal number = 0;
        var digits = 0;
        while (i < text.Length && text[i] is >= '0' and <= '9')
        {
            // Beyond 18 digits nothing is in range any more: stop growing, the range check below reports it.
            number = digits++ < 18 ? number * 10 + (text[i] - '0') : number;
            i++;
        }

        var fractionDigits = 0;
        if (digits > 0 && i + 1 < text.Length && text[i] == '.' && text[i + 1] is >= '0' and <= '9')
        {
            i++;
            var scale = 1m;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                if (++fractionDigits > 9)
                {
                    return (null, Fail(i, "at most 9 decimal places (nanoseconds)"));
                }

                scale /= 10;
                number += scale * (text[i] - '0');
                i++;
            }
        }

        if (i == numberStart)
        {
            return (null, Fail(numberStart, "expected a number such as '3'"));
        }

        i = SkipSpaces(text, i);
        var unitStart = i;
        var match = Array.FindIndex(Units, u => string.Compare(text, i, u.Text, 0, u.Text.Length, StringComparison.OrdinalIgnoreCase) == 0);
        if (match < 0)
        {
            return (null, Fail(unitStart, "expected a unit such as 'working days', 'days', 'months', 'working hours', " +
                                          "'minutes', '工作日', '日', '个月', '工作小时' or '分钟'"));
        }

        var (unitText, unit, secondsPerCount) = Units[match];
        if (unit is TimeLimitUnit.WorkingDays or TimeLimitUnit.CalendarDays or TimeLimitUnit.Months
            && (fractionDigits > 0 || number is < 1 or > MaxCount))
        {
            return (null, Fail(numberStart, $"the number of days or months must be a whole number 1..{MaxCount}"));
        }

        Duration amount = Duration.Zero;
        if (unit is TimeLimitUnit.WorkingTime or TimeLimitUnit.Elapsed)
        {
            var nanos = number * secondsPerCount * 1_000_000_000m;
            if (nanos <= 0 || nanos > MaxCount * 3600m * 1_000_000_000m)
            {
                return (null, Fail(numberStart, "the amount must be positive and at most 100,000 hours"));
            }

            amount = Duration.FromNanoseconds((long)nanos);
        }

        i = SkipSpaces(text, i + unitText.Length);
        var cutOff = CutOff.CloseOfBusiness;
        var suffix = Array.Find(EndOfDaySuffixes, s => string.Compare(text, i, s, 0, s.Length, StringComparison.OrdinalIgnoreCase) == 0);
        if (suffix is not null)
        {
            if (unit is not (TimeLimitUnit.CalendarDays or TimeLimitUnit.Months))
            {
                return (null, Fail(i, "a 24:00 cut-off applies only to days and months"));
            }

            cutOff = CutOff.EndOfDay;
            i = SkipSpaces(text, i + suffix.Length);
        }

        if (i < text.Length)
        {
            return (null, Fail(i, $"unexpected '{text[i..]}' after the unit"));
        }

        var n = (int)number;
        return (unit switch
        {
            TimeLimitUnit.WorkingDays => WorkingDays(n),
            TimeLimitUnit.CalendarDays => CalendarDays(n, cutOff),
            TimeLimitUnit.Months => Months(n, cutOff),
            TimeLimitUnit.WorkingTime => WorkingTime(amount),
            _ => Elapsed(amount),
        }, string.Empty);
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}

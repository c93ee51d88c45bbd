using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>How far a county's calendar is verified, and which of its SLA limits will give provisional (or, with
/// <c>strict: true</c>, refused) deadlines once cases start too close to the end of the verified data.</summary>
/// <remarks>
/// <para><c>fengqiao profile check</c> prints <see cref="Describe"/> as a warning when <see cref="NeedsWarning"/>: the
/// verified data (the State Council notices shipped or added as notice files) ends within
/// <see cref="WarningDays"/> days of today. The cure is the next year's notice as a notice file
/// (<c>calendar.notice-files</c>).</para>
/// </remarks>
/// <param name="Today">Today in the county's time zone (from the host's clock).</param>
/// <param name="VerifiedThrough">The last date a notice covers (<see cref="BusinessCalendar.CoveredEnd"/>).</param>
/// <param name="Strict">Whether the calendar refuses deadlines past <paramref name="VerifiedThrough"/> instead of projecting them.</param>
/// <param name="Limits">Each calendar-based limit of the county's SLA policy and the first start date from which its
/// deadline needs a day past the verified data, in that order.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record CalendarOutlook(LocalDate Today, LocalDate VerifiedThrough, bool Strict, ImmutableArray<ProvisionalLimit> Limits)
{
    /// <summary>The number of days before the end of the verified data from which <c>profile check</c> warns.</summary>
    public const int WarningDays = 90;

    /// <summary>Gets a value indicating whether some days from today to <see cref="VerifiedThrough"/> are provisional
    /// already (e.g. the Xinjiang overlay's 2026 rows, from one secondary source).</summary>
    public bool ProvisionalBeforeTheEnd { get; init; }

    /// <summary>Gets the number of days from <see cref="Today"/> to <see cref="VerifiedThrough"/> (negative once past).</summary>
    public int DaysLeft => Period.Between(Today, VerifiedThrough, PeriodUnits.Days).Days;

    /// <summary>Gets a value indicating whether the verified data ends within <see cref="WarningDays"/> days.</summary>
    public bool NeedsWarning => DaysLeft <= WarningDays;

    /// <summary>Looks ahead from <paramref name="now"/> on the county's calendar.</summary>
    /// <param name="profile">The county profile.</param>
    /// <param name="calendar">The calendar built from it (<see cref="CountyProfile.BuildCalendar"/>).</param>
    /// <param name="now">Now, from the host's clock.</param>
    /// <returns>The outlook; its limits are listed whether or not a warning is due.</returns>
    /// <remarks>A limit is listed with the first start date (a case registered at noon that day) whose deadline touches
    /// a provisional day or lies past the verified data; elapsed-time limits never use the calendar and are left out.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> or <paramref name="calendar"/> is null.</exception>
    public static CalendarOutlook For(CountyProfile profile, BusinessCalendar calendar, Instant now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(calendar);
        var today = now.InZone(calendar.Zone).Date;
        var end = calendar.CoveredEnd;
        var limits = ImmutableArray.CreateBuilder<ProvisionalLimit>();
        foreach (var rule in profile.BuildSlaPolicy().Rules)
        {
            foreach (var (name, limit) in rule.Limits.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                if (limit.Unit == TimeLimitUnit.Elapsed)
                {
                    continue;
                }

                limits.Add(new ProvisionalLimit(RuleName(rule), name, limit, FirstProvisionalStart(calendar, limit, today, end)));
            }
        }

        var remaining = today <= end
            && calendar.IsProvisionalBetween(
                LocalDate.Max(today, calendar.CoveredStart).AtStartOfDayInZone(calendar.Zone).ToInstant(),
                end.AtStartOfDayInZone(calendar.Zone).ToInstant());
        return new CalendarOutlook(today, end, !calendar.AllowsProjection, limits.ToImmutable()) { ProvisionalBeforeTheEnd = remaining };
    }

    /// <summary>Describes the outlook: when the verified data ends and which limits turn provisional (or refused) when.</summary>
    /// <returns>The lines of the warning, the first one a summary.</returns>
    public ImmutableArray<string> Describe()
    {
        var outcome = Strict ? "refused (strict: true)" : "provisional";
        var early = ProvisionalBeforeTheEnd ? "; some days before it are provisional already (an unverified regional table)" : string.Empty;
        var lines = ImmutableArray.CreateBuilder<string>();
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"the calendar's verified data ends on {VerifiedThrough:uuuu-MM-dd} ({(DaysLeft >= 0 ? $"{DaysLeft} days from today, {Today:uuuu-MM-dd}" : $"{-DaysLeft} days before today, {Today:uuuu-MM-dd}")}); " +
            $"deadlines past it will be {outcome} until the next State Council notice is added as a notice file (calendar.notice-files){early}"));
        foreach (var group in Limits.GroupBy(l => (l.LimitName, l.Limit, l.ProvisionalFrom)).OrderBy(g => g.Key.ProvisionalFrom))
        {
            var from = group.Key.ProvisionalFrom <= Today ? "already" : string.Create(CultureInfo.InvariantCulture, $"from {group.Key.ProvisionalFrom:uuuu-MM-dd}");
            lines.Add($"  {group.Key.LimitName} {group.Key.Limit} ({string.Join(", ", group.Select(l => l.Rule).Distinct())}): {outcome} {from}");
        }

        return lines.ToImmutable();
    }

    private static string RuleName(SlaRule rule) =>
        rule.Category + (rule.Channel is null ? string.Empty : "/" + rule.Channel) + (rule.Priority is null ? string.Empty : "/" + rule.Priority);

    private static LocalDate FirstProvisionalStart(BusinessCalendar calendar, TimeLimit limit, LocalDate today, LocalDate end)
    {
        bool Provisional(LocalDate day)
        {
            try
            {
                var start = (day + new LocalTime(12, 0)).InZoneLeniently(calendar.Zone).ToInstant();
                var result = calendar.Deadline(start, limit);
                return result.IsProvisional || result.DueDate > end;
            }
            catch (CalendarCoverageException)
            {
                return true;
            }
        }

        if (today > end || Provisional(today))
        {
            return today;
        }

        // Later starts give later deadlines: the first provisional start lies in (today, end + 1].
        var lo = today;
        var hi = end.PlusDays(1);
        while (Period.Between(lo, hi, PeriodUnits.Days).Days > 1)
        {
            var mid = lo.PlusDays(Period.Between(lo, hi, PeriodUnits.Days).Days / 2);
            if (Provisional(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }
}

/// <summary>One SLA limit of a county and the first start date from which its deadline is provisional (or refused).</summary>
/// <param name="Rule">The rule it belongs to: category, and channel and priority when set (e.g. <c>petition</c>).</param>
/// <param name="LimitName">The limit's name, e.g. <c>handle</c>.</param>
/// <param name="Limit">The limit.</param>
/// <param name="ProvisionalFrom">The first start date whose deadline needs a day past the verified data.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record ProvisionalLimit(string Rule, string LimitName, TimeLimit Limit, LocalDate ProvisionalFrom);

using System.Collections.Immutable;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>A county's working hours (办公时间): the default day, seasonal switches and per-weekday exceptions.</summary>
/// <param name="Default">The working intervals of an ordinary working day.</param>
/// <param name="Seasonal">Hours that take effect each year from a given date (e.g. summer hours from 1 May).</param>
/// <param name="Weekdays">Hours for particular weekdays (e.g. a short Friday); override the season.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record HoursProfile(
    WorkSchedule Default,
    ImmutableArray<SeasonalHours> Seasonal,
    ImmutableArray<KeyValuePair<IsoDayOfWeek, WorkSchedule>> Weekdays);

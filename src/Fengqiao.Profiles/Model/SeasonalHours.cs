using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>Working hours that take effect each year on a date and last until the next seasonal switch.</summary>
/// <param name="From">The day of the year the hours start, e.g. 05-01.</param>
/// <param name="Hours">The working intervals from then on.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SeasonalHours(AnnualDate From, WorkSchedule Hours);

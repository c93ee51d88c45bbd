using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>A county's own change to one date, with the reason explanations will cite.</summary>
/// <param name="Date">The date.</param>
/// <param name="Reason">Why, e.g. "flood closure 防汛停工 (county notice 2026-07)".</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record DateOverride(LocalDate Date, string Reason);

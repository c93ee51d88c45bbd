namespace Fengqiao.Profiles;

/// <summary>One weighted indicator of the 平安指数.</summary>
/// <remarks>The indicator scores <c>min(1, value / FullAt) × 100</c>; the index is the weighted sum of the scores.</remarks>
/// <param name="Indicator">The indicator.</param>
/// <param name="Weight">Its weight, greater than 0; the weights of an index add up to 1.</param>
/// <param name="FullAt">The value at which the indicator scores 100, greater than 0.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record IndexIndicatorProfile(IndexIndicator Indicator, double Weight, double FullAt);

namespace Fengqiao.Mediation.Indicators;

/// <summary>分流率: court cases diverted to mediation ÷ court cases eligible for it.</summary>
/// <param name="Eligible">Distinct eligible court cases.</param>
/// <param name="Diverted">Distinct eligible cases whose pre-filing diversion a mediation body accepted.</param>
/// <param name="Rate"><paramref name="Diverted"/> ÷ <paramref name="Eligible"/>, or <see langword="null"/> when none was eligible.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record DiversionRate(int Eligible, int Diverted, double? Rate);

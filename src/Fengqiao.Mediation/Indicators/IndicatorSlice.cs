using NodaTime;

namespace Fengqiao.Mediation.Indicators;

/// <summary>The mediation indicators of one slice of records (all, one body, one mediator, one route).</summary>
/// <param name="Mediations">Records in the slice (open ones included).</param>
/// <param name="Concluded">Records with an outcome.</param>
/// <param name="Successes">Concluded with a full or partial agreement.</param>
/// <param name="SuccessRate">调解成功率: <paramref name="Successes"/> ÷ <paramref name="Concluded"/> (withdrawals and
/// failures count against), or <see langword="null"/> when nothing concluded.</param>
/// <param name="AverageDuration">The mean elapsed time from acceptance to outcome over concluded records, or
/// <see langword="null"/> when none.</param>
/// <param name="P90Duration">The 90th percentile of the same durations by the nearest-rank method (the ⌈0.9·n⌉-th
/// smallest), or <see langword="null"/> when none.</param>
/// <remarks>Durations are elapsed time (what a citizen waits), not working time.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record IndicatorSlice(int Mediations, int Concluded, int Successes, double? SuccessRate, Duration? AverageDuration, Duration? P90Duration);

using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.EarlyWarning.Index;

/// <summary>The 平安指数 of every township on a day, and the warning letters that day raises.</summary>
/// <param name="Day">The day.</param>
/// <param name="Townships">Every township's index, by township id.</param>
/// <param name="Letters">The townships that turned red that day.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SafetyIndexReport(LocalDate Day, ImmutableArray<TownshipIndex> Townships, ImmutableArray<WarningLetter> Letters);

using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.EarlyWarning.Index;

/// <summary>One township's 平安指数 (safety index) on one day: the value, the level and each indicator's raw value.</summary>
/// <param name="Township">The township or street.</param>
/// <param name="Day">The day, in the county's time zone; the window ends at the end of it.</param>
/// <param name="Value">The index, from 0 to 100: the weighted sum of the indicators' scores.</param>
/// <param name="Level">The level the profile's thresholds give the value.</param>
/// <param name="Indicators">Each weighted indicator's raw value (before scoring), by its kebab-case name.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record TownshipIndex(OrgUnitId Township, LocalDate Day, double Value, SafetyLevel Level, ImmutableSortedDictionary<string, double> Indicators);

using System.Collections.Immutable;
using Fengqiao.Sla;

namespace Fengqiao.Profiles;

/// <summary>The county's calendar: national tables, a regional overlay, projection, and the county's own days.</summary>
/// <param name="Region">The regional overlay (e.g. Xinjiang's Corban and Eid al-Fitr), or none.</param>
/// <param name="AllowProjection">Whether deadlines may run into years no notice covers yet (marked provisional).</param>
/// <param name="ProjectionThrough">The last year projection may reach.</param>
/// <param name="ExtraRestDays">County days off, e.g. a disaster closure.</param>
/// <param name="ExtraWorkingDays">County working days on what would be rest days.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CalendarProfile(
    ChinaRegion Region,
    bool AllowProjection,
    int ProjectionThrough,
    ImmutableArray<DateOverride> ExtraRestDays,
    ImmutableArray<DateOverride> ExtraWorkingDays);

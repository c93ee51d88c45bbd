using System.Collections.Immutable;
using Fengqiao.Sla;

namespace Fengqiao.Profiles;

/// <summary>The county's calendar: national tables, a regional overlay, projection, notice files, and the county's own days.</summary>
/// <remarks>In YAML (<c>calendar:</c>): <c>region</c>, <c>strict</c> (default false: years no notice covers yet are
/// projected and every deadline touching them is marked provisional; true refuses such deadlines),
/// <c>projection-through</c>, <c>notice-files</c> (a year's State Council notice as a data file, relative to the
/// profile, e.g. <c>[2027.csv]</c>), <c>extra-rest-days</c>, <c>extra-working-days</c>.</remarks>
/// <param name="Region">The regional overlay (e.g. Xinjiang's Corban and Eid al-Fitr), or none.</param>
/// <param name="AllowProjection">Whether deadlines may run into years no notice covers yet (marked provisional); the
/// opposite of <c>strict</c>.</param>
/// <param name="ProjectionThrough">The last year projection may reach.</param>
/// <param name="ExtraRestDays">County days off, e.g. a disaster closure.</param>
/// <param name="ExtraWorkingDays">County working days on what would be rest days.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CalendarProfile(
    ChinaRegion Region,
    bool AllowProjection,
    int ProjectionThrough,
    ImmutableArray<DateOverride> ExtraRestDays,
    ImmutableArray<DateOverride> ExtraWorkingDays)
{
    /// <summary>Gets a value indicating whether the calendar refuses deadlines in years no notice covers
    /// (<c>strict: true</c>), instead of projecting them as provisional.</summary>
    public bool Strict => !AllowProjection;

    /// <summary>Gets the notice files as the profile names them (relative to the profile's folder), e.g. <c>2027.csv</c>.</summary>
    /// <value>Default: empty.</value>
    public ImmutableArray<string> NoticeFiles { get; init; } = [];

    /// <summary>Gets the notices read from <see cref="NoticeFiles"/>, validated, in year order.</summary>
    /// <value>Default: empty.</value>
    public ImmutableArray<HolidayNotice> Notices { get; init; } = [];
}

using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>How a <see cref="TestCounty"/> is set up: where its fake clock starts, which store it uses, how query codes are drawn.</summary>
/// <remarks>Every option has a default that suits a test: a Monday morning, the in-memory store, query codes seeded with 1.</remarks>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record TestCountyOptions
{
    /// <summary>Gets the default start, Monday 3 November 2025 at 09:00 local time (a working morning in every sample county).</summary>
    public static LocalDateTime DefaultStart { get; } = new(2025, 11, 3, 9, 0);

    /// <summary>Gets the local date and time (in the profile's zone) where the fake clock starts; <see cref="DefaultStart"/> by default.</summary>
    /// <remarks>A local time that falls in a daylight-saving gap is mapped leniently (moved forward).</remarks>
    public LocalDateTime Start { get; init; } = DefaultStart;

    /// <summary>
    /// Gets the path of a SQLite database to store the cases in, or <see langword="null"/> (the default) for the
    /// in-memory store. The file is created when missing and left on disk when the county is disposed.
    /// </summary>
    public string? SqlitePath { get; init; }

    /// <summary>Gets the seed of the query-code source, so that a run draws the same query codes every time (1 by default).</summary>
    public int QueryCodeSeed { get; init; } = 1;

    /// <summary>Gets the unit that sends mediation hand-offs, or <see langword="null"/> for the composition root's default.</summary>
    public OrgUnitId? HandOffSender { get; init; }

    /// <summary>Gets a last adjustment of the composition root before the desk is built (policies, options), or <see langword="null"/>.</summary>
    public Action<CountyDeskBuilder>? Configure { get; init; }
}

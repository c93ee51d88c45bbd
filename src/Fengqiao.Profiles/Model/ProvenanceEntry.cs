namespace Fengqiao.Profiles;

/// <summary>
/// Where one element of a county profile comes from: a <see cref="Source"/> (a short quote from the county's published
/// article) or an <see cref="Assumption"/> (what the profile's author assumed, and why).
/// </summary>
/// <remarks>
/// The loader records one entry for every element that carries a <c>source:</c> or <c>assumption:</c> key: the time zone,
/// the hours and each season, a ladder and each of its levels, each SLA rule, each routing row, the escalation levels and
/// each escalation or hand-off row. <see cref="Element"/> is the element's path in the profile (for example
/// <c>routing.rows[1]</c>), the same path problems name; <see cref="Line"/> is 1-based, or 0 for a profile built in code.
/// The loader records exactly one of <see cref="Source"/> and <see cref="Assumption"/> (both on one element is a load
/// problem); an entry built in code with both is read as a source (<see cref="IsAssumption"/> is then false).
/// Immutable and therefore safe to share between threads.
/// </remarks>
/// <param name="Element">The element's path in the profile, such as <c>sla.rules[0]</c>.</param>
/// <param name="Line">The 1-based line the element starts on, or 0 when unknown.</param>
/// <param name="Source">The quote from the county's article, or null when the element is an assumption.</param>
/// <param name="Assumption">Why the element was assumed, or null when it is quoted from a source.</param>
public sealed record ProvenanceEntry(string Element, int Line, string? Source, string? Assumption)
{
    /// <summary>Whether the element is an assumption rather than a quoted source.</summary>
    public bool IsAssumption => Source is null && Assumption is not null;

    /// <summary>The quote or the assumption, whichever the element carries.</summary>
    public string Text => Source ?? Assumption ?? "";
}

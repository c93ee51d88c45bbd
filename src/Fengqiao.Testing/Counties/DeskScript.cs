using System.Collections.Immutable;
using System.Globalization;

namespace Fengqiao.Testing;

/// <summary>
/// One step of a random desk script, as picks the runner turns into a call: which case, which action (most picks ask
/// the desk what is permitted now), which actor (most picks take one the county authorises), which target unit, and
/// how many minutes pass first (with hourly sweeps).
/// </summary>
/// <param name="Case">Picks the case (modulo the cases registered).</param>
/// <param name="Action">Picks the action: below 80 one the lifecycle permits now; otherwise any action (to exercise refusals).</param>
/// <param name="Actor">Picks the actor: below 85 one the county authorises; otherwise anyone (to exercise refusals).</param>
/// <param name="Target">Picks the target unit, the rating and the like.</param>
/// <param name="Minutes">Minutes that pass before the call (0–1440).</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public readonly record struct DeskCall(int Case, int Action, int Actor, int Target, int Minutes)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"new({Case}, {Action}, {Actor}, {Target}, {Minutes})");
}

/// <summary>
/// A random desk script for a county: reports to register, then desk calls steered to what the desk permits
/// (<see cref="DeskScriptRunner"/> plays it and checks the invariants). Shrinks to fewer reports, fewer calls and
/// shorter waits; prints as the C# that rebuilds it.
/// </summary>
/// <param name="Reports">Picks for the reports to register first (grid, category and channel picks in one number each).</param>
/// <param name="Calls">The calls.</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record DeskScript(ImmutableArray<int> Reports, ImmutableArray<DeskCall> Calls)
{
    /// <inheritdoc/>
    public bool Equals(DeskScript? other) =>
        other is not null && Reports.SequenceEqual(other.Reports) && Calls.SequenceEqual(other.Calls);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Reports.Length, Calls.Length, Calls.IsEmpty ? 0 : Calls[0].GetHashCode());

    /// <summary>Prints the script as the C# that rebuilds it.</summary>
    /// <returns>The C# expression.</returns>
    public override string ToString() =>
        $"new DeskScript([{string.Join(", ", Reports)}], [{string.Join(", ", Calls)}])";
}

using NodaTime;

namespace Fengqiao.Storage.Internal;

/// <summary>The stored form of a case's next due instant: Unix ticks (100 ns) rounded up, never down.</summary>
/// <remarks>
/// <para>Compiled into each store package from <c>src/Shared</c> (a linked source file, internal to each), so both
/// stores write and check the <c>next_due</c> column one way.</para>
/// <para>A case's due instant may fall between two ticks (a tracked deadline wakes the sweep one nanosecond after
/// it passes). Rounding down would list the case before it is due, so the column would disagree with the case and with
/// the in-memory store; rounding up lists it at the first tick at or after its due instant.</para>
/// </remarks>
internal static class DueTicks
{
    /// <summary>Gets the column value for a due instant: the first whole tick at or after it.</summary>
    public static long Of(Instant due)
    {
        var ticks = due.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks) < due ? ticks + 1 : ticks;
    }

    /// <summary>Gets the column value for an optional due instant (null stays null).</summary>
    public static long? Of(Instant? due) => due is { } at ? Of(at) : null;

    /// <summary>Gets whether a stored column value is the one a due instant gives: rounded up, or rounded down as
    /// files written before rounding up was introduced hold it (both list the case within one tick of its due instant).</summary>
    public static bool Matches(long? stored, Instant? due) =>
        stored == Of(due) || (due is { } at && stored == at.ToUnixTimeTicks());
}

using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>The post within the holding unit that has the case now (<see cref="Events.CasePostHandedOver"/>), as the case shows it.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Post">The post (a role of the unit's members).</param>
/// <param name="Since">When the post took the case.</param>
/// <param name="Deadline">When its own limit ends, or <see langword="null"/> for none.</param>
/// <param name="EscalatesTo">The post the case goes to when the deadline passes, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePost(OrgUnitId Unit, string Post, Instant Since, Instant? Deadline, string? EscalatesTo)
{
    /// <summary>Gets whether the post has let its limit pass at <paramref name="at"/> and names a post to escalate to.</summary>
    /// <param name="at">The instant.</param>
    /// <returns><see langword="true"/> when the case should go to <see cref="EscalatesTo"/>.</returns>
    public bool IsOverdueAt(Instant at) => Deadline is { } d && at > d && EscalatesTo is not null;
}

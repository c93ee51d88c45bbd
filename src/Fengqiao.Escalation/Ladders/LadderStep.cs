using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Ladders;

/// <summary>A ladder level bound to the org unit that serves at it for one case's path.</summary>
/// <param name="Index">The level's position in the ladder, 0 at the bottom.</param>
/// <param name="Level">The level.</param>
/// <param name="Unit">The unit serving at the level for this path.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record LadderStep(int Index, LadderLevel Level, OrgUnit Unit);

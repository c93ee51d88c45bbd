using System.Collections.Immutable;

namespace Fengqiao.Profiles;

/// <summary>The org tree as a profile writes it: units listed one by one, and units generated from a pattern.</summary>
/// <param name="Units">Units listed one by one.</param>
/// <param name="Generated">Unit generators, e.g. Yumen's 170 grids.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record OrgProfile(ImmutableArray<UnitProfile> Units, ImmutableArray<UnitGenerator> Generated);

using Fengqiao.Cases;

namespace Fengqiao.Profiles;

/// <summary>A case category the county uses (事项类别): its key, display name and share of intake.</summary>
/// <param name="Key">The category key SLA rules and escalation rules refer to.</param>
/// <param name="Name">The display name, e.g. "民生类".</param>
/// <param name="Share">The category's share of reports, for the simulation's mix (0 to 1; shares need not sum to 1:
/// they are normalised).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CategoryProfile(CaseCategory Key, string Name, double Share);

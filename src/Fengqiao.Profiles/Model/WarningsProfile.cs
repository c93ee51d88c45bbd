using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Profiles;

/// <summary>The county's early-warning section (<c>warnings:</c>): who acts on a warning, and the built-in rules with their thresholds.</summary>
/// <remarks>
/// <para>The warning actor is a member of the county's org tree (usually a leader of the command centre or of the
/// political-legal committee); warnings act through the desk as that member, so the desk's usual checks apply.</para>
/// <para>Use <see cref="None"/> for a county without early warning: it has no actor and no rules.</para>
/// </remarks>
/// <param name="Actor">The member the warnings act as, or <see langword="null"/> when the section is absent.</param>
/// <param name="Unit">The unit the actor acts for (the issuing or calling unit).</param>
/// <param name="Rules">The built-in rules, at most one of each kind.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record WarningsProfile(ActorId? Actor, OrgUnitId? Unit, ImmutableArray<WarningRuleProfile> Rules)
{
    /// <summary>Gets the section of a county without early warning.</summary>
    public static WarningsProfile None { get; } = new(null, null, []);

    /// <summary>Gets the warning actor as a desk actor, or <see langword="null"/> when the section names none.</summary>
    public CaseActor? DeskActor => Actor is { } actor && Unit is { } unit ? CaseActor.Staff(actor, unit) : null;

    /// <summary>Gets the 平安指数 (safety index) settings (<c>warnings.index</c>), or <see langword="null"/> when the profile has none.</summary>
    public SafetyIndexProfile? Index { get; init; }

    /// <summary>Finds the rule of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The rule, or <see langword="null"/> when the profile does not enable it.</returns>
    public WarningRuleProfile? Find(WarningKind kind) => (Rules.IsDefault ? [] : Rules).FirstOrDefault(r => r.Kind == kind);
}

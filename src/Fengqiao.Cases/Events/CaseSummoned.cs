using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>The whistle was blown (吹哨): departments are summoned to report in (报到) within a limit.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Summon"/> step.</remarks>
/// <param name="Caller">The calling unit.</param>
/// <param name="Departments">The departments summoned.</param>
/// <param name="Limit">How long each has to report in.</param>
/// <param name="Note">What they are summoned for, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSummoned(OrgUnitId Caller, ImmutableArray<OrgUnitId> Departments, TimeLimit Limit, string? Note = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Summon;

    internal override string? ArgumentText => Note;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Caller} -> {string.Join(", ", Departments.IsDefault ? [] : Departments)}";

    /// <summary>Compares payloads, the departments by content and order.</summary>
    /// <param name="other">The other payload.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(CaseSummoned? other) =>
        other is not null && Caller == other.Caller && Limit == other.Limit && Note == other.Note
        && (Departments.IsDefault ? other.Departments.IsDefault : !other.Departments.IsDefault && Departments.SequenceEqual(other.Departments));

    /// <summary>Gets a hash code.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Caller, Limit);
}

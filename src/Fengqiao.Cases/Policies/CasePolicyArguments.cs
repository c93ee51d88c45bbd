using Fengqiao.Cases.Events;
using NodaTime;

namespace Fengqiao.Cases.Policies;

/// <summary>What a <see cref="ICasePolicy"/> sees: the case snapshot, the instant, and the event that prompted the evaluation.</summary>
/// <remarks>A struct with a public constructor, so fields may be added without breaking policies.</remarks>
/// <threadsafety>An immutable value.</threadsafety>
public readonly struct CasePolicyArguments : IEquatable<CasePolicyArguments>
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="case">The case as it stands (read-only).</param>
    /// <param name="now">The instant of the evaluation.</param>
    /// <param name="lastEvent">The event just accepted, or <see langword="null"/> on a sweep with no new event.</param>
    /// <param name="requestedBy">The name of the policy whose action <paramref name="lastEvent"/> records, or <see langword="null"/> when a person or the sweep acted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is null.</exception>
    public CasePolicyArguments(Case @case, Instant now, CaseEvent? lastEvent, string? requestedBy = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        Case = @case;
        Now = now;
        LastEvent = lastEvent;
        RequestedBy = requestedBy;
    }

    /// <summary>Gets the case as it stands.</summary>
    public Case Case { get; }

    /// <summary>Gets the instant of the evaluation.</summary>
    public Instant Now { get; }

    /// <summary>Gets the event just accepted, or <see langword="null"/>.</summary>
    public CaseEvent? LastEvent { get; }

    /// <summary>Gets the name of the policy that asked for <see cref="LastEvent"/>, or <see langword="null"/> when a person or the sweep acted.</summary>
    /// <remarks>Lets a policy tell its own step from others' without reading the event's cause (an explanation, never data).</remarks>
    public string? RequestedBy { get; }

    /// <summary>Compares two arguments.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(CasePolicyArguments left, CasePolicyArguments right) => left.Equals(right);

    /// <summary>Compares two arguments.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(CasePolicyArguments left, CasePolicyArguments right) => !left.Equals(right);

    /// <summary>Compares with other arguments: the same case instance, instant and event.</summary>
    /// <param name="other">The other arguments.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(CasePolicyArguments other) => ReferenceEquals(Case, other.Case) && Now == other.Now && Equals(LastEvent, other.LastEvent) && RequestedBy == other.RequestedBy;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CasePolicyArguments other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Case, Now);
}

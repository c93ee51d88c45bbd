using Fengqiao.Cases;
using Fengqiao.Sla;

namespace Fengqiao.Escalation.Supervision;

/// <summary>The terms of a supervision (督办) that an escalation rule asks for: its grade, its own time limit and
/// the ladder level that issues it.</summary>
/// <remarks>
/// <para>Terms are what a rule decides; a <see cref="SupervisionOrder"/> is the object issued from them for one case, with
/// its own <see cref="SlaClock"/> started on the county's calendar.</para>
/// <para>When <see cref="IssuerLevel"/> is null, the level the case moves to issues the supervision (the default
/// overdue rule: "next level up, supervised by it").</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class SupervisionTerms : IEquatable<SupervisionTerms>
{
    /// <summary>Creates terms.</summary>
    /// <param name="grade">The grade.</param>
    /// <param name="limit">The supervision's own time limit, counted from its issue.</param>
    /// <param name="issuerLevel">The ladder level key of the issuer, or null for the level the case moves to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limit"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grade"/> is not a defined grade.</exception>
    /// <exception cref="ArgumentException"><paramref name="issuerLevel"/> is empty or white space.</exception>
    public SupervisionTerms(CaseSupervisionGrade grade, TimeLimit limit, string? issuerLevel = null)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (!Enum.IsDefined(grade))
        {
            throw new ArgumentOutOfRangeException(nameof(grade), grade, "Not a defined supervision grade.");
        }

        if (issuerLevel is not null && string.IsNullOrWhiteSpace(issuerLevel))
        {
            throw new ArgumentException("A supervision's issuer level must be a ladder level key or null; got an empty one.", nameof(issuerLevel));
        }

        Grade = grade;
        Limit = limit;
        IssuerLevel = issuerLevel;
    }

    /// <summary>Gets the grade.</summary>
    public CaseSupervisionGrade Grade { get; }

    /// <summary>Gets the supervision's own time limit.</summary>
    public TimeLimit Limit { get; }

    /// <summary>Gets the ladder level key of the issuer, or null when the level the case moves to issues it.</summary>
    public string? IssuerLevel { get; }

    /// <summary>Compares two terms by value.</summary>
    /// <param name="left">Terms.</param>
    /// <param name="right">Other terms.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SupervisionTerms? left, SupervisionTerms? right) => Equals(left, right);

    /// <summary>Compares two terms by value.</summary>
    /// <param name="left">Terms.</param>
    /// <param name="right">Other terms.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SupervisionTerms? left, SupervisionTerms? right) => !Equals(left, right);

    /// <summary>Tests equality: same grade, limit and issuer level.</summary>
    /// <param name="other">The other terms.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(SupervisionTerms? other) =>
        other is not null && Grade == other.Grade && Limit == other.Limit && string.Equals(IssuerLevel, other.IssuerLevel, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SupervisionTerms);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Grade, Limit, IssuerLevel);

    /// <summary>Returns the terms, e.g. <c>yellow supervision within 3 working days by the new level</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Grade.ToString().ToLowerInvariant()} supervision within {Limit} by {(IssuerLevel is null ? "the new level" : $"level '{IssuerLevel}'")}";
}

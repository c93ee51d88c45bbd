namespace Fengqiao.Cases;

/// <summary>
/// The citizen who reported a matter: personal data (个人信息). <see cref="ToString"/> masks it, and Fengqiao never
/// puts it in exception messages, logs or explanations.
/// </summary>
/// <remarks>
/// Hosts decide where the unmasked values may be shown (the handling worker's screen, a callback). Two reporters
/// are the same person when their phone numbers match, or, without phones, their names do (used by duplicate intake).
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class Reporter : IEquatable<Reporter>
{
    /// <summary>Creates a reporter.</summary>
    /// <param name="name">The name as given; may be empty for an anonymous report (匿名).</param>
    /// <param name="phone">The phone number, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public Reporter(string name, string? phone = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    private Reporter(bool erased)
    {
        Name = "";
        IsErased = erased;
    }

    /// <summary>Gets an anonymous reporter (匿名反映).</summary>
    public static Reporter Anonymous { get; } = new("");

    /// <summary>Gets the reporter of a case whose personal data was erased (个人信息删除): no name, no phone, <see cref="IsErased"/> set.</summary>
    /// <remarks>A loaded case whose reporter was erased by a <see cref="Events.CaseReporterErased"/> event carries this
    /// reporter in its registration and joined reports. It is equal only to itself, never to a living reporter, so
    /// duplicate intake never joins a new report to an erased one by identity.</remarks>
    public static Reporter Erased { get; } = new(erased: true);

    /// <summary>Gets whether the reporter's personal data was erased; <see cref="Name"/> is then empty and <see cref="Phone"/> null.</summary>
    public bool IsErased { get; }

    /// <summary>Gets the name as given (personal data).</summary>
    public string Name { get; }

    /// <summary>Gets the phone number (personal data), or <see langword="null"/>.</summary>
    public string? Phone { get; }

    /// <summary>Gets whether the report is anonymous.</summary>
    public bool IsAnonymous => !IsErased && Name.Length == 0 && Phone is null;

    /// <summary>Gets the name masked for display: the family name and one asterisk per other character.</summary>
    public string MaskedName => Name.Length <= 1 ? Name : Name[..1] + new string('*', Name.Length - 1);

    /// <summary>Gets the phone masked for display: the first three and last four digits kept (138****5678).</summary>
    public string? MaskedPhone => Phone is null ? null
        : Phone.Length <= 7 ? new string('*', Phone.Length)
        : Phone[..3] + new string('*', Phone.Length - 7) + Phone[^4..];

    /// <summary>Returns the masked reporter, never the personal data.</summary>
    public override string ToString() =>
        IsErased ? "Reporter(erased)" : IsAnonymous ? "Reporter(anonymous)" : $"Reporter({MaskedName}{(MaskedPhone is null ? "" : ", " + MaskedPhone)})";

    /// <summary>Gets whether <paramref name="other"/> is the same person.</summary>
    public bool Equals(Reporter? other) =>
        other is not null && IsErased == other.IsErased
        && (IsErased || (Phone is not null || other.Phone is not null
            ? string.Equals(Phone, other.Phone, StringComparison.Ordinal)
            : string.Equals(Name, other.Name, StringComparison.Ordinal)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Reporter);

    /// <inheritdoc />
    public override int GetHashCode() => IsErased ? 1 : StringComparer.Ordinal.GetHashCode(Phone ?? Name);
}

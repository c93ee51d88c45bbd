namespace Fengqiao.Cases.Ports;

/// <summary>An authoriser's decision: allowed, or denied with a reason.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseAuthorization
{
    private CaseAuthorization(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    /// <summary>Gets the decision that allows the action.</summary>
    public static CaseAuthorization Allow { get; } = new(true, null);

    /// <summary>Gets whether the action is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets why the action was denied (no personal data), or <see langword="null"/> when allowed.</summary>
    public string? Reason { get; }

    /// <summary>Creates a denial.</summary>
    /// <param name="reason">Why, in a sentence a user may read; not empty.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public static CaseAuthorization Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}

using Fengqiao.Cases.Internal;

namespace Fengqiao.Cases;

/// <summary>
/// What a case is about (事项类别), by key: the SLA policy, the escalation rules and the mediation routing all look
/// it up. Keys are the county's own (see its profile); the 1351 policy uses <c>livelihood</c>, <c>policy-information</c>,
/// <c>dispute</c>, <c>hardship</c>, <c>administrative-permit</c>…
/// </summary>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct CaseCategory
{
    /// <summary>Creates a category.</summary>
    /// <param name="key">The category key: not empty, no surrounding white space.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or padded with white space.</exception>
    public CaseCategory(string key)
    {
        Key = IdentifierText.Require(key, "A case category key", nameof(key));
    }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Returns the key.</summary>
    public override string ToString() => Key ?? "";
}

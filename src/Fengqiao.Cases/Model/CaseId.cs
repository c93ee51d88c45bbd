using Fengqiao.Cases.Internal;

namespace Fengqiao.Cases;

/// <summary>Identifies a case inside the county's system (案件编号). Not shown to citizens: they use the query code.</summary>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct CaseId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text: not empty, no surrounding white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or padded with white space.</exception>
    public CaseId(string value)
    {
        Value = IdentifierText.Require(value, "A case id", nameof(value));
    }

    /// <summary>Gets the id text.</summary>
    public string Value { get; }

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value ?? "";
}

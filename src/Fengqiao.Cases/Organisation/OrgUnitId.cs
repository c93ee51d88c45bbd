using Fengqiao.Cases.Internal;

namespace Fengqiao.Cases.Organisation;

/// <summary>Identifies an org unit: a grid, a community or village, a street or township, a department, a post.</summary>
/// <remarks>
/// Ids are compared ordinally and are case-sensitive. They are the host's own identifiers (e.g. <c>grid-017</c>,
/// <c>street-xinhua</c>); Fengqiao never derives meaning from their text.
/// </remarks>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct OrgUnitId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text: not empty, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or padded with white space.</exception>
    public OrgUnitId(string value)
    {
        Value = IdentifierText.Require(value, "An org unit id", nameof(value));
    }

    /// <summary>Gets the id text.</summary>
    public string Value { get; }

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value ?? "";
}

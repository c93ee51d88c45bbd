using Fengqiao.Cases.Internal;

namespace Fengqiao.Cases.Organisation;

/// <summary>Identifies a person or system acting on cases: a worker, a dispatcher, a leader, a deputy, the sweep.</summary>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct ActorId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text: not empty, no leading or trailing white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or padded with white space.</exception>
    public ActorId(string value)
    {
        Value = IdentifierText.Require(value, "An actor id", nameof(value));
    }

    /// <summary>Gets the id text.</summary>
    public string Value { get; }

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value ?? "";
}

namespace Fengqiao.Rules.Layering;

/// <summary>Where a rule definition came from: a layer's kind and name, e.g. county "Baiyin".</summary>
/// <remarks>Two origins are equal when kind and name are equal (names compare ordinally).</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class RuleOrigin : IEquatable<RuleOrigin>
{
    /// <summary>Creates an origin.</summary>
    /// <param name="kind">The kind of layer.</param>
    /// <param name="name">The layer's name, e.g. "Baiyin"; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, has surrounding white space or control
    /// characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public RuleOrigin(RuleOriginKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined rule origin kind.");
        }

        if (RuleIds.Problem(name, "A rule origin's name") is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        Kind = kind;
        Name = name;
    }

    /// <summary>Gets the origin of shipped defaults: kind <see cref="RuleOriginKind.Default"/>, name "default".</summary>
    public static RuleOrigin Default { get; } = new(RuleOriginKind.Default, "default");

    /// <summary>Gets the kind of layer.</summary>
    public RuleOriginKind Kind { get; }

    /// <summary>Gets the layer's name.</summary>
    public string Name { get; }

    /// <summary>Creates a region origin.</summary>
    /// <param name="name">The region's name, e.g. "Xinjiang".</param>
    /// <returns>The origin.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name (see the constructor).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static RuleOrigin Region(string name) => new(RuleOriginKind.Region, name);

    /// <summary>Creates a city origin.</summary>
    /// <param name="name">The city's name, e.g. "Baiyin".</param>
    /// <returns>The origin.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name (see the constructor).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static RuleOrigin City(string name) => new(RuleOriginKind.City, name);

    /// <summary>Creates a county origin.</summary>
    /// <param name="name">The county's or district's name, e.g. "Saybagh".</param>
    /// <returns>The origin.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name (see the constructor).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static RuleOrigin County(string name) => new(RuleOriginKind.County, name);

    /// <summary>Compares two origins by kind and name.</summary>
    /// <param name="left">An origin.</param>
    /// <param name="right">Another origin.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(RuleOrigin? left, RuleOrigin? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two origins by kind and name.</summary>
    /// <param name="left">An origin.</param>
    /// <param name="right">Another origin.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RuleOrigin? left, RuleOrigin? right) => !(left == right);

    /// <summary>Tests equality by kind and name.</summary>
    /// <param name="other">The other origin.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(RuleOrigin? other) =>
        other is not null && Kind == other.Kind && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RuleOrigin);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Name));

    /// <summary>Returns the kind and name, e.g. <c>county 'Baiyin'</c>, or <c>default</c> for <see cref="Default"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Equals(Default) ? "default" : $"{KindText(Kind)} '{Name}'";

    private static string KindText(RuleOriginKind kind) => kind switch
    {
        RuleOriginKind.Default => "default",
        RuleOriginKind.Region => "region",
        RuleOriginKind.City => "city",
        RuleOriginKind.County => "county",
        _ => "layer",
    };
}

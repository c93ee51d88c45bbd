using System.Globalization;

namespace Fengqiao.Testing;

/// <summary>Thrown by <see cref="PropertyCheck"/> when a property fails; the message names the seed that replays it, then FsCheck's report.</summary>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class PropertyCheckFailedException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="seed">The seed the run drew from.</param>
    /// <param name="innerException">FsCheck's failure, with the original and the shrunk value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerException"/> is null.</exception>
    public PropertyCheckFailedException(ulong seed, Exception innerException)
        : base(
            FengqiaoErrorKind.Check,
            string.Create(CultureInfo.InvariantCulture, $"Property failed. Replay it with FENGQIAO_SEED={seed}.{Environment.NewLine}{(innerException ?? throw new ArgumentNullException(nameof(innerException))).Message}"),
            innerException)
    {
        Seed = seed;
    }

    /// <summary>Gets the seed; set <c>FENGQIAO_SEED</c> to it to replay the failure.</summary>
    public ulong Seed { get; }
}

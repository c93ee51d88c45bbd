namespace Fengqiao.Hosting;

/// <summary>The <c>Fengqiao</c> configuration is unusable: names the key, the value and what is wrong.</summary>
/// <remarks>Thrown when the desk is first resolved from the service provider; nothing has been opened or written.</remarks>
public sealed class FengqiaoConfigurationException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The configuration key, for example <c>Fengqiao:ProfilePath</c>.</param>
    /// <param name="problem">What is wrong, in one sentence.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="problem"/> is null.</exception>
    public FengqiaoConfigurationException(string key, string problem, Exception? innerException = null)
        : base(FengqiaoErrorKind.Configuration, $"{key ?? throw new ArgumentNullException(nameof(key))}: {problem ?? throw new ArgumentNullException(nameof(problem))}", innerException)
    {
        Key = key;
    }

    /// <summary>The configuration key at fault.</summary>
    public string Key { get; }
}

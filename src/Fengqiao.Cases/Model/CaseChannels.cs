using System.Collections.Frozen;

namespace Fengqiao.Cases;

/// <summary>Stable text keys for <see cref="CaseChannel"/> values, as SLA policies and county profiles write them.</summary>
public static class CaseChannels
{
    private static readonly FrozenDictionary<CaseChannel, string> Keys = new Dictionary<CaseChannel, string>
    {
        [CaseChannel.QrCode] = "qr-code",
        [CaseChannel.MiniProgram] = "mini-program",
        [CaseChannel.Hotline12345] = "hotline-12345",
        [CaseChannel.GridWorker] = "grid-worker",
        [CaseChannel.PetitionOffice] = "petition-office",
        [CaseChannel.EnterpriseCode] = "enterprise-code",
        [CaseChannel.OnlineMessage] = "online-message",
        [CaseChannel.Deputy] = "deputy",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, CaseChannel> ByKey =
        Keys.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Gets the key of a channel, e.g. <c>hotline-12345</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not a defined value.</exception>
    public static string Key(this CaseChannel channel) =>
        Keys.TryGetValue(channel, out var key) ? key : throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a defined case channel.");

    /// <summary>Parses a channel key.</summary>
    /// <exception cref="FormatException">The text is not a channel key; the message lists the keys.</exception>
    public static CaseChannel Parse(string key) =>
        key is not null && ByKey.TryGetValue(key, out var channel)
            ? channel
            : throw new FormatException($"'{key}' is not a case channel; the channels are: {string.Join(", ", Keys.Values)}.");
}

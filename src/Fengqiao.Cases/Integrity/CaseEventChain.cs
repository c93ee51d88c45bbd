using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Cases.Integrity;

/// <summary>
/// The hash chain over a case's stored events (防篡改链): each event's link is SHA-256 — or HMAC-SHA-256 under a county
/// key — of the previous link, the case id, the version and the stored text exactly as written, starting from
/// <see cref="Genesis"/>. A store keeps each event's link beside it and the last link as the case's head, so an edited,
/// missing or deleted event is found by <see cref="Verify"/>.
/// </summary>
/// <remarks>
/// <para>The bytes hashed for one event are: the previous link (<see cref="LinkLength"/> bytes), the case id in UTF-8,
/// one zero byte, the version as a big-endian 64-bit integer, and the stored text in UTF-8. The link covers the text
/// the store wrote, not the event's shape, so it survives changes to the event types; a store must hand
/// <see cref="Verify"/> the same text it linked.</para>
/// <para>The SQLite and PostgreSQL stores both chain this way, so their histories verify alike; any other store that
/// calls <see cref="Link(ReadOnlySpan{byte}, string, long, string)"/> on append and <see cref="Verify"/> on load or audit is tamper-evident in the same sense.
/// Without a key, anyone who can write the database can recompute the links after an edit; with a key kept outside the
/// database (<see cref="CaseEventChain(ReadOnlySpan{byte})"/>) they cannot.</para>
/// </remarks>
/// <threadsafety>Immutable (the key is copied on construction); safe to share and call from any thread.</threadsafety>
public sealed class CaseEventChain
{
    /// <summary>The length of a link in bytes (a SHA-256 or HMAC-SHA-256 digest).</summary>
    public const int LinkLength = 32;

    private static readonly byte[] GenesisBytes = new byte[LinkLength];

    private readonly byte[]? key;

    /// <summary>Creates a chain keyed by a county secret (HMAC-SHA-256), or an unkeyed one (SHA-256) when the key is empty.</summary>
    /// <param name="key">The key; empty for an unkeyed chain. It is copied.</param>
    /// <remarks>A store must use the same key for every event it ever links: a history linked under one key fails
    /// <see cref="Verify"/> under another, reported as <see cref="CaseEventChainBreakKind.Edited"/>.</remarks>
    public CaseEventChain(ReadOnlySpan<byte> key)
    {
        this.key = key.IsEmpty ? null : key.ToArray();
    }

    /// <summary>Gets the unkeyed chain (plain SHA-256).</summary>
    public static CaseEventChain Unkeyed { get; } = new([]);

    /// <summary>Gets the link "before" a case's first event: <see cref="LinkLength"/> zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisBytes;

    /// <summary>Gets a value indicating whether the chain is keyed (HMAC-SHA-256) rather than plain SHA-256.</summary>
    public bool IsKeyed => key is not null;

    /// <summary>Computes the link of one event.</summary>
    /// <param name="previous">The link of the case's previous event, or <see cref="Genesis"/> for its first event.</param>
    /// <param name="caseId">The case id, as the store keeps it.</param>
    /// <param name="version">The event's version.</param>
    /// <param name="body">The stored text, exactly as written.</param>
    /// <returns>A new array of <see cref="LinkLength"/> bytes.</returns>
    /// <exception cref="ArgumentException"><paramref name="previous"/> is not <see cref="LinkLength"/> bytes long.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="caseId"/> or <paramref name="body"/> is null.</exception>
    public byte[] Link(ReadOnlySpan<byte> previous, string caseId, long version, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var link = new byte[LinkLength];
        LinkText(previous, caseId, version, body, link);
        return link;
    }

    /// <summary>Computes the link of one event whose stored text is already in hand as UTF-8 bytes.</summary>
    /// <param name="previous">The link of the case's previous event, or <see cref="Genesis"/> for its first event.</param>
    /// <param name="caseId">The case id, as the store keeps it.</param>
    /// <param name="version">The event's version.</param>
    /// <param name="utf8Body">The stored text's UTF-8 bytes, exactly as written.</param>
    /// <returns>A new array of <see cref="LinkLength"/> bytes: the same link as <see cref="Link(ReadOnlySpan{byte}, string, long, string)"/>
    /// gives for the text these bytes encode (the definition hashes the text's UTF-8 bytes), without decoding or copying it to a string.</returns>
    /// <exception cref="ArgumentException"><paramref name="previous"/> is not <see cref="LinkLength"/> bytes long.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="caseId"/> is null.</exception>
    public byte[] Link(ReadOnlySpan<byte> previous, string caseId, long version, ReadOnlySpan<byte> utf8Body)
    {
        var link = new byte[LinkLength];
        LinkBytes(previous, caseId, version, utf8Body, link);
        return link;
    }

    /// <summary>Computes the seal of a case's snapshot: the link, from the chain head at the snapshot's version, of the
    /// text <c>"snapshot "</c> followed by the SHA-256 of the snapshot's bytes in 64 upper-case hexadecimal digits.</summary>
    /// <param name="head">The case's chain head at the snapshot's version (the link of its event of that version).</param>
    /// <param name="caseId">The case id, as the store keeps it.</param>
    /// <param name="version">The snapshot's version.</param>
    /// <param name="snapshot">The snapshot's stored bytes, exactly as written.</param>
    /// <returns>A new array of <see cref="LinkLength"/> bytes. A snapshot edited, or moved to another case, version or
    /// head, without the chain's key does not match it.</returns>
    /// <remarks>The definition is the one stores have written since snapshots were sealed (schema 9 of the SQLite store):
    /// <c>Link(head, caseId, version, "snapshot " + HEX(SHA-256(snapshot)))</c>. It is computed without intermediate
    /// strings or arrays: two hashes, the snapshot's bytes read once.</remarks>
    /// <exception cref="ArgumentException"><paramref name="head"/> is not <see cref="LinkLength"/> bytes long.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="caseId"/> is null.</exception>
    public byte[] Seal(ReadOnlySpan<byte> head, string caseId, long version, ReadOnlySpan<byte> snapshot)
    {
        Span<byte> text = stackalloc byte[SealPrefix.Length + (2 * LinkLength)];
        SealPrefix.CopyTo(text);
        Span<byte> digest = stackalloc byte[LinkLength];
        SHA256.HashData(snapshot, digest);
        var hex = text[SealPrefix.Length..];
        for (var i = 0; i < digest.Length; i++)
        {
            hex[2 * i] = HexDigits[digest[i] >> 4];
            hex[(2 * i) + 1] = HexDigits[digest[i] & 0xF];
        }

        var seal = new byte[LinkLength];
        LinkBytes(head, caseId, version, text, seal);
        return seal;
    }

    private static ReadOnlySpan<byte> SealPrefix => "snapshot "u8;

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>The link of a text, encoded straight into the hashed buffer (one pass over the text, no string copies).</summary>
    private void LinkText(ReadOnlySpan<byte> previous, string caseId, long version, string body, Span<byte> destination) =>
        Hash(previous, caseId, version, body, default, destination);

    /// <summary>The link of a body already in UTF-8.</summary>
    private void LinkBytes(ReadOnlySpan<byte> previous, string caseId, long version, ReadOnlySpan<byte> body, Span<byte> destination) =>
        Hash(previous, caseId, version, null, body, destination);

    /// <summary>Hashes previous link, case id, a zero byte, the big-endian version and the body (<paramref name="text"/>
    /// encoded as UTF-8 when given, else <paramref name="bytes"/>) into <paramref name="destination"/>: one hash call over
    /// one buffer, on the stack for short bodies and pooled otherwise.</summary>
    private void Hash(ReadOnlySpan<byte> previous, string caseId, long version, string? text, ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        if (previous.Length != LinkLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A previous link is {LinkLength} bytes (a link or Genesis), not {previous.Length}."), nameof(previous));
        }

        var bodyMax = text is null ? bytes.Length : Encoding.UTF8.GetMaxByteCount(text.Length);
        var size = LinkLength + Encoding.UTF8.GetMaxByteCount(caseId.Length) + 1 + sizeof(long) + bodyMax;
        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            previous.CopyTo(buffer);
            var at = LinkLength;
            at += Encoding.UTF8.GetBytes(caseId, buffer[at..]);
            buffer[at++] = 0;
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], version);
            at += sizeof(long);
            if (text is null)
            {
                bytes.CopyTo(buffer[at..]);
                at += bytes.Length;
            }
            else
            {
                at += Encoding.UTF8.GetBytes(text, buffer[at..]);
            }

            var hashed = buffer[..at];
            _ = key is null ? SHA256.HashData(hashed, destination) : HMACSHA256.HashData(key, hashed, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private const int StackLimit = 512;

    /// <summary>Checks a case's stored events against their links, the case's head and the version the store records.</summary>
    /// <param name="caseId">The case id, as the store keeps it.</param>
    /// <param name="events">The case's stored events in version order, from version 1.</param>
    /// <param name="head">The head the store keeps for the case (the link of its last event); empty when it keeps none.</param>
    /// <param name="storedVersion">The version the store records for the case.</param>
    /// <returns>The first failure, or <see langword="null"/> when the whole history holds.</returns>
    /// <remarks>
    /// <para>Checks in this order and reports the first failure: versions run 1, 2, 3… without a gap
    /// (<see cref="CaseEventChainBreakKind.MissingEvent"/>); each event has a link (<see cref="CaseEventChainBreakKind.Unlinked"/>)
    /// that matches the one computed from its text (<see cref="CaseEventChainBreakKind.Edited"/>); the head is the last
    /// link (<see cref="CaseEventChainBreakKind.Truncated"/>); the recorded version equals the number of events
    /// (<see cref="CaseEventChainBreakKind.VersionMismatch"/>).</para>
    /// <para>An empty history holds only if the head is <see cref="Genesis"/> and the recorded version is 0. The cost is
    /// one hash per event; nothing is allocated per event beyond the link.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="caseId"/> or <paramref name="events"/> is null, or an
    /// event's body is null.</exception>
    public CaseEventChainBreak? Verify(string caseId, IReadOnlyList<StoredCaseEvent> events, ReadOnlySpan<byte> head, long storedVersion)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        ArgumentNullException.ThrowIfNull(events);
        ReadOnlySpan<byte> link = Genesis;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Version != i + 1)
            {
                return new(i + 1, CaseEventChainBreakKind.MissingEvent,
                    string.Create(CultureInfo.InvariantCulture, $"event {i + 1} is missing (the next stored event is version {e.Version})"));
            }

            if (e.Link.IsEmpty)
            {
                return new(e.Version, CaseEventChainBreakKind.Unlinked, "the event has no hash link (written outside the store)");
            }

            link = Link(link, caseId, e.Version, e.Body ?? throw new ArgumentNullException(nameof(events), $"Event {e.Version} has a null body."));
            if (!link.SequenceEqual(e.Link.Span))
            {
                return new(e.Version, CaseEventChainBreakKind.Edited,
                    "the event does not match its hash link: it was edited after it was written (or the chain key differs)");
            }
        }

        if (!link.SequenceEqual(head))
        {
            return new(events.Count + 1, CaseEventChainBreakKind.Truncated, string.Create(CultureInfo.InvariantCulture,
                $"the case's chain head is not the link of its last stored event (version {events.Count}): later events were deleted"));
        }

        if (storedVersion != events.Count)
        {
            return new(Math.Min(storedVersion, events.Count) + 1, CaseEventChainBreakKind.VersionMismatch, string.Create(CultureInfo.InvariantCulture,
                $"the case row says version {storedVersion} but its events end at version {events.Count}"));
        }

        return null;
    }
}

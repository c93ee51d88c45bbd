using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>
/// The hash chain over a case's stored events: each event's link is SHA-256 (or HMAC-SHA-256 under a county key) of
/// the previous link, the case id, the version and the stored JSON text exactly as written (the same chain as the SQLite store's, so the two verify alike). The case row keeps the
/// last link (<c>fengqiao_cases.head</c>), so a deleted last event shows as well as an edited one.
/// </summary>
/// <remarks>The link covers the stored text, not the event's shape, so it does not change when event types do.</remarks>
internal static class EventChain
{
    /// <summary>The length of a link in bytes.</summary>
    public const int Length = 32;

    /// <summary>The link "before" a case's first event.</summary>
    public static readonly byte[] Genesis = new byte[Length];

    /// <summary>Computes the link of one event.</summary>
    public static byte[] Link(byte[]? key, ReadOnlySpan<byte> previous, string caseId, long version, string body)
    {
        var idBytes = Encoding.UTF8.GetByteCount(caseId);
        var bodyBytes = Encoding.UTF8.GetByteCount(body);
        var size = Length + idBytes + 1 + sizeof(long) + bodyBytes;
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = rented.AsSpan(0, size);
            previous.CopyTo(span);
            var at = Length;
            at += Encoding.UTF8.GetBytes(caseId, span[at..]);
            span[at++] = 0;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], version);
            at += sizeof(long);
            Encoding.UTF8.GetBytes(body, span[at..]);
            return key is null ? SHA256.HashData(span) : HMACSHA256.HashData(key, span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

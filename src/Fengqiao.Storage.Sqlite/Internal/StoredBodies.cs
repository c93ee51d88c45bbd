using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>
/// How event bodies and snapshot bodies (schema 13) and personal documents (schema 14) are kept in the file: zstd with
/// a preset dictionary shipped in this package, behind a one-byte marker. The hash chain and the snapshot seal cover the
/// JSON text, and an event body's personal digest covers its personal document's text, never these bytes, so a row reads,
/// verifies and re-chains the same whichever way it is stored.
/// </summary>
/// <remarks>
/// <para>The per-row marker: an event body stored as SQLite <c>TEXT</c> is JSON as it was written before schema 13 (read
/// as it is, never rewritten); one stored as a <c>BLOB</c> starts with a marker byte naming its encoding. A snapshot
/// body is always a <c>BLOB</c>: JSON (first byte <c>{</c>) before schema 13, a marker byte from it on.
/// <see cref="ZstdDictionary1"/> (bodies) and <see cref="ZstdPersonal1"/> (personal documents) are the markers so far: the JSON's length in UTF-8 bytes (unsigned LEB128), then a
/// magicless zstd frame (no content size, checksum or dictionary id) compressed with the marker's dictionary, <c>bodies-1.zdict</c> for marker 1 (the
/// level is the writer's choice: any level reads back the same). Each dictionary is part of the file format: it
/// must never change (a test pins its SHA-256); a better one ships under a new marker, and the old stays readable.
/// It was trained with <c>zstd --train --maxdict=65536</c> (zstd 1.5.4) on the stored bodies of four runs of
/// <c>fengqiao simulate --days 6 --seed 2</c> (the default profile and samples/profiles korla, baiyin and toutunhe, at
/// commit c7ce224): 203,153 event bodies and 13,837 snapshot bodies, none from the seed-1 run the figures use.</para>
/// <para>Personal documents (<c>personal.data</c>, schema 14) are encoded the same way under their own marker,
/// <see cref="ZstdPersonal1"/>, whose dictionary <c>personal-1.zdict</c> (16 KB; pinned like the first) was trained with
/// <c>zstd --train --maxdict=16384</c> (zstd 1.5.4) on the 62,602 personal documents of the same four kinds of seed-2 run (at
/// commit 28f980b, after staff texts moved into the documents): on the seed-1 run's documents it keeps 0.39 of their
/// JSON where dictionary 1 keeps 0.64 (docs/benchmarks.md, "Personal documents compressed"). Its strings are the
/// simulation's (names, report texts, staff replies), so on a county's real documents expect less. A document is stored
/// compressed only when that is smaller than its UTF-8 JSON (short documents, mostly their random salt, may not be):
/// otherwise it is stored as <c>TEXT</c>, as every document was before schema 14 (those rows are read as they are and
/// never rewritten). <c>NULL</c> is an erased document either way.</para>
/// <para>A stored body that does not decode (a damaged or edited row) reads as text that is not JSON and cannot match
/// its hash link, so the chain check or the event reader reports it with the case and version — never an empty body.</para>
/// <para>Thread safety: every member may be called from any thread at once (each thread keeps its own zstd contexts).</para>
/// </remarks>
internal static class StoredBodies
{
    /// <summary>The marker of a body compressed by zstd with dictionary 1 (<c>bodies-1.zdict</c>).</summary>
    public const byte ZstdDictionary1 = 1;

    /// <summary>The marker of a personal document compressed by zstd with the personal dictionary 1 (<c>personal-1.zdict</c>).</summary>
    public const byte ZstdPersonal1 = 2;

    /// <summary>The compression level. Level 3 is zstd's default: on bodies of a few hundred bytes with the dictionary,
    /// level 9 kept 6–9 % fewer bytes but compressed 5–10 times slower (zstd's own bench, 200-byte blocks), which an
    /// append would pay on every event and snapshot.</summary>
    private const int Level = 3;

    /// <summary>What a body that does not decode reads as: not JSON, and no link matches it.</summary>
    private const string Undecodable = "\u0000undecodable stored body: ";

    /// <summary>Each marker's dictionary, by marker (index 0 unused).</summary>
    private static readonly byte[][] Dictionaries = [[], LoadDictionary("bodies-1.zdict"), LoadDictionary("personal-1.zdict")];

    [ThreadStatic]
    private static Compressor?[]? compressors;

    [ThreadStatic]
    private static Decompressor?[]? decompressors;

    // This thread's buffers for the scratch encoders: the UTF-8 of the text, and the encoded bytes.
    [ThreadStatic]
    private static byte[]? textScratch;

    [ThreadStatic]
    private static byte[]? encodedScratch;

    /// <summary>The SHA-256 of the dictionary behind <see cref="ZstdDictionary1"/> (pinned by a test).</summary>
    public static string DictionaryDigest => Convert.ToHexString(SHA256.HashData(Dictionaries[ZstdDictionary1]));

    /// <summary>The SHA-256 of the dictionary behind <see cref="ZstdPersonal1"/> (pinned by a test).</summary>
    public static string PersonalDictionaryDigest => Convert.ToHexString(SHA256.HashData(Dictionaries[ZstdPersonal1]));

    /// <summary>Encodes a body's UTF-8 JSON for storage: the marker, then the compressed frame.</summary>
    /// <param name="json">The body's JSON text in UTF-8.</param>
    /// <returns>The bytes to store.</returns>
    public static byte[] Encode(ReadOnlySpan<byte> json) => Encode(json, ZstdDictionary1, always: true)!;

    /// <summary>Encodes an event body (JSON text) for storage.</summary>
    /// <param name="json">The body as the hash chain covers it.</param>
    /// <returns>The bytes to store in <c>events.body</c>.</returns>
    public static byte[] EncodeEvent(string json) => EncodeText(json, ZstdDictionary1, always: true)!;

    /// <summary>Encodes an event body (JSON text) for storage into this thread's scratch buffer, with no array of its own.</summary>
    /// <param name="json">The body as the hash chain covers it.</param>
    /// <returns>The bytes to store in <c>events.body</c> (the same as <see cref="EncodeEvent"/>'s); valid until the next
    /// scratch encoding on this thread.</returns>
    public static ReadOnlySpan<byte> EncodeEventScratch(string json) => EncodeTextScratch(json, ZstdDictionary1, always: true);

    /// <summary>Encodes a body's UTF-8 JSON (a snapshot's) for storage into this thread's scratch buffer.</summary>
    /// <param name="json">The body's JSON text in UTF-8 (not this thread's scratch buffers).</param>
    /// <returns>The bytes to store (the same as <see cref="Encode(ReadOnlySpan{byte})"/>'s); valid until the next scratch
    /// encoding on this thread.</returns>
    public static ReadOnlySpan<byte> EncodeScratch(ReadOnlySpan<byte> json) => EncodeScratch(json, ZstdDictionary1, always: true);

    /// <summary>Encodes a personal document (JSON text) into this thread's scratch buffer when compressing it makes it
    /// smaller than its UTF-8 JSON (see <see cref="EncodePersonal"/>).</summary>
    /// <param name="json">The document as its digest in the event body covers it.</param>
    /// <returns>The bytes to store (marker <see cref="ZstdPersonal1"/>), valid until the next scratch encoding on this
    /// thread; empty when the document is to be stored as its text.</returns>
    public static ReadOnlySpan<byte> EncodePersonalScratch(string json) => EncodeTextScratch(json, ZstdPersonal1, always: false);

    /// <summary>Encodes a personal document (JSON text) for storage: compressed with the personal dictionary when that
    /// is smaller than its UTF-8 JSON, else the text itself.</summary>
    /// <param name="json">The document as its digest in the event body covers it.</param>
    /// <returns>The value to store in <c>personal.data</c>: a <see cref="byte"/> array (marker <see cref="ZstdPersonal1"/>)
    /// or <paramref name="json"/>.</returns>
    public static object EncodePersonal(string json) => (object?)EncodeText(json, ZstdPersonal1, always: false) ?? json;

    /// <summary>Reads a personal document column: null when erased, text as it is (written before schema 14, or not
    /// smaller compressed), a blob decoded by its marker.</summary>
    /// <param name="reader">The reader, on a row.</param>
    /// <param name="ordinal">The document's column.</param>
    /// <returns>The document's JSON text; null when the row holds none (erased); for a blob that does not decode, text
    /// that is not JSON, which no digest matches, so the event it belongs to is refused as edited.</returns>
    public static string? ReadPersonal(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadEvent(reader, ordinal);

    /// <summary>Reads an event body column: text as it is (written before schema 13), a blob decoded by its marker.</summary>
    /// <param name="reader">The reader, on a row.</param>
    /// <param name="ordinal">The body's column.</param>
    /// <returns>The body's JSON text (or, for a row that does not decode, text that is not JSON; see the remarks on the type).</returns>
    public static string ReadEvent(SqliteDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            string text => text,
            byte[] stored => DecodeText(stored),
            var other => Undecodable + "a " + other.GetType().Name,
        };

    /// <summary>Decodes a stored blob (an event body or a personal document) to its JSON text.</summary>
    /// <param name="stored">The stored bytes (a marker first).</param>
    /// <returns>The JSON text, or text that is not JSON when the bytes do not decode.</returns>
    public static string DecodeText(byte[] stored)
    {
        if (stored.Length == 0 || !IsMarker(stored[0]))
        {
            return Undecodable + (stored.Length == 0 ? "empty" : "unknown marker " + stored[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Decompress(stored, static bytes => Encoding.UTF8.GetString(bytes), static reason => Undecodable + reason);
    }

    /// <summary>Reads a snapshot body: JSON as it is (written before schema 13), or decoded by its marker.</summary>
    /// <param name="stored">The stored bytes.</param>
    /// <returns>The snapshot's UTF-8 JSON; bytes that are not JSON when the row does not decode (the seal or the
    /// snapshot reader then refuses it).</returns>
    public static byte[] ReadSnapshot(byte[] stored) =>
        stored.Length > 0 && IsMarker(stored[0])
            ? Decompress(stored, static bytes => bytes.ToArray(), static reason => Encoding.UTF8.GetBytes(Undecodable + reason))
            : stored;

    private static bool IsMarker(byte first) => first is ZstdDictionary1 or ZstdPersonal1;

    /// <summary>Encodes JSON text under <paramref name="marker"/>; when not <paramref name="always"/>, null unless the
    /// encoded form is smaller than the UTF-8 JSON.</summary>
    private static byte[]? EncodeText(string json, byte marker, bool always)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var count = Encoding.UTF8.GetBytes(json, rented);
            return Encode(rented.AsSpan(0, count), marker, always);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<byte> EncodeTextScratch(string json, byte marker, bool always)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        var utf8 = textScratch is { } t && t.Length >= length ? t : textScratch = new byte[Math.Max(length, 4096)];
        var count = Encoding.UTF8.GetBytes(json, utf8);
        return EncodeScratch(utf8.AsSpan(0, count), marker, always);
    }

    /// <summary>Encodes into this thread's scratch buffer (grown as needed, kept for the next call); empty when not
    /// <paramref name="always"/> and the encoded form is not smaller than the UTF-8 JSON.</summary>
    private static ReadOnlySpan<byte> EncodeScratch(ReadOnlySpan<byte> json, byte marker, bool always)
    {
        var c = Compressor(marker);
        var bound = ZstdSharp.Compressor.GetCompressBound(json.Length) + 6;
        var buffer = encodedScratch is { } e && e.Length >= bound ? e : encodedScratch = new byte[Math.Max(bound, 4096)];
        var header = Header(buffer, marker, json.Length);
        var written = c.Wrap(json, buffer.AsSpan(header));
        return always || header + written < json.Length ? buffer.AsSpan(0, header + written) : default;
    }

    /// <summary>Writes the marker and the JSON's length (unsigned LEB128); returns the header's length.</summary>
    private static int Header(byte[] buffer, byte marker, int jsonLength)
    {
        buffer[0] = marker;
        var header = 1;
        for (var length = (uint)jsonLength; ; length >>= 7)
        {
            buffer[header++] = (byte)(length < 0x80 ? length : (length & 0x7F) | 0x80);
            if (length < 0x80)
            {
                return header;
            }
        }
    }

    private static byte[]? Encode(ReadOnlySpan<byte> json, byte marker, bool always)
    {
        var c = Compressor(marker);
        var bound = ZstdSharp.Compressor.GetCompressBound(json.Length) + 6;
        var rented = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var header = Header(rented, marker, json.Length);
            var written = c.Wrap(json, rented.AsSpan(header));
            return always || header + written < json.Length ? rented.AsSpan(0, header + written).ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static T Decompress<T>(byte[] stored, SpanFunc<T> read, Func<string, T> undecodable)
    {
        var d = Decompressor(stored[0]);
        ulong size = 0;
        var header = 1;
        for (var shift = 0; ; shift += 7)
        {
            if (header == stored.Length || shift > 28)
            {
                return undecodable("its length header is cut short or too long");
            }

            var b = stored[header++];
            size |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        if (size > 64 * 1024 * 1024)
        {
            return undecodable("its header claims more than 64 MB");
        }

        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)size));
        try
        {
            var count = d.Unwrap(stored.AsSpan(header), rented.AsSpan(0, (int)size));
            return count == (int)size ? read(rented.AsSpan(0, count)) : undecodable("its length differs from its header");
        }
        catch (ZstdException e)
        {
            return undecodable(e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private delegate T SpanFunc<T>(ReadOnlySpan<byte> bytes);

    /// <summary>This thread's compression context for <paramref name="marker"/>, made (and its dictionary digested) once.</summary>
    private static Compressor Compressor(byte marker)
    {
        var all = compressors ??= new Compressor?[Dictionaries.Length];
        return all[marker] ??= NewCompressor(Dictionaries[marker]);
    }

    /// <summary>This thread's decompression context for <paramref name="marker"/>, made (and its dictionary digested) once.</summary>
    private static Decompressor Decompressor(byte marker)
    {
        var all = decompressors ??= new Decompressor?[Dictionaries.Length];
        return all[marker] ??= NewDecompressor(Dictionaries[marker]);
    }

    private static Compressor NewCompressor(byte[] dictionary)
    {
        var c = new Compressor(Level);
        c.SetParameter(ZSTD_cParameter.ZSTD_c_experimentalParam2, (int)ZSTD_format_e.ZSTD_f_zstd1_magicless);
        c.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 0);
        c.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
        c.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
        c.LoadDictionary(dictionary);
        return c;
    }

    private static Decompressor NewDecompressor(byte[] dictionary)
    {
        var d = new Decompressor();
        d.SetParameter(ZSTD_dParameter.ZSTD_d_experimentalParam1, (int)ZSTD_format_e.ZSTD_f_zstd1_magicless);
        d.LoadDictionary(dictionary);
        return d;
    }

    private static byte[] LoadDictionary(string name)
    {
        using var stream = typeof(StoredBodies).Assembly.GetManifestResourceStream("Fengqiao.Storage.Sqlite." + name)
            ?? throw new InvalidOperationException($"The package's dictionary {name} is missing from the assembly: the build is broken.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fengqiao.Cases.QueryCodes;

/// <summary>
/// A query code — 查询码: the unguessable code a citizen types to follow a case, e.g. <c>7KQ2M9-XW4HC1-ZP8D3R</c>.
/// </summary>
/// <remarks>
/// <para>
/// 17 random symbols (85 bits from a cryptographic generator, see <see cref="QueryCodeGenerator"/>) and one check
/// symbol, written in Crockford's base-32 alphabet <c>0-9 A-Z</c> without <c>I L O U</c>, in three groups of six.
/// A code is never derived from a case id: knowing one case tells nothing about another.
/// </para>
/// <para>
/// The check symbol is a Damm check over the field GF(32) (x∘y = 2·x + y, with the polynomial x⁵ + x² + 1). It
/// detects every single mistyped symbol and every swap of two neighbouring symbols, including the check symbol.
/// </para>
/// <para>
/// Parsing is forgiving about form and strict about content: case, spaces and hyphens are ignored, and the letters
/// people confuse with digits are read as those digits (<c>O</c> as <c>0</c>, <c>I</c> and <c>L</c> as <c>1</c>).
/// Anything else wrong — length, a symbol outside the alphabet, a check symbol that does not match — is rejected
/// with a <see cref="QueryCodeFormatException"/> that never repeats the code itself.
/// </para>
/// </remarks>
/// <threadsafety>An immutable value: thread-safe.</threadsafety>
public readonly struct QueryCode : IEquatable<QueryCode>
{
    /// <summary>The number of symbols in a code, check symbol included (hyphens excluded).</summary>
    public const int SymbolCount = 18;

    internal const int DataSymbols = SymbolCount - 1;
    internal const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int GroupLength = 6;
    private static readonly UInt128 DataMask = (UInt128.One << (5 * DataSymbols)) - 1;

    private readonly UInt128 value;

    private QueryCode(UInt128 value)
    {
        this.value = value;
    }

    /// <summary>Compares two codes.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">Another code.</param>
    /// <returns><see langword="true"/> when they are the same code.</returns>
    public static bool operator ==(QueryCode left, QueryCode right) => left.Equals(right);

    /// <summary>Compares two codes.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">Another code.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(QueryCode left, QueryCode right) => !left.Equals(right);

    /// <summary>Reads a code typed by a person or stored by the host.</summary>
    /// <param name="text">The code, in any case, with or without spaces and hyphens.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="QueryCodeFormatException">
    /// The text has the wrong number of symbols, a symbol outside the alphabet, or a check symbol that does not match.
    /// </exception>
    public static QueryCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var code, out var error) ? code : throw new QueryCodeFormatException(error);
    }

    /// <summary>Reads a code, reporting failure as <see langword="false"/> instead of an exception.</summary>
    /// <param name="text">The code, in any case, with or without spaces and hyphens.</param>
    /// <param name="code">The code when the text is valid; otherwise the default code.</param>
    /// <returns><see langword="true"/> when the text is a valid code.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out QueryCode code) =>
        TryParse(text, out code, out _);

    /// <summary>Compares with another code.</summary>
    /// <param name="other">The other code.</param>
    /// <returns><see langword="true"/> when they are the same code.</returns>
    public bool Equals(QueryCode other) => value == other.value;

    /// <summary>Compares with another object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns><see langword="true"/> when it is the same code.</returns>
    public override bool Equals(object? obj) => obj is QueryCode other && Equals(other);

    /// <summary>Gets a hash code.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => value.GetHashCode();

    /// <summary>Formats the code for reading and storing: upper case, three groups of six, e.g. <c>7KQ2M9-XW4HC1-ZP8D3R</c>.</summary>
    /// <returns>The canonical form; <see cref="Parse"/> reads it back.</returns>
    public override string ToString()
    {
        Span<char> symbols = stackalloc char[SymbolCount];
        for (var i = 0; i < DataSymbols; i++)
        {
            symbols[i] = Alphabet[(int)((value >> (5 * (DataSymbols - 1 - i))) & 31)];
        }

        symbols[DataSymbols] = Alphabet[CheckSymbol(value)];
        return string.Create(CultureInfo.InvariantCulture, $"{symbols[..6]}-{symbols[6..12]}-{symbols[12..]}");
    }

    internal static QueryCode FromRandom(UInt128 random) => new(random & DataMask);

    internal static int Step(int interim, int symbol)
    {
        // x∘y = 2·x + y in GF(32) with x⁵ + x² + 1: a weakly totally anti-symmetric quasigroup (Damm).
        var doubled = interim << 1;
        if ((doubled & 32) != 0)
        {
            doubled ^= 0b100101;
        }

        return doubled ^ symbol;
    }

    private static int CheckSymbol(UInt128 data)
    {
        var interim = 0;
        for (var i = 0; i < DataSymbols; i++)
        {
            interim = Step(interim, (int)((data >> (5 * (DataSymbols - 1 - i))) & 31));
        }

        // The check symbol c makes interim∘c = 0, i.e. c = 2·interim.
        return Step(interim, 0);
    }

    private static int SymbolValue(char c) => char.ToUpperInvariant(c) switch
    {
        'O' => 0,
        'I' or 'L' => 1,
        var u => Alphabet.IndexOf(u, StringComparison.Ordinal),
    };

    private static bool TryParse(string? text, out QueryCode code, out string error)
    {
        code = default;
        if (text is null)
        {
            error = "No query code was given.";
            return false;
        }

        Span<int> symbols = stackalloc int[SymbolCount];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            var symbol = SymbolValue(c);
            if (symbol < 0)
            {
                error = $"Character {i + 1} of the query code is not a letter or digit used in query codes (letters I, L, O are read as 1, 1, 0; U is never used).";
                return false;
            }

            if (count == SymbolCount)
            {
                error = $"A query code has {SymbolCount} letters and digits; this one has more.";
                return false;
            }

            symbols[count++] = symbol;
        }

        if (count != SymbolCount)
        {
            error = $"A query code has {SymbolCount} letters and digits; this one has {count}.";
            return false;
        }

        var interim = 0;
        UInt128 data = 0;
        for (var i = 0; i < SymbolCount; i++)
        {
            interim = Step(interim, symbols[i]);
            if (i < DataSymbols)
            {
                data = (data << 5) | (uint)symbols[i];
            }
        }

        if (interim != 0)
        {
            error = "The query code's check character does not match: a character was mistyped or two neighbouring characters were swapped.";
            return false;
        }

        code = new QueryCode(data);
        error = "";
        return true;
    }
}

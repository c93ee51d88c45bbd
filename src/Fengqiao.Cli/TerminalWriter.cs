using System.Globalization;
using System.Text;

namespace Fengqiao.Cli;

/// <summary>
/// Writes to a terminal stream with control characters escaped, so text that came from an input file (a county's
/// name, a unit id, a field in a problem message) can never move the cursor, change colours or hide text.
/// </summary>
/// <remarks>
/// Line feeds, tabs and carriage returns (the progress bar's) pass through; every other C0 control character, DEL,
/// the C1 controls and the bidirectional overrides (U+202A–U+202E, U+2066–U+2069) are written as <c>\u{1B}</c>.
/// </remarks>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    /// <summary>Gets the stream this writer writes to.</summary>
    public TextWriter Inner => inner;

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>Tells whether <paramref name="c"/> is written escaped.</summary>
    public static bool IsEscaped(char c) =>
        (c < ' ' && c is not '\n' and not '\t' and not '\r')
        || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>Returns <paramref name="text"/> with every escaped character written as <c>\u{XX}</c>.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(IsEscaped))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            Append(sb, c);
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (IsEscaped(value))
        {
            inner.Write(Escaped(value));
        }
        else
        {
            inner.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(Escape(value));
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    private static string Escaped(char c) => string.Create(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X}}}");

    private static void Append(StringBuilder sb, char c)
    {
        if (IsEscaped(c))
        {
            sb.Append(Escaped(c));
        }
        else
        {
            sb.Append(c);
        }
    }
}

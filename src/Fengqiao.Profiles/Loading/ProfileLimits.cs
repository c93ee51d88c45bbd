using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fengqiao.Profiles.Loading;

/// <summary>
/// The bounds a county profile must stay within, so that no file — however it is written — makes the loader use more
/// than a few hundred megabytes or overflow its stack. Each is documented in <c>docs/profiles.md</c> ("Limits").
/// </summary>
/// <remarks>The largest reference county (Yumen) is 8 KB, 5 levels deep and about 800 nodes; the limits leave room
/// for counties hundreds of times larger.</remarks>
internal static class ProfileLimits
{
    /// <summary>The largest profile file, in bytes (2 MiB).</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>The deepest nesting of lists and mappings.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most nodes (values, lists, mappings) the document may have once every alias (<c>*name</c>) is
    /// counted as the node it refers to, with all that node holds.</summary>
    public const long MaxExpandedNodes = 250_000;

    /// <summary>The most org units a profile may have: listed units plus every generated one.</summary>
    public const int MaxUnits = 100_000;

    /// <summary>The most org members a profile may have, counting the members every generated unit gets.</summary>
    public const int MaxMembers = 250_000;

    /// <summary>
    /// Reads the event stream once, without building the document, and stops at the first bound crossed: nesting
    /// deeper than <see cref="MaxDepth"/> (the document loader recurses once a level, so a deep file would overflow
    /// the stack) or more than <see cref="MaxExpandedNodes"/> nodes counting aliases as what they stand for (a few
    /// kilobytes of aliases can stand for billions of nodes).
    /// </summary>
    /// <returns><see langword="true"/> when the stream is within bounds; otherwise the problem is in the sink.</returns>
    /// <exception cref="YamlException">The stream is not valid YAML (the caller reports it).</exception>
    public static bool Check(IParser parser, ProblemSink sink, ref Mark lastGood)
    {
        var depth = 0;
        long nodes = 0;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long StartNodes)>();
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            lastGood = current.End;
            switch (current)
            {
                case MappingStart or SequenceStart:
                    nodes++;
                    if (++depth > MaxDepth)
                    {
                        sink.Add(current.Start, "", string.Create(CultureInfo.InvariantCulture,
                            $"the profile nests lists and mappings more than {MaxDepth} deep; a county profile needs far fewer levels"));
                        return false;
                    }

                    var anchor = ((NodeEvent)current).Anchor;
                    open.Push((anchor.IsEmpty ? null : anchor.Value, nodes - 1));
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    var (name, start) = open.Pop();
                    if (name is not null)
                    {
                        sizes[name] = nodes - start;
                    }

                    break;
                case Scalar scalar:
                    nodes++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        sizes[scalar.Anchor.Value] = 1;
                    }

                    break;
                case AnchorAlias alias:
                    // An alias to an unknown anchor is left to the document loader, which reports it where it is.
                    nodes += sizes.TryGetValue(alias.Value.Value, out var size) ? size : 1;
                    break;
            }

            if (nodes > MaxExpandedNodes)
            {
                sink.Add(current.Start, "", string.Create(CultureInfo.InvariantCulture,
                    $"the profile holds more than {MaxExpandedNodes:N0} values once its aliases (*name) are expanded; a county profile needs far fewer (are aliases nested inside aliases?)"));
                return false;
            }
        }

        return true;
    }
}

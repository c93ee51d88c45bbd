using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fengqiao.Profiles.Loading;

/// <summary>A YAML node being read, with its path in the profile; every misfit becomes a problem, never an exception.</summary>
internal readonly struct Node(YamlNode? yaml, string path, ProblemSink sink, Mark where)
{
    public YamlNode? Yaml { get; } = yaml;

    public string Path { get; } = path;

    public ProblemSink Sink { get; } = sink;

    public bool IsMissing => Yaml is null || Yaml is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain };

    public Mark Mark => Yaml?.Start ?? where;

    public void Problem(string message) => Sink.Add(Mark, Path, message);

    public MapReader Map()
    {
        if (Yaml is YamlMappingNode mapping)
        {
            return new MapReader(mapping, Path, Sink);
        }

        if (!IsMissing)
        {
            Problem($"expected a mapping of fields, found {Describe(Yaml)}");
        }

        return new MapReader(null, Path, Sink);
    }

    public IEnumerable<Node> Items()
    {
        if (Yaml is YamlSequenceNode sequence)
        {
            var i = 0;
            foreach (var child in sequence.Children)
            {
                yield return new Node(child, $"{Path}[{i++}]", Sink, child.Start);
            }
        }
        else if (!IsMissing)
        {
            Problem($"expected a list, found {Describe(Yaml)}");
        }
    }

    public string? Text()
    {
        if (IsMissing)
        {
            return null;
        }

        if (Yaml is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Problem($"expected a single value, found {Describe(Yaml)}");
        return null;
    }

    /// <summary>Reads and converts a value; a conversion failure names what was expected and why.</summary>
    public bool TryRead<T>(string expected, Func<string, T> convert, [MaybeNullWhen(false)] out T value)
    {
        value = default!;
        var text = Text();
        if (text is null)
        {
            return false;
        }

        try
        {
            value = convert(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or KeyNotFoundException or InvalidOperationException
                                      || e.GetType().Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true)
        {
            var reason = e.Message.ReplaceLineEndings(" ");
            Problem(reason.Contains($"'{text}'", StringComparison.Ordinal) ? reason : $"'{text}' is not {expected}: {reason}");
            return false;
        }
    }

    public string? RequiredText(string what)
    {
        var text = Text();
        if (string.IsNullOrWhiteSpace(text))
        {
            if (IsMissing)
            {
                Problem($"missing {what}");
            }
            else if (text is not null)
            {
                Problem($"{what} is empty");
            }

            return null;
        }

        return text;
    }

    private static string Describe(YamlNode? node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "nothing",
    };
}

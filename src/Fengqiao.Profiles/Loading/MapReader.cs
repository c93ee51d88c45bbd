using YamlDotNet.RepresentationModel;

namespace Fengqiao.Profiles.Loading;

/// <summary>Reads the fields of a YAML mapping; fields never asked for are reported as unknown, with a suggestion.</summary>
internal sealed class MapReader(YamlMappingNode? mapping, string path, ProblemSink sink)
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public bool IsPresent => mapping is not null;

    public Node Optional(string key)
    {
        known.Add(key);
        if (mapping is not null)
        {
            foreach (var (k, v) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && name == key)
                {
                    return new Node(v, Child(key), sink, v.Start);
                }
            }
        }

        return new Node(null, Child(key), sink, mapping?.Start ?? default);
    }

    public Node Required(string key, string expected)
    {
        var node = Optional(key);
        if (mapping is not null && node.Yaml is null)
        {
            sink.Add(mapping.Start, path, $"missing field '{key}' ({expected})");
        }

        return node;
    }

    /// <summary>Reports every field that was not asked for. Call once all fields have been read.</summary>
    public void Done()
    {
        if (mapping is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, _) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!seen.Add(name))
            {
                sink.Add(k.Start, Child(name), $"field '{name}' appears more than once");
            }
            else if (!known.Contains(name))
            {
                sink.Add(k.Start, Child(name), $"unknown field '{name}'{Suggest.DidYouMean(name, known)}; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    private string Child(string key) => path.Length == 0 ? key : $"{path}.{key}";
}

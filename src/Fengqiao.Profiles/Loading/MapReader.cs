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

    /// <summary>
    /// Reads the mapping's <c>source:</c> (a quote from the county's article) or <c>assumption:</c> (why it was assumed)
    /// and records it for the profile; both at once is a problem. Returns the entry, or null when neither is present.
    /// </summary>
    public ProvenanceEntry? Provenance()
    {
        var sourceNode = Optional("source");
        var assumptionNode = Optional("assumption");
        var source = sourceNode.IsMissing ? null : sourceNode.Text();
        var assumption = assumptionNode.IsMissing ? null : assumptionNode.Text();
        if (source is not null && assumption is not null)
        {
            sink.Add(assumptionNode.Mark, Child("assumption"), "an element carries either 'source' (a quote from the county's article) or 'assumption' (why it was assumed), not both");
            return null;
        }

        if (source is null && assumption is null)
        {
            return null;
        }

        var entry = new ProvenanceEntry(path, mapping is null ? 0 : (int)mapping.Start.Line, source, assumption);
        sink.Provenance.Add(entry);
        return entry;
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

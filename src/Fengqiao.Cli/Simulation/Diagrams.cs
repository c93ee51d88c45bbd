using Fengqiao.Lifecycles;
using Fengqiao.Escalation.Ladders;

namespace Fengqiao.Cli.Simulation;

/// <summary>The lifecycle and ladder drawn as inline SVG for the report (Mermaid would need a script from the network).</summary>
internal static class Diagrams
{
    /// <summary>Draws a lifecycle: states in layers by distance from the initial state, arrows for transitions.</summary>
    public static string Lifecycle<TState, TTrigger>(LifecycleDescription<TState, TTrigger> description)
        where TState : notnull
        where TTrigger : notnull
    {
        var (nodes, edges) = LifecycleGraph(description);
        return SvgCharts.LayeredGraph(nodes, edges, "Case lifecycle 案件生命周期");
    }

    /// <summary>The lifecycle as layered boxes and edges: leaf states in layers by distance from the initial state (wide
    /// layers split in rows of five), transitions out of a superstate drawn from each of its leaves.</summary>
    internal static (List<(string Id, string Label, int Layer)> Nodes, List<(string From, string To)> Edges) LifecycleGraph<TState, TTrigger>(LifecycleDescription<TState, TTrigger> description)
        where TState : notnull
        where TTrigger : notnull
    {
        var leaves = description.States.Where(s => s.Substates.Count == 0).ToList();
        var ids = leaves.ToDictionary(s => s.State, s => s.State.ToString()!);
        var edges = new List<(string, string)>();
        foreach (var transition in description.Transitions)
        {
            var sources = description.States.First(s => Equals(s.State, transition.Source)) is { Substates.Count: > 0 } super
                ? leaves.Where(l => l.Superstates.Contains(super.State)).Select(l => l.State)
                : [transition.Source];
            foreach (var source in sources)
            {
                foreach (var destination in transition.Destinations)
                {
                    if (ids.TryGetValue(source, out var from) && ids.TryGetValue(destination, out var to) && transition.Kind != TransitionKind.Internal)
                    {
                        edges.Add((from, to));
                    }
                }
            }
        }

        var layer = new Dictionary<string, int>(StringComparer.Ordinal) { [ids[description.InitialState]] = 0 };
        var queue = new Queue<string>([ids[description.InitialState]]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (from, to) in edges.Where(e => e.Item1 == current))
            {
                if (layer.TryAdd(to, layer[from] + 1))
                {
                    queue.Enqueue(to);
                }
            }
        }

        var deepest = layer.Values.DefaultIfEmpty(0).Max();
        var nodes = leaves
            .Select(s => (Id: ids[s.State], s.Label, Layer: layer.TryGetValue(ids[s.State], out var l) ? l : deepest + 1))
            .ToList();

        // Wide layers are split so the drawing stays readable.
        var reflowed = new List<(string Id, string Label, int Layer)>();
        var next = 0;
        foreach (var group in nodes.GroupBy(n => n.Layer).OrderBy(g => g.Key))
        {
            var row = group.ToList();
            for (var i = 0; i < row.Count; i += 5)
            {
                reflowed.AddRange(row.Skip(i).Take(5).Select(n => (n.Id, n.Label, next)));
                next++;
            }
        }

        return (reflowed, edges);
    }

    /// <summary>Draws a ladder bottom to top.</summary>
    public static string Ladder(Ladder ladder)
    {
        var count = ladder.Levels.Length;
        var nodes = ladder.Levels.Select((l, i) => (l.Key, $"{i + 1}. {l.Name}", count - 1 - i)).ToList();
        var edges = ladder.Levels.Zip(ladder.Levels.Skip(1), (a, b) => (a.Key, b.Key)).ToList();
        return SvgCharts.LayeredGraph(nodes, edges, $"Escalation ladder 升级阶梯: {ladder.Name}");
    }
}

using System.Globalization;
using System.Text;

namespace Fengqiao.Lifecycles;

/// <summary>Renders a <see cref="LifecycleDescription{TState, TTrigger}"/> as Mermaid or DOT.</summary>
internal static class LifecycleDiagrams
{
    public static string Mermaid<TState, TTrigger>(LifecycleDescription<TState, TTrigger> model)
        where TState : notnull
        where TTrigger : notnull
    {
        var ids = Ids(model);
        var byState = model.States.ToDictionary(s => s.State);
        var sb = new StringBuilder();
        sb.Append("stateDiagram-v2\n");
        foreach (var state in model.States.Where(s => s.Superstates.Count == 0))
        {
            MermaidState(sb, state, byState, ids, 1);
        }

        sb.Append("    [*] --> ").Append(ids[model.InitialState]).Append('\n');
        foreach (var t in model.Transitions)
        {
            foreach (var destination in t.Destinations)
            {
                sb.Append("    ").Append(ids[t.Source]).Append(" --> ").Append(ids[destination])
                  .Append(" : ").Append(MermaidText(EdgeLabel(t))).Append('\n');
            }
        }

        foreach (var state in model.States.Where(s => s.IsTerminal))
        {
            sb.Append("    ").Append(ids[state.State]).Append(" --> [*]\n");
        }

        return sb.ToString();
    }

    public static string Dot<TState, TTrigger>(LifecycleDescription<TState, TTrigger> model)
        where TState : notnull
        where TTrigger : notnull
    {
        var ids = Ids(model);
        var byState = model.States.ToDictionary(s => s.State);
        var sb = new StringBuilder();
        sb.Append("digraph lifecycle {\n");
        sb.Append("    compound=true;\n");
        sb.Append("    rankdir=LR;\n");
        sb.Append("    node [shape=box, style=rounded];\n");
        sb.Append("    \"__initial\" [shape=point, label=\"\"];\n");
        foreach (var state in model.States.Where(s => s.Superstates.Count == 0))
        {
            DotState(sb, state, byState, ids, 1);
        }

        sb.Append("    \"__initial\" -> ").Append(DotId(ids[model.InitialState])).Append(";\n");
        foreach (var t in model.Transitions)
        {
            foreach (var destination in t.Destinations)
            {
                var attributes = new List<string> { "label=" + DotString(EdgeLabel(t)) };
                if (byState[t.Source].Substates.Count > 0 && t.Kind == TransitionKind.External)
                {
                    attributes.Add("ltail=" + DotString("cluster_" + ids[t.Source]));
                }

                if (byState[destination].Substates.Count > 0 && t.Kind == TransitionKind.External)
                {
                    attributes.Add("lhead=" + DotString("cluster_" + ids[destination]));
                }

                if (t.Kind == TransitionKind.Internal)
                {
                    attributes.Add("style=dashed");
                }

                sb.Append("    ").Append(DotId(ids[t.Source])).Append(" -> ").Append(DotId(ids[destination]))
                  .Append(" [").Append(string.Join(", ", attributes)).Append("];\n");
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static void MermaidState<TState>(
        StringBuilder sb,
        LifecycleStateDescription<TState> state,
        Dictionary<TState, LifecycleStateDescription<TState>> byState,
        Dictionary<TState, string> ids,
        int depth)
        where TState : notnull
    {
        var indent = new string(' ', depth * 4);
        var id = ids[state.State];
        sb.Append(indent).Append("state \"").Append(state.Label.Replace('"', '\'')).Append("\" as ").Append(id).Append('\n');
        if (state.Substates.Count == 0)
        {
            return;
        }

        sb.Append(indent).Append("state ").Append(id).Append(" {\n");
        foreach (var substate in state.Substates)
        {
            MermaidState(sb, byState[substate], byState, ids, depth + 1);
        }

        sb.Append(indent).Append("}\n");
    }

    private static void DotState<TState>(
        StringBuilder sb,
        LifecycleStateDescription<TState> state,
        Dictionary<TState, LifecycleStateDescription<TState>> byState,
        Dictionary<TState, string> ids,
        int depth)
        where TState : notnull
    {
        var indent = new string(' ', depth * 4);
        var id = ids[state.State];
        if (state.Substates.Count == 0)
        {
            sb.Append(indent).Append(DotId(id)).Append(" [label=").Append(DotString(state.Label))
              .Append(state.IsTerminal ? ", peripheries=2" : "").Append("];\n");
            return;
        }

        sb.Append(indent).Append("subgraph ").Append(DotString("cluster_" + id)).Append(" {\n");
        sb.Append(indent).Append("    label=").Append(DotString(state.Label)).Append(";\n");
        sb.Append(indent).Append("    style=rounded;\n");
        sb.Append(indent).Append("    ").Append(DotId(id)).Append(" [shape=point, style=invis, label=\"\"];\n");
        foreach (var substate in state.Substates)
        {
            DotState(sb, byState[substate], byState, ids, depth + 1);
        }

        sb.Append(indent).Append("}\n");
    }

    private static string EdgeLabel<TState, TTrigger>(LifecycleTransitionDescription<TState, TTrigger> t)
        where TState : notnull
        where TTrigger : notnull
    {
        var label = t.TriggerLabel;
        if (t.Guards.Count > 0)
        {
            label += " [" + string.Join(", ", t.Guards) + "]";
        }

        return t.Kind switch
        {
            TransitionKind.Internal => label + " (internal)",
            TransitionKind.Reentry => label + " (re-entry)",
            _ when t.IsDynamic => label + " (chosen by arguments)",
            _ => label,
        };
    }

    private static Dictionary<TState, string> Ids<TState, TTrigger>(LifecycleDescription<TState, TTrigger> model)
        where TState : notnull
        where TTrigger : notnull
    {
        var ids = new Dictionary<TState, string>();
        var used = new HashSet<string>(StringComparer.Ordinal) { "__initial" };
        for (var i = 0; i < model.States.Count; i++)
        {
            var state = model.States[i].State;
            var name = Convert.ToString(state, CultureInfo.InvariantCulture) ?? "";
            var id = IsIdentifier(name) && used.Add(name) ? name : "s" + i.ToString(CultureInfo.InvariantCulture);
            used.Add(id);
            ids[state] = id;
        }

        return ids;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !name.StartsWith("cluster", StringComparison.Ordinal) && name != "s";

    private static string MermaidText(string text) =>
        text.ReplaceLineEndings(" ").Replace(';', ',');

    private static string DotId(string id) => DotString(id);

    private static string DotString(string text) =>
        "\"" + text.ReplaceLineEndings(" ").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

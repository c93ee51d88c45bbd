using System.CommandLine;
using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao lifecycle [--format mermaid|dot]</c>: prints the default case lifecycle as a diagram.</summary>
internal static class LifecycleCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Diagram format: mermaid (stateDiagram-v2) or dot (Graphviz).",
            DefaultValueFactory = _ => "mermaid",
        };
        format.CompletionSources.Add("mermaid", "dot");

        var command = new Command(
            "lifecycle",
            "Print the default case lifecycle (登记 → 受理 → 派单 → 签收 → 办理 → 办结 → 审核 → 回访 → 评价 → 归档, with returns, " +
            "suspension, escalation, reopening, merging, withdrawal and hand-offs) as a Mermaid or Graphviz diagram.")
        {
            format,
        };
        context.SetAction(command, parse =>
        {
            var model = CaseLifecycles.Default.Describe();
            var text = parse.GetValue(format)?.Trim().ToLowerInvariant() switch
            {
                "mermaid" => model.ToMermaid(),
                "dot" => model.ToDot(),
                var other => throw new CliException($"unknown --format '{other}': use mermaid or dot."),
            };
            context.Output.Write(text);
            return FengqiaoCli.Ok;
        });
        return command;
    }
}

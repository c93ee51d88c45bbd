using System.CommandLine;
using Fengqiao.Escalation.Ladders;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao escalation --ladder default|baiyin [--format mermaid|text]</c>: print a built-in ladder.</summary>
internal static class EscalationCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var ladder = new Option<string>("--ladder")
        {
            Description = "The built-in ladder: default (grid → community → street → department → task force → secretary) or baiyin (seven levels).",
            DefaultValueFactory = _ => "default",
        };
        ladder.AcceptOnlyFromAmong([.. BuiltInLadders.All.Keys.Order(StringComparer.Ordinal)]);
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (numbered levels with their bindings) or mermaid (a flowchart, bottom to top).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "mermaid");
        var command = new Command("escalation", "Print an escalation ladder (升级阶梯) with its levels in order, bottom first.") { ladder, format };
        context.SetAction(command, parse =>
        {
            var chosen = BuiltInLadders.Get(parse.GetValue(ladder)!);
            context.Output.Write(parse.GetValue(format) == "mermaid" ? LadderDiagram.ToMermaid(chosen) : LadderDiagram.ToText(chosen));
            return FengqiaoCli.Ok;
        });
        return command;
    }
}

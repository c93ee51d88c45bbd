using System.CommandLine;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Rules;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules.Rendering;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao rules --set escalation|hand-offs|warnings [--format text]</c>: print a built-in rule set with its rule ids,
/// descriptions, conditions and salience (escalation: the escalation rules, then the desk rules on tracked supervision
/// and whistle-and-report deadlines; hand-offs: as the decision table a profile's <c>rules.hand-offs</c> overrides,
/// with its fields and targets).</summary>
/// <remarks>The set and format are checked in the action rather than by the parser, so that a wrong value gives
/// exactly one line on standard error (exit 2) naming the values that are accepted.</remarks>
internal static class RulesCommand
{
    /// <summary>The built-in rule sets, by the name <c>--set</c> takes.</summary>
    private static readonly string[] Sets = ["escalation", "hand-offs", "warnings"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var set = new Option<string>("--set")
        {
            Description = "The built-in rule set to print: escalation (the default escalation rules 升级规则, with their default parameters) or hand-offs (the default hand-off rules 移交规则 as a decision table: fields, purposes, rows) or warnings (the built-in early-warning rules 预警规则 on NRules, with the profile keys that configure them).",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (each rule with id, salience, origin, description and condition tree).",
            DefaultValueFactory = _ => "text",
        };
        var command = new Command("rules", "Print a built-in rule set: rule ids, conditions and salience, in declaration order.") { set, format };
        context.SetAction(command, parse =>
        {
            var name = parse.GetValue(set);
            if (!Sets.Contains(name, StringComparer.Ordinal))
            {
                throw new CliException($"unknown --set '{name}': the built-in rule sets are {string.Join(", ", Sets)}.");
            }

            if (parse.GetValue(format) is var f && f != "text")
            {
                throw new CliException($"unknown --format '{f}': use text.");
            }

            if (name == "warnings")
            {
                WriteWarnings(context);
            }
            else if (name == "hand-offs")
            {
                context.Output.Write(RuleSetRenderer.RenderText(HandOffTable.CreateDefault()));
            }
            else
            {
                context.Output.Write(RuleSetRenderer.RenderText(DefaultEscalationRules.Create()));
                context.Output.WriteLine();
                context.Output.Write(RuleSetRenderer.RenderText(DeskEscalationRules.Create()));
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }

    private static void WriteWarnings(CliContext context)
    {
        context.Output.WriteLine("Built-in early-warning rules (预警, Fengqiao.EarlyWarning on NRules); each runs when the profile's warnings: section configures it.");
        var index = 1;
        foreach (var (id, description) in Fengqiao.EarlyWarning.EarlyWarningEngine.BuiltInRuleDescriptions)
        {
            context.Output.WriteLine($"{index++}. {id}  [profile: warnings.{id["warning.".Length..]}]");
            context.Output.WriteLine($"   {description}");
        }

        context.Output.WriteLine("County rules: NRules rule classes passed to EarlyWarningEngine; their [Name] is the warning's rule id.");
    }
}

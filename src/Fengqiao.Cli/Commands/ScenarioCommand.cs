using System.CommandLine;
using Fengqiao.Testing;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao scenario run FILE...</c>: county scenarios (YAML acceptance tests) through the composed desk on a fake clock.</summary>
internal static class ScenarioCommand
{
    /// <summary>Creates the command with its <c>run</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("scenario", "Run county scenarios: acceptance tests written in YAML (see docs/scenarios.md).");
        command.Subcommands.Add(Run(context));
        return command;
    }

    private static Command Run(CliContext context)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "The scenario files.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "Print every step with what the desk did, not only failures." };
        var run = new Command("run", "Run scenario files: exit 0 when every scenario passes; 1 when a step fails (the step, what it expected and what happened); " +
            "2 when a file is malformed (file:line:column).") { files, verbose };
        context.SetAction(run, parse =>
        {
            var exit = FengqiaoCli.Ok;
            int passed = 0, failed = 0, malformed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var path = file.ToString();
                CountyScenario scenario;
                try
                {
                    scenario = CountyScenario.Load(path);
                }
                catch (Exception e) when (e is ScenarioFormatException or FileNotFoundException or IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"fengqiao scenario run: {e.Message.ReplaceLineEndings(" ")}");
                    malformed++;
                    exit = FengqiaoCli.Usage;
                    continue;
                }

                var result = ScenarioRunner.RunAsync(scenario).GetAwaiter().GetResult();
                context.Output.WriteLine(result.ToString());
                if (parse.GetValue(verbose) && result.Passed)
                {
                    foreach (var step in result.Steps)
                    {
                        context.Output.WriteLine($"  {step}  → {step.Happened}");
                    }
                }

                if (result.Passed)
                {
                    passed++;
                }
                else
                {
                    failed++;
                    exit = Math.Max(exit, FengqiaoCli.Invalid);
                }
            }

            context.Output.WriteLine($"{passed} passed, {failed} failed, {malformed} malformed");
            return exit;
        });
        return run;
    }
}

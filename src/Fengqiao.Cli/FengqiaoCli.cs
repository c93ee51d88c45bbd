using System.CommandLine;
using NodaTime;

namespace Fengqiao.Cli;

/// <summary>Builds the <c>fengqiao</c> command tree and runs it, writing to the given streams.</summary>
/// <remarks>
/// Exit codes: 0 success; 1 the input was understood but found invalid (e.g. a profile with errors);
/// 2 bad arguments or bad input (one clear line on standard error, never a stack trace);
/// 70 an internal error (a bug: please report it).
/// </remarks>
internal static class FengqiaoCli
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the input was read but is invalid.</summary>
    public const int Invalid = 1;

    /// <summary>Exit code for bad arguments or unreadable input.</summary>
    public const int Usage = 2;

    /// <summary>Exit code for an internal error.</summary>
    public const int Internal = 70;

    /// <summary>Runs the tool with <paramref name="args"/> on the system clock.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
#pragma warning disable RS0030 // The command line is a host's composition root: the one place that picks the system clock.
        Run(args, output, error, SystemClock.Instance);
#pragma warning restore RS0030

    /// <summary>Runs the tool with <paramref name="args"/>; "today" comes from <paramref name="clock"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, IClock clock)
    {
        // Text from input files reaches the terminal with its control characters escaped.
        output = new TerminalWriter(output);
        error = new TerminalWriter(error);
        var context = new CliContext(output, error, clock);
        var root = new RootCommand(
            "Fengqiao: deadlines on China's holiday-aware business calendar, case lifecycles, escalation ladders, " +
            "county profiles and the county simulation.");
        foreach (var command in CommandCatalog.All(context))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"fengqiao: {parseError.Message}");
            }

            error.WriteLine("Run 'fengqiao --help' (or 'fengqiao <command> --help') for usage.");
            return Usage;
        }

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return parse.Invoke(config);
    }
}

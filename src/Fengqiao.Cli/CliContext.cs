using System.CommandLine;
using NodaTime;

namespace Fengqiao.Cli;

/// <summary>What every command needs: the output streams, the clock (what "today" is) and one way to turn failures
/// into exit codes.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IClock clock)
{
    /// <summary>Gets the clock: today's date for checks such as the calendar's coverage warning.</summary>
    public IClock Clock { get; } = clock;

    /// <summary>Gets standard output.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Gets standard error.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Sets the action of <paramref name="command"/>, mapping failures to one line on standard error.</summary>
    public void SetAction(Command command, Func<ParseResult, int> action) =>
        command.SetAction(parse => Guard(command.Name, () => action(parse)));

    /// <summary>Runs <paramref name="action"/>, turning exceptions into one line on standard error and an exit code.</summary>
    public int Guard(string commandName, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliException e)
        {
            Error.WriteLine($"fengqiao {commandName}: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException
                                      or KeyNotFoundException or IOException or UnauthorizedAccessException
                                      || e.GetType().Namespace?.StartsWith("Fengqiao", StringComparison.Ordinal) == true
                                      || e.GetType().Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true)
        {
            Error.WriteLine($"fengqiao {commandName}: {OneLine(e.Message)}");
            return FengqiaoCli.Usage;
        }
        catch (Exception e)
        {
            Error.WriteLine($"fengqiao {commandName}: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return FengqiaoCli.Internal;
        }
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}

using System.CommandLine;

namespace Fengqiao.Cli;

/// <summary>Every top-level command of the tool, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates the commands.</summary>
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return Commands.VersionCommand.Create(context);
        yield return Commands.LifecycleCommand.Create(context);
    }
}

using System.CommandLine;

namespace Fengqiao.Cli;

/// <summary>Every top-level command of the tool, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates the commands.</summary>
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return Commands.DeadlineCommand.Create(context);
        yield return Commands.ElapsedCommand.Create(context);
        yield return Commands.CalendarCommand.Create(context);
        yield return Commands.LifecycleCommand.Create(context);
        yield return Commands.EscalationCommand.Create(context);
        yield return Commands.RulesCommand.Create(context);
        yield return Commands.ProfileCommand.Create(context);
        yield return Commands.SimulateCommand.Create(context);
        yield return Commands.ScenarioCommand.Create(context);
        yield return Commands.ReplayCommand.Create(context);
        yield return Commands.StoreCommands.Verify(context);
        yield return Commands.StoreCommands.Repair(context);
        yield return Commands.StoreCommands.Erase(context);
        yield return Commands.QueryCodeKeyCommand.Create(context);
        yield return Commands.ReprojectCommand.Create(context);
        yield return Commands.VersionCommand.Create(context);
    }
}

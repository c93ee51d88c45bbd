using System.CommandLine;
using System.Reflection;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao about</c>: the tool's version and the packages it carries.</summary>
internal static class VersionCommand
{
    private static readonly string[] Packages =
        ["Fengqiao.Sla", "Fengqiao.Cases", "Fengqiao.Rules", "Fengqiao.Escalation", "Fengqiao.Mediation", "Fengqiao.Profiles"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("about", "Print the version of the tool and of each Fengqiao package it carries.");
        context.SetAction(command, _ =>
        {
            var tool = typeof(VersionCommand).Assembly;
            context.Output.WriteLine($"fengqiao {Version(tool)}");
            foreach (var name in Packages)
            {
                context.Output.WriteLine($"  {name} {Version(Assembly.Load(name))}");
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}

using System.CommandLine;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao profile check FILE</c> and <c>fengqiao profile show FILE</c>.</summary>
internal static class ProfileCommand
{
    /// <summary>Creates the command with its two subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("profile", "Check or show a county profile (YAML).");
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Show(context));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The county profile to check." };
        var check = new Command("check", "Check a county profile: exit 0 when valid; otherwise every problem on standard error (file:line:column) and exit 1. " +
            "Warns (exit 0) when the calendar's verified holiday data ends within 90 days, naming the limits whose deadlines will be provisional.") { file };
        context.SetAction(check, parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            try
            {
                var profile = CountyProfileLoader.LoadFile(path);
                var tree = profile.BuildOrgTree();
                var calendar = profile.BuildCalendar();
                context.Output.WriteLine($"{path}: valid — {profile.Name}, {tree.Units.Length} org units, ladder '{profile.Ladder.Key}' ({profile.Ladder.Levels.Length} levels), time zone {profile.Zone.Id}");
                StationedCheck.Write(context.Output, profile, tree, context.Clock.GetCurrentInstant().InZone(calendar.Zone).Date);
                var outlook = CalendarOutlook.For(profile, calendar, context.Clock.GetCurrentInstant());
                if (outlook.NeedsWarning)
                {
                    var lines = outlook.Describe();
                    context.Error.WriteLine($"{path}: warning: {lines[0]}");
                    foreach (var line in lines.Skip(1))
                    {
                        context.Error.WriteLine(line);
                    }
                }
                return FengqiaoCli.Ok;
            }
            catch (ProfileLoadException e)
            {
                foreach (var problem in e.Problems)
                {
                    context.Error.WriteLine(problem);
                }

                context.Error.WriteLine($"{e.Problems.Length} problem(s) in {path}");
                return FengqiaoCli.Invalid;
            }
        });
        return check;
    }

    private static Command Show(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The county profile to show." };
        var provenance = new Option<bool>("--provenance")
        {
            Description = "List the profile's assumptions (elements marked 'assumption:') with their lines, and count the elements quoted from the county's article, instead of the YAML.",
        };
        var show = new Command("show", "Show the effective configuration of a county profile, defaults filled in, as YAML.") { file, provenance };
        context.SetAction(show, parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            try
            {
                var profile = CountyProfileLoader.LoadFile(path);
                if (parse.GetValue(provenance))
                {
                    WriteProvenance(context.Output, profile);
                    return FengqiaoCli.Ok;
                }

                context.Output.Write(CountyProfileWriter.Write(profile));
                return FengqiaoCli.Ok;
            }
            catch (ProfileLoadException e)
            {
                foreach (var problem in e.Problems)
                {
                    context.Error.WriteLine(problem);
                }

                return FengqiaoCli.Invalid;
            }
        });
        return show;
    }

    private static void WriteProvenance(TextWriter output, CountyProfile profile)
    {
        var entries = profile.Provenance.IsDefault ? [] : profile.Provenance;
        var assumptions = profile.Assumptions.ToList();
        output.WriteLine(FormattableString.Invariant(
            $"{profile.Name}: {entries.Length - assumptions.Count} element(s) quote the county's article (source:), {assumptions.Count} are assumptions (assumption:)"));
        foreach (var entry in assumptions)
        {
            output.WriteLine(FormattableString.Invariant($"  line {entry.Line,4}  {entry.Element}: {entry.Assumption}"));
        }
    }
}

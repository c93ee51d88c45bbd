using System.CommandLine;
using System.Text.Json;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao elapsed</c>: the working time between two instants.</summary>
internal static class ElapsedCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from")
        {
            Description = "The earlier instant, e.g. 2025-09-30T16:00 (local time in --zone) or with an offset.",
            Required = true,
        };
        var to = new Option<string>("--to")
        {
            Description = "The later instant, in the same format.",
            Required = true,
        };
        var calendar = new CalendarOptions();
        var command = new Command("elapsed", "Measure the working time between two instants (only time inside working hours on working days counts).");
        command.Options.Add(from);
        command.Options.Add(to);
        calendar.AddTo(command);
        context.SetAction(command, parse =>
        {
            var cal = calendar.Build(parse);
            var a = CalendarOptions.ReadInstant("--from", parse.GetValue(from)!, cal.Zone);
            var b = CalendarOptions.ReadInstant("--to", parse.GetValue(to)!, cal.Zone);
            if (b < a)
            {
                throw new CliException($"--to ({parse.GetValue(to)}) is before --from ({parse.GetValue(from)}).");
            }

            var working = cal.WorkingTimeBetween(a, b);
            var minutes = (long)working.TotalMinutes;
            var provisional = cal.IsProvisionalBetween(a, b);
            if (parse.GetValue(calendar.JsonOutput))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(
                    new Dictionary<string, object>
                    {
                        ["from"] = CalendarOptions.Iso(a.InZone(cal.Zone)),
                        ["to"] = CalendarOptions.Iso(b.InZone(cal.Zone)),
                        ["zone"] = cal.Zone.Id,
                        ["working_minutes"] = minutes,
                        ["provisional"] = provisional,
                    },
                    CalendarOptions.JsonOptions));
            }
            else
            {
                context.Output.WriteLine($"working time: {CalendarOptions.HoursMinutes(working)} ({minutes} minutes){(provisional ? " PROVISIONAL" : string.Empty)}");
                if (provisional)
                {
                    context.Output.WriteLine("provisional: the span touches days no State Council notice covers yet; it may change when the notice " +
                                             "is published (add it with --notice-file, or --strict to refuse such dates)");
                }
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }
}

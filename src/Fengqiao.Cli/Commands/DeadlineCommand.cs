using System.CommandLine;
using System.Text.Json;
using Fengqiao.Sla;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao deadline</c>: the deadline of a time limit on the holiday-aware calendar, explained.</summary>
internal static class DeadlineCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var start = new Option<string>("--start")
        {
            Description = "When the limit starts, e.g. 2025-09-30T16:00 (local time in --zone) or 2025-09-30T16:00+08:00.",
            Required = true,
        };
        var limit = new Option<string>("--limit")
        {
            Description = "The limit, in English or Chinese: \"3 working days\", \"15 days\", \"15日\", \"1 month\", " +
                          "\"2 working hours\", \"30 minutes\", \"3个工作日\".",
            Required = true,
        };
        var calendar = new CalendarOptions();
        var command = new Command("deadline", "Compute the deadline of a time limit (start day not counted, holidays and make-up working days 调休 applied) and explain it.");
        command.Options.Add(start);
        command.Options.Add(limit);
        calendar.AddTo(command);
        context.SetAction(command, parse =>
        {
            var cal = calendar.Build(parse);
            var at = CalendarOptions.ReadInstant("--start", parse.GetValue(start)!, cal.Zone);
            var result = cal.Deadline(at, TimeLimit.Parse(parse.GetValue(limit)!));
            var deadline = CalendarOptions.Iso(result.ZonedDeadline);
            if (parse.GetValue(calendar.JsonOutput))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(
                    new Dictionary<string, object>
                    {
                        ["deadline"] = deadline,
                        ["due_date"] = CalendarOptions.IsoDate(result.DueDate),
                        ["zone"] = cal.Zone.Id,
                        ["limit"] = result.Limit.ToString(),
                        ["provisional"] = result.IsProvisional,
                        ["explanation"] = result.Explanation,
                        ["steps"] = result.Steps,
                    },
                    CalendarOptions.JsonOptions));
            }
            else
            {
                context.Output.WriteLine($"deadline: {deadline} ({cal.Zone.Id}){(result.IsProvisional ? " PROVISIONAL" : string.Empty)}");
                context.Output.WriteLine($"due date: {CalendarOptions.IsoDate(result.DueDate)} (the last counted day)");
                if (result.IsProvisional)
                {
                    context.Output.WriteLine("provisional: it counts days no State Council notice covers yet; it may move when the notice " +
                                             "is published (add it with --notice-file, or --strict to refuse such dates)");
                }

                foreach (var step in result.Steps)
                {
                    context.Output.WriteLine($"  · {step}");
                }
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Fengqiao.Sla;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao calendar</c>: a year's rest days and make-up working days, with reasons.</summary>
internal static class CalendarCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The year, e.g. 2026.", Required = true };
        var region = CalendarOptions.CreateRegion();
        var allowProvisional = CalendarOptions.CreateAllowProvisional();
        var strict = CalendarOptions.CreateStrict();
        var noticeFiles = CalendarOptions.CreateNoticeFiles();
        var command = new Command("calendar", "List a year's holidays and make-up working days (调休) with their reasons and notices. " +
            "Other weekdays work; other weekends rest. A year no notice covers yet is projected and marked provisional; " +
            "with --notice-file, the file is checked (problems as file:line, exit 1) and its year listed from it.");
        command.Options.Add(year);
        command.Options.Add(region);
        command.Options.Add(allowProvisional);
        command.Options.Add(strict);
        command.Options.Add(noticeFiles);
        context.SetAction(command, parse =>
        {
            var builder = new BusinessCalendarBuilder().UseChinaNational().UseRegion(CalendarOptions.ReadRegion(parse.GetValue(region)));
            var calendar = CalendarOptions.Finish(builder, parse, allowProvisional, strict, noticeFiles);
            foreach (var day in calendar.SpecialDays(parse.GetValue(year)))
            {
                var kind = day.Kind == DayKind.Holiday ? "rest    " : "make-up ";
                var note = day.IsProvisional ? " [provisional]" : string.Empty;
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{day.Date:uuuu-MM-dd ddd} {kind}{day.Reason} — {day.Provenance}{note}"));
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Reprojection;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao reproject</c>: re-projects the open deadlines of a case store onto the calendar with a new
/// holiday notice, recording one event per deadline that moved (see <see cref="CaseReprojector"/>).</summary>
internal static class ReprojectCommand
{
    private static readonly LocalDateTimePattern Stamp = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu-MM-dd HH:mm");

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var database = new Option<FileInfo>("--database") { Description = "The case store (SQLite file) to update; it must exist.", Required = true };
        var calendarFiles = new Option<string[]>("--calendar-file")
        {
            Description = "The new year's State Council holiday notice (date,kind,name, e.g. 2027.csv; see docs/calendar.md), added to the " +
                          "profile's calendar. Without it the profile's own notice files are the new ones (the cases ran on the projection).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var profile = new Option<FileInfo?>("--profile") { Description = "The county profile whose calendar the cases run on (default: the built-in Saybagh district profile)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "The county's chain key (the file's bytes), when the store was written with one." };
        var command = new Command("reproject",
            "Recompute the open deadlines that used projected days once a year's holiday notice is known; records one event per " +
            "deadline that moved (before, after, the notice) and changes nothing when nothing moved.");
        command.Options.Add(database);
        command.Options.Add(calendarFiles);
        command.Options.Add(profile);
        command.Options.Add(keyFile);
        context.SetAction(command, parse =>
        {
            // reproject continues an existing store: the file is an input that must exist, never created here.
            var paths = new FilePaths();
            var databasePath = paths.Input("--database", parse.GetValue(database)!.ToString());
            var profilePath = parse.GetValue(profile) is { } p ? paths.Input("--profile", p.ToString()) : null;
            var noticePaths = (parse.GetValue(calendarFiles) ?? []).Select(f => paths.Input("--calendar-file", f)).ToList();
            var key = parse.GetValue(keyFile) is { } k ? File.ReadAllBytes(paths.Input("--key-file", k.ToString())) : [];
            var county = SimulateCommand.Load(profilePath);
            var (previous, current, notices) = Calendars(county, noticePaths);
            if (notices.Count == 0)
            {
                throw new CliException("no notice to re-project onto: give --calendar-file 2027.csv, or name the notice in the profile " +
                                       "(calendar: notice-files: [2027.csv]).");
            }

            using var store = SqliteCaseStore.Open(databasePath, current, new SqliteCaseStoreOptions { ChainKey = key });
            var result = CaseReprojector.ReprojectAsync(store, previous, current, context.Clock.GetCurrentInstant())
                .GetAwaiter().GetResult();
            var output = context.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{databasePath}: {result.CasesScanned} case(s) with a running clock scanned against {string.Join(", ", notices)}."));
            foreach (var e in result.Events)
            {
                var moved = (CaseDeadlineReprojected)e.Payload;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {e.CaseId} {moved.Clock}: {Format(moved.PreviousDeadline, current)} → {Format(moved.Deadline, current)} " +
                    $"(due {moved.PreviousDueDate:uuuu-MM-dd} → {moved.DueDate:uuuu-MM-dd}){(moved.IsProvisional ? " PROVISIONAL" : string.Empty)}"));
            }

            foreach (var problem in result.Problems)
            {
                output.WriteLine($"  not re-projected: {problem}");
            }

            output.WriteLine(result.ChangedNothing
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Nothing moved: no event recorded, the store is unchanged ({result.ClocksConfirmed} provisional deadline(s) confirmed by the notice).")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{result.ClocksMoved} deadline(s) moved in {result.CasesChanged} case(s), one event each; {result.ClocksConfirmed} provisional deadline(s) confirmed without moving."));
            return result.Problems.IsEmpty ? FengqiaoCli.Ok : FengqiaoCli.Invalid;
        });
        return command;
    }

    /// <summary>The calendar the cases ran on, the one with the new notices, and the new notices' sources.</summary>
    private static (BusinessCalendar Previous, BusinessCalendar Current, List<string> Notices) Calendars(CountyProfile county, List<string> noticePaths)
    {
        if (noticePaths.Count > 0)
        {
            var added = noticePaths.Select(CalendarOptions.LoadNotice).ToList();
            var existing = county.Calendar.Notices.IsDefault ? [] : county.Calendar.Notices;
            var withNotices = county with { Calendar = county.Calendar with { Notices = [.. existing, .. added] } };
            return (county.BuildCalendar(), withNotices.BuildCalendar(), [.. added.Select(n => n.Source)]);
        }

        var notices = county.Calendar.Notices.IsDefault ? [] : county.Calendar.Notices;
        var projected = county with { Calendar = county.Calendar with { Notices = [], NoticeFiles = [] } };
        return (projected.BuildCalendar(), county.BuildCalendar(), [.. notices.Select(n => n.Source)]);
    }

    private static string Format(Instant instant, BusinessCalendar calendar) => Stamp.Format(instant.InZone(calendar.Zone).LocalDateTime);
}

using System.CommandLine;
using Fengqiao.Cases;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao replay --database FILE --profile changed.yaml</c>: what a rule change would have done to the stored cases.</summary>
internal static class ReplayCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var database = new Option<FileInfo>("--database") { Description = "The case store (SQLite file) whose cases to replay.", Required = true };
        var profile = new Option<FileInfo>("--profile") { Description = "The changed county profile to replay them under.", Required = true };
        var until = new Option<string?>("--until") { Description = "Replay up to this local date-time in the profile's zone (e.g. 2025-12-01T00:00); default: now." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "The county's chain key (the file's bytes), when the store was written with one." };
        var command = new Command("replay", "Replay every stored case's events under a changed profile's rules and list the cases whose escalations, hand-offs " +
            "or deadlines would differ, with both explanations. Exit 0 after listing (also when some cases differ).")
        {
            database, profile, until, keyFile,
        };
        context.SetAction(command, parse =>
        {
            var paths = new FilePaths();
            var databasePath = paths.Input("--database", parse.GetValue(database)!.ToString());
            var changed = SimulateCommand.Load(paths.Input("--profile", parse.GetValue(profile)!.ToString()));
            var key = parse.GetValue(keyFile) is { } k ? File.ReadAllBytes(paths.Input("--key-file", k.ToString())) : [];
            var end = parse.GetValue(until) is { } text
                ? LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Parse(text) is { Success: true } parsed
                    ? parsed.Value.InZoneLeniently(changed.Zone).ToInstant()
                    : throw new CliException($"--until: '{text}' is not a local date-time (expected e.g. 2025-12-01T00:00).")
                : context.Clock.GetCurrentInstant();
            using var store = SqliteCaseStore.Open(databasePath, changed.BuildCalendar(), new SqliteCaseStoreOptions { ChainKey = key });
            var ids = CaseIds(databasePath);
            var report = ProfileReplay.ReplayAsync(store, ids, changed, new ProfileReplayOptions { Until = end }).GetAwaiter().GetResult();
            context.Output.WriteLine(report.ToString());
            return FengqiaoCli.Ok;
        });
        return command;
    }

    // The store port reads a case by id; the ids themselves come from the file (read-only).
    private static List<CaseId> CaseIds(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id FROM cases ORDER BY id";
        var ids = new List<CaseId>();
        try
        {
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(new CaseId(reader.GetString(0)));
            }
        }
        catch (SqliteException e)
        {
            throw new CliException($"--database '{path}' is not a Fengqiao case store: {e.Message}");
        }

        return ids;
    }
}

using System.CommandLine;
using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao replay --database FILE --profile changed.yaml</c>: what a rule change would have done to the stored cases.</summary>
internal static class ReplayCommand
{
    /// <summary>Exit code when the replay ran and some cases would differ under the changed profile (as <c>diff</c> exits 1 when files differ).</summary>
    public const int Differ = FengqiaoCli.Invalid;

    /// <summary>How many case ids one listing page reads (each case then costs a whole replay, so pages need not be large).</summary>
    public const int PageSize = 100;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var database = new Option<FileInfo>("--database") { Description = "The case store (SQLite file) whose cases to replay.", Required = true };
        var profile = new Option<FileInfo>("--profile") { Description = "The changed county profile to replay them under.", Required = true };
        var until = new Option<string?>("--until") { Description = "Replay up to this local date-time in the profile's zone (e.g. 2025-12-01T00:00); default: now." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "The county's chain key (the file's bytes), when the store was written with one." };
        var command = new Command("replay", "Replay every stored case's events under a changed profile's rules and list the cases whose escalations, hand-offs " +
            "or deadlines would differ, with both explanations. A case merged into another replays with the case it joined. " +
            $"Exit {FengqiaoCli.Ok} when no case would differ, {Differ} when some would (they are listed), {FengqiaoCli.Usage} for an unreadable store or profile.")
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
            using var store = Open(databasePath, changed.BuildCalendar(), key);
            var ids = CaseIdsAsync(store, databasePath).GetAwaiter().GetResult();
            var report = ProfileReplay.ReplayAsync(store, ids, changed, new ProfileReplayOptions { Until = end }).GetAwaiter().GetResult();
            context.Output.WriteLine(report.ToString());
            return report.Changed.IsEmpty ? FengqiaoCli.Ok : Differ;
        });
        return command;
    }

    private static SqliteCaseStore Open(string path, Fengqiao.Sla.BusinessCalendar calendar, byte[] key)
    {
        try
        {
            return SqliteCaseStore.Open(path, calendar, new SqliteCaseStoreOptions { ChainKey = key });
        }
        catch (SqliteException e)
        {
            throw new CliException($"--database '{path}' is not a Fengqiao case store: {e.Message}");
        }
    }

    // Every stored case, oldest registration first, through the store's listing port (ICaseListing, keyset pages), as any host reads them.
    private static async Task<List<CaseId>> CaseIdsAsync(SqliteCaseStore store, string path)
    {
        var ids = new List<CaseId>();
        var query = new CaseListingQuery { PageSize = PageSize };
        try
        {
            while (true)
            {
                var page = await store.ListAsync(query, default).ConfigureAwait(false);
                ids.AddRange(page.Entries.Select(e => e.Id));
                if (page.Continuation is not { } next)
                {
                    return ids;
                }

                query = query with { After = next };
            }
        }
        catch (SqliteException e)
        {
            throw new CliException($"--database '{path}' is not a Fengqiao case store: {e.Message}");
        }
    }
}

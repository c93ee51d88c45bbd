using System.CommandLine;
using System.Globalization;
using Fengqiao.Storage.Sqlite;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao verify</c> and <c>fengqiao repair</c>: a case store's hash chains and derived columns.</summary>
internal static class StoreCommands
{
    /// <summary>Creates <c>verify</c>.</summary>
    public static Command Verify(CliContext context) => Create(context, repair: false);

    /// <summary>Creates <c>repair</c>.</summary>
    public static Command Repair(CliContext context) => Create(context, repair: true);

    private static Command Create(CliContext context, bool repair)
    {
        var database = new Option<FileInfo>("--database") { Description = "The case store (SQLite file) to check.", Required = true };
        var profile = new Option<FileInfo?>("--profile") { Description = "The county profile whose calendar the cases run on (default: the built-in Saybagh district profile)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "The county's chain key (the file's bytes), when the store was written with one." };
        var command = repair
            ? new Command("repair", "Rebuild a case store's derived columns (version, next due, query code) from the events of every case whose hash chain holds; a broken chain is reported, never re-chained.")
            : new Command("verify", "Check every case's hash chain and derived columns (version, next due, query code) against its events; prints the first broken case and version.");
        command.Options.Add(database);
        command.Options.Add(profile);
        command.Options.Add(keyFile);
        context.SetAction(command, parse =>
        {
            var paths = new FilePaths();
            var databasePath = paths.Input("--database", parse.GetValue(database)!.ToString());
            var profilePath = parse.GetValue(profile) is { } p ? paths.Input("--profile", p.ToString()) : null;
            var key = parse.GetValue(keyFile) is { } k ? File.ReadAllBytes(paths.Input("--key-file", k.ToString())) : [];
            var calendar = SimulateCommand.Load(profilePath).BuildCalendar();
            using var store = SqliteCaseStore.Open(databasePath, calendar, new SqliteCaseStoreOptions { ChainKey = key, VerifyChainOnLoad = false });
            var result = repair
                ? store.RepairAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
                : store.VerifyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var counts = string.Create(CultureInfo.InvariantCulture, $"{result.CasesChecked} cases, {result.EventsChecked} events");
            if (repair)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{databasePath}: {counts} checked; {result.CasesRepaired} case(s) repaired."));
            }

            if (result.IsIntact)
            {
                if (!repair)
                {
                    context.Output.WriteLine($"{databasePath}: {counts}; every hash chain and derived column holds.");
                }

                return FengqiaoCli.Ok;
            }

            var first = result.Problems[0];
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{databasePath}: {counts}; {result.Problems.Length} problem(s){(repair ? " left" : "")}. First broken: case '{first.CaseId}' at version {first.Version}: {first.Description}"));
            foreach (var problem in result.Problems.Skip(1).Take(20))
            {
                context.Output.WriteLine($"  {problem}");
            }

            if (result.Problems.Length > 21)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {result.Problems.Length - 21} more"));
            }

            var repairable = result.Problems.Count(x => x.IsRepairable);
            context.Output.WriteLine(repairable == result.Problems.Length
                ? "Every problem is a derived column: run 'fengqiao repair' on the file."
                : "A broken hash chain means events were edited or deleted outside Fengqiao: restore the file from a backup.");
            return FengqiaoCli.Invalid;
        });
        return command;
    }
}

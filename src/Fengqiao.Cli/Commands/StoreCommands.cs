using System.CommandLine;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao verify</c> and <c>fengqiao repair</c>: a case store's hash chains and derived columns;
/// <c>fengqiao erase</c>: one case's personal data.</summary>
internal static class StoreCommands
{
    /// <summary>Creates <c>verify</c>.</summary>
    public static Command Verify(CliContext context) => Create(context, repair: false);

    /// <summary>Creates <c>repair</c>.</summary>
    public static Command Repair(CliContext context) => Create(context, repair: true);

    private static Command Create(CliContext context, bool repair)
    {
        var database = new Option<FileInfo?>("--database") { Description = "The case store (SQLite file) to check." };
        var (storeKind, connection) = StoreOptions();
        var profile = new Option<FileInfo?>("--profile") { Description = "The county profile whose calendar the cases run on (default: the built-in Saybagh district profile)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "The county's chain key (the file's bytes), when the store was written with one." };
        var codeKeyFile = new Option<FileInfo?>("--query-code-key-file") { Description = "The county's query-code key (the file's bytes, at least 16): needed to open a store that still holds plain query codes (written before codes were kept as digests), which opening migrates." };
        var command = repair
            ? new Command("repair", "Rebuild a case store's derived columns (version, next due, query code) from the events of every case whose hash chain holds; a broken chain is reported, never re-chained.")
            : new Command("verify", "Check every case's hash chain and derived columns (version, next due, query code) against its events; prints the first broken case and version.");
        command.Options.Add(database);
        command.Options.Add(profile);
        command.Options.Add(keyFile);
        command.Options.Add(codeKeyFile);
        command.Options.Add(storeKind);
        command.Options.Add(connection);

        context.SetAction(command, parse =>
        {
            var paths = new FilePaths();
            var (postgres, databasePath) = Target(parse, paths, storeKind, connection, database);
            var profilePath = parse.GetValue(profile) is { } p ? paths.Input("--profile", p.ToString()) : null;
            var key = KeyBytes(paths, "--key-file", parse.GetValue(keyFile));
            var codeKey = CodeKeyBytes(paths, parse.GetValue(codeKeyFile));
            var calendar = SimulateCommand.Load(profilePath).BuildCalendar();
            var result = postgres
                ? CheckPostgres(parse.GetValue(connection)!, calendar, key, codeKey, repair)
                : CheckSqlite(databasePath, calendar, key, codeKey, repair);
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
                ? $"Every problem is a derived column: run 'fengqiao repair' on the {(postgres ? "database" : "file")}."
                : postgres
                    ? "A broken hash chain means events or personal data were edited or deleted outside Fengqiao: restore those cases from a backup."
                    : "A broken hash chain means events were edited or deleted outside Fengqiao: restore the file from a backup.");
            return FengqiaoCli.Invalid;
        });
        return command;
    }

    private static Checked CheckSqlite(string path, Fengqiao.Sla.BusinessCalendar calendar, byte[] key, byte[] codeKey, bool repair)
    {
        using var store = SqliteCaseStore.Open(path, calendar, new SqliteCaseStoreOptions { ChainKey = key, QueryCodeKey = codeKey, VerifyChainOnLoad = false });
        var result = repair
            ? store.RepairAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
            : store.VerifyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return new Checked(result.CasesChecked, result.EventsChecked, result.CasesRepaired,
            [.. result.Problems.Select(x => new Problem(x.CaseId, x.Version, x.Description, x.IsRepairable))]);
    }

    private static Checked CheckPostgres(string connection, Fengqiao.Sla.BusinessCalendar calendar, byte[] key, byte[] codeKey, bool repair)
    {
        using var store = PostgreSqlCaseStore.OpenAsync(connection, calendar,
            new PostgreSqlCaseStoreOptions { ChainKey = key, QueryCodeKey = codeKey, VerifyChainOnLoad = false }).GetAwaiter().GetResult();
        var result = repair
            ? store.RepairAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
            : store.VerifyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return new Checked(result.CasesChecked, result.EventsChecked, result.CasesRepaired,
            [.. result.Problems.Select(x => new Problem(x.CaseId, x.Version, x.Description, x.IsRepairable))]);
    }

    private static (Option<string> Store, Option<string?> Connection) StoreOptions() => (
        new Option<string>("--store") { Description = "Which store: sqlite (the file named by --database; default) or postgres (with --connection).", DefaultValueFactory = _ => "sqlite" },
        new Option<string?>("--connection") { Description = "With --store postgres: the Npgsql connection string of the database." });

    /// <summary>Which store the options name, and how to name it in the output (a PostgreSQL target without its password).</summary>
    private static (bool Postgres, string Name) Target(
        System.CommandLine.ParseResult parse, FilePaths paths, Option<string> storeKind, Option<string?> connection, Option<FileInfo?> database)
    {
        var postgres = parse.GetValue(storeKind) switch
        {
            "sqlite" => false,
            "postgres" => true,
            var other => throw new CliException($"--store '{other}' is not a store this command works on: sqlite or postgres."),
        };
        return (postgres, postgres
            ? parse.GetValue(database) is null
                ? RedactedTarget(parse.GetValue(connection) ?? throw new CliException("--store postgres needs --connection (an Npgsql connection string)."))
                : throw new CliException("--database names a SQLite file; with --store postgres give --connection instead.")
            : parse.GetValue(connection) is not null
                ? throw new CliException("--connection needs --store postgres.")
                : paths.Input("--database", (parse.GetValue(database) ?? throw new CliException("--database is required (the SQLite file).")).ToString()));
    }

    /// <summary>Names a PostgreSQL database for the output without its password.</summary>
    private static string RedactedTarget(string connection)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            return string.Create(CultureInfo.InvariantCulture, $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new CliException($"--connection is not a valid Npgsql connection string: {e.Message}");
        }
    }

    /// <summary>A verification or repair, whichever store it ran on.</summary>
    private sealed record Checked(long CasesChecked, long EventsChecked, long CasesRepaired, System.Collections.Immutable.ImmutableArray<Problem> Problems)
    {
        public bool IsIntact => Problems.IsEmpty;
    }

    /// <summary>One problem found, whichever store it ran on.</summary>
    private sealed record Problem(Fengqiao.Cases.CaseId CaseId, long Version, string Description, bool IsRepairable)
    {
        public override string ToString() => $"case '{CaseId}' version {Version}: {Description}";
    }

    /// <summary>Creates <c>erase</c>: erases one case's reporter data (个人信息删除) by an erasure event.</summary>
    public static Command Erase(CliContext context)
    {
        var database = new Option<FileInfo?>("--database") { Description = "The case store (SQLite file)." };
        var (storeKind, connection) = StoreOptions();
        var caseId = new Option<string>("--case") { Description = "The case whose reporter's personal data is erased.", Required = true };
        var reason = new Option<string>("--reason") { Description = "The legal ground, recorded in the erasure event (for example '个人信息保护法 第四十七条').", Required = true };
        var requestedBy = new Option<string>("--requested-by") { Description = "Who asked, as a role, not a name: reporter (default), guardian, regulator, retention-schedule.", DefaultValueFactory = _ => "reporter" };
        var operatorId = new Option<string>("--operator") { Description = "The staff id recorded as carrying the erasure out (default: this account's user name).", DefaultValueFactory = _ => Environment.UserName };
        var unit = new Option<string>("--unit") { Description = "The unit the operator acts for, recorded with the event.", DefaultValueFactory = _ => "operations" };
        var profile = new Option<FileInfo?>("--profile") { Description = "The county profile whose calendar the cases run on (default: the built-in Saybagh district profile)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "The county's chain key (the file's bytes), when the store was written with one." };
        var codeKeyFile = new Option<FileInfo?>("--query-code-key-file") { Description = "The county's query-code key (the file's bytes, at least 16): needed to open a store that still holds plain query codes (written before codes were kept as digests), which opening migrates." };
        var command = new Command("erase",
            "Erase one case's reporter data (name, phone, address, coordinates, the report's text) and the staff's free texts written so far (replies, reasons, notes) by appending an erasure event (个人信息保护法); the history and its hash chain stay verifiable.");
        foreach (var option in new Option[] { database, storeKind, connection, caseId, reason, requestedBy, operatorId, unit, profile, keyFile, codeKeyFile })
        {
            command.Options.Add(option);
        }

        context.SetAction(command, parse =>
        {
            var paths = new FilePaths();
            var (postgres, databasePath) = Target(parse, paths, storeKind, connection, database);
            var profilePath = parse.GetValue(profile) is { } p ? paths.Input("--profile", p.ToString()) : null;
            var chainKey = KeyBytes(paths, "--key-file", parse.GetValue(keyFile));
            var codeKey = CodeKeyBytes(paths, parse.GetValue(codeKeyFile));
            var payload = new CaseReporterErased(parse.GetValue(requestedBy)!, parse.GetValue(reason)!);
            var actor = CaseActor.Staff(new ActorId(parse.GetValue(operatorId)!), new OrgUnitId(parse.GetValue(unit)!));
            var id = new CaseId(parse.GetValue(caseId)!);
            var calendar = SimulateCommand.Load(profilePath).BuildCalendar();
            using var opened = postgres
                ? (IDisposable)PostgreSqlCaseStore.OpenAsync(parse.GetValue(connection)!, calendar, new PostgreSqlCaseStoreOptions { ChainKey = chainKey, QueryCodeKey = codeKey }).GetAwaiter().GetResult()
                : SqliteCaseStore.Open(databasePath, calendar, new SqliteCaseStoreOptions { ChainKey = chainKey, QueryCodeKey = codeKey });
            var store = (Fengqiao.Cases.Ports.ICaseStore)opened;
            // A load from a snapshot does not re-check the events behind it. An erasure appended to a case whose history
            // was edited or lost its last event would pass the damage off as verified (and leave a hole after a deleted
            // event), so the whole chain is checked first and a broken one is refused with nothing written.
            Case current;
            try
            {
                current = store.LoadAsync(id, CancellationToken.None).AsTask().GetAwaiter().GetResult()
                    ?? throw new CliException($"{databasePath}: there is no case '{id}'; nothing was changed.", FengqiaoCli.Invalid);
                store.ReadEventsAsync(id, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (FengqiaoException broken) when (broken.ErrorKind == FengqiaoErrorKind.Tamper)
            {
                throw new CliException($"{broken.Message}. The case was not erased and nothing was changed: restore the file from a backup, then erase.", FengqiaoCli.Invalid);
            }

            if (current.Report.IsPersonalDataErased)
            {
                throw new CliException($"{databasePath}: the reporter's personal data of case '{id}' was erased already; nothing was changed.", FengqiaoCli.Invalid);
            }

            var erasure = new CaseEvent(id, current.Version + 1, Instant.Max(context.Clock.GetCurrentInstant(), current.UpdatedAt), actor,
                current.State, current.State, payload);
            ((Fengqiao.Cases.Ports.ICaseReporterErasure)store).EraseReporterAsync(current.Version, erasure, current.Apply(erasure), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{databasePath}: case '{id}': the reporter's personal data was erased (event {erasure.Version}, by {actor.Id} at the request of {payload.RequestedBy}); its history still verifies."));
            return FengqiaoCli.Ok;
        });
        return command;
    }

    private static byte[] CodeKeyBytes(FilePaths paths, FileInfo? file)
    {
        var bytes = KeyBytes(paths, "--query-code-key-file", file);
        return bytes.Length is > 0 and < Fengqiao.Cases.QueryCodes.QueryCodeKey.MinimumLength
            ? throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"--query-code-key-file: the key has {bytes.Length} bytes; a query-code key needs at least {Fengqiao.Cases.QueryCodes.QueryCodeKey.MinimumLength}."))
            : bytes;
    }

    private static byte[] KeyBytes(FilePaths paths, string option, FileInfo? file) =>
        file is null ? [] : File.ReadAllBytes(paths.Input(option, file.ToString()));
}

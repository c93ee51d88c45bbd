using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao simulate</c>: a county in virtual time through the real case desk.</summary>
internal static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var profile = new Option<FileInfo?>("--profile") { Description = "The county profile (YAML). Default: the built-in Saybagh district profile." };
        var days = new Option<int>("--days") { Description = "Simulated days (default 30).", DefaultValueFactory = _ => 30 };
        var perDay = new Option<int>("--cases-per-day") { Description = "Reports a day (default 600).", DefaultValueFactory = _ => 600 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed prints the same table (default 1).", DefaultValueFactory = _ => 1 };
        var store = new Option<string>("--store")
        {
            Description = "Where the cases are kept: sqlite (the embedded default store), memory, or postgres (with --connection) (default sqlite).",
            DefaultValueFactory = _ => "sqlite",
        };
        var database = new Option<FileInfo?>("--database") { Description = "With --store sqlite: a new database file to keep the cases in (default: an in-memory SQLite database)." };
        var connection = new Option<string?>("--connection") { Description = "With --store postgres: the Npgsql connection string of an empty database (Host=…;Database=…;Username=…)." };
        var sweepers = new Option<int>("--sweepers")
        {
            Description = "With --store postgres: how many sweepers sweep at once, each on its own connections, as separate nodes would (default 1).",
            DefaultValueFactory = _ => 1,
        };
        var startDate = new Option<string?>("--start")
        {
            Description = "The first simulated day, e.g. 2026-12-15 (default: Monday 2025-03-03). Deadlines past the calendar's " +
                          "verified data are projected and marked provisional unless the profile is strict.",
        };
        var report = new Option<FileInfo?>("--report") { Description = "Also write a self-contained HTML report (charts and diagrams, no network needed) to this file." };
        var drainDays = new Option<int?>("--drain-days")
        {
            Description = "Days to run after the last report with no new reports, so open work finishes (default: until every case is finished, or every citizen limit has passed and ten days went by with no case closed, at most 120; 0: stop with the last report).",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (indicators with key, name, simulated and, where the profile publishes it, published) instead of the table." };
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "Search the profile's behaviour parameters (simulation:) until every figure in its published: section is within tolerance, for this seed, --days and --cases-per-day; needs --out.",
        };
        var output = new Option<FileInfo?>("--out") { Description = "With --calibrate: write a copy of the profile with the fitted simulation: section to this new file." };
        var command = new Command("simulate", "Simulate a county: citizens report, units handle, cases escalate and go to mediation, citizens rate; prints the indicators counties publish.")
        {
            profile, days, perDay, seed, store, database, startDate, connection, sweepers, report, drainDays, json, calibrate, output,
        };
        context.SetAction(command, parse =>
        {
            // Every path is checked before any work: no output may be an input or a file this command did not write.
            var paths = new FilePaths();
            var profilePath = parse.GetValue(profile) is { } profileFile ? paths.Input("--profile", profileFile.ToString()) : null;
            var databasePath = parse.GetValue(database) is { } databaseFile ? paths.Output("--database", databaseFile.ToString(), null, "a case store") : null;
            var outPath = parse.GetValue(output) is { } outFile ? paths.Output("--out", outFile.ToString(), Calibration.IsFittedProfile, "a profile fitted by fengqiao simulate --calibrate") : null;
            var reportPath = parse.GetValue(report) is { } reportFile ? paths.Output("--report", reportFile.ToString(), FilePaths.IsSimulationReport, "a report from fengqiao simulate") : null;
            var options = new SimulationOptions(parse.GetValue(days), parse.GetValue(perDay), parse.GetValue(seed))
            {
                Store = parse.GetValue(store) switch
                {
                    "sqlite" => SimulationStore.Sqlite,
                    "memory" => SimulationStore.Memory,
                    "postgres" => SimulationStore.Postgres,
                    var other => throw new CliException($"unknown --store '{other}': use sqlite, memory or postgres."),
                },
                Database = databasePath,
                Connection = parse.GetValue(connection),
                Sweepers = parse.GetValue(sweepers),
                StartDate = parse.GetValue(startDate) is { } text ? ReadDate("--start", text) : null,
                DrainDays = parse.GetValue(drainDays),
            };
            if (options.DrainDays is < 0 or > 3650)
            {
                throw new CliException("--drain-days must be 0 to 3650.");
            }

            if (parse.GetValue(calibrate) != (outPath is not null))
            {
                throw new CliException(outPath is null ? "--calibrate needs --out (the file to write the fitted profile to)." : "--out needs --calibrate.");
            }

            if (options.Days is < 1 or > 3650 || options.CasesPerDay is < 1 or > 1_000_000)
            {
                throw new CliException("--days must be 1 to 3650 and --cases-per-day 1 to 1000000.");
            }

            if (options.Database is not null && options.Store != SimulationStore.Sqlite)
            {
                throw new CliException("--database needs --store sqlite.");
            }

            if (options.Store == SimulationStore.Postgres && string.IsNullOrWhiteSpace(options.Connection))
            {
                throw new CliException("--store postgres needs --connection (an Npgsql connection string of an empty database).");
            }

            if (options.Connection is not null && options.Store != SimulationStore.Postgres)
            {
                throw new CliException("--connection needs --store postgres.");
            }

            if (options.Sweepers is < 1 or > 64 || (options.Sweepers != 1 && options.Store != SimulationStore.Postgres))
            {
                throw new CliException("--sweepers must be 1 to 64, and more than 1 needs --store postgres.");
            }

            SimulationBudget.Check(options, SimulationBudget.AvailableBytes());

            var county = Load(profilePath);
            if (outPath is not null)
            {
                return Calibration.Run(context, county, profilePath, outPath, options);
            }

            var watch = Stopwatch.StartNew();
            var showProgress = !Console.IsErrorRedirected && ReferenceEquals(context.Error is TerminalWriter terminal ? terminal.Inner : context.Error, Console.Error);
            var lastShown = -1;
            var warnings = SimulationWarnings.For(county, options);
            var result = CountySimulation.RunAsync(county, options, fraction =>
            {
                var percent = (int)(fraction * 100);
                if (showProgress && percent != lastShown)
                {
                    lastShown = percent;
                    context.Error.Write($"\r[{new string('#', percent / 4).PadRight(25)}] {percent,3}%");
                }
            }, warnings is null ? null : warnings.Observe).GetAwaiter().GetResult();
            if (showProgress)
            {
                context.Error.Write("\r" + new string(' ', 40) + "\r");
            }

            if (parse.GetValue(json))
            {
                context.Output.Write(JsonReport.Render(result));
                if (reportPath is not null)
                {
                    FilePaths.WriteAllTextAtomically(reportPath, HtmlReport.Render(result, warnings?.RenderHtml()));
                }

                return FengqiaoCli.Ok;
            }

            context.Output.Write(TextReport.Render(result));
            context.Output.WriteLine();
            if (warnings is not null)
            {
                context.Output.Write(warnings.Render());
                context.Output.WriteLine();
            }
            if (result.Sweeps is { } audit)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Sweeps: {audit.Sweeps} × {audit.Sweepers} concurrent sweepers, {audit.Claims} due cases claimed"));
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"double actions    {audit.DoubleActions}"));
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"missed due cases  {audit.MissedDueCases}"));
                context.Output.WriteLine();
            }

            var where = options.Store switch
            {
                SimulationStore.Memory => "the in-memory store",
                SimulationStore.Postgres => $"PostgreSQL with {options.Sweepers} sweeper(s)",
                _ => options.Database is { } db ? $"SQLite file {db}" : "the embedded SQLite store (in memory)",
            };
            var commits = result.Commits is { } c ? string.Create(CultureInfo.InvariantCulture, $", {c.Appends:N0} appends in {c.Groups:N0} commits") : "";
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Simulated {options.Days * options.CasesPerDay} reports in {watch.Elapsed.TotalSeconds:0.0} s on {where}{commits}."));
            if (reportPath is not null)
            {
                FilePaths.WriteAllTextAtomically(reportPath, HtmlReport.Render(result, warnings?.RenderHtml()));
                context.Output.WriteLine($"Report written to {reportPath}");
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }

    private static NodaTime.LocalDate ReadDate(string option, string text)
    {
        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text);
        return parsed.Success
            ? parsed.Value
            : throw new CliException($"{option}: '{text}' is not a date (expected e.g. 2026-12-15).");
    }

    /// <summary>Loads the county profile from <paramref name="file"/>, or the built-in default profile when null.</summary>
    internal static CountyProfile Load(string? file)
    {
        try
        {
            if (file is not null)
            {
                return CountyProfileLoader.LoadFile(file);
            }

            using var stream = typeof(SimulateCommand).Assembly.GetManifestResourceStream("Fengqiao.Cli.DefaultProfile.yaml")
                ?? throw new CliException("The built-in default profile is missing from this build of fengqiao.", FengqiaoCli.Internal);
            using var reader = new StreamReader(stream);
            return CountyProfileLoader.Parse(reader.ReadToEnd(), "built-in default profile (saybagh.yaml)");
        }
        catch (ProfileLoadException e)
        {
            throw new CliException(
                $"the profile has {e.Problems.Length} problem(s): {string.Join("; ", e.Problems.Take(3))}{(e.Problems.Length > 3 ? "; … (run 'fengqiao profile check' for all)" : "")}",
                FengqiaoCli.Invalid);
        }
    }
}

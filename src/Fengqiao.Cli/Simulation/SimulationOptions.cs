namespace Fengqiao.Cli.Simulation;

/// <summary>How long and how busy a simulated county is, and where its cases are stored.</summary>
/// <param name="Days">Simulated days, at least 1.</param>
/// <param name="CasesPerDay">Reports a day, at least 1.</param>
/// <param name="Seed">The seed: the same seed gives the same run.</param>
internal sealed record SimulationOptions(int Days, int CasesPerDay, int Seed)
{
    /// <summary>Gets the case store: the embedded SQLite store (the default) or the in-memory one.</summary>
    public SimulationStore Store { get; init; } = SimulationStore.Sqlite;

    /// <summary>Gets the first simulated day, or <see langword="null"/> for the default (Monday 2025-03-03).</summary>
    public NodaTime.LocalDate? StartDate { get; init; }

    /// <summary>Gets the SQLite database file, or <see langword="null"/> for an in-memory SQLite database.</summary>
    public string? Database { get; init; }

    /// <summary>Gets the PostgreSQL connection string (with <see cref="SimulationStore.Postgres"/>).</summary>
    public string? Connection { get; init; }

    /// <summary>Gets how many sweepers sweep concurrently, each on its own connection pool (PostgreSQL only; default 1).</summary>
    public int Sweepers { get; init; } = 1;

    /// <summary>Gets how many days to run after the last report with no new reports, or <see langword="null"/> for the
    /// default: until every case is finished, or every citizen limit has passed and ten days went by with no case closed (at most <see cref="CountySimulation.MaxDefaultDrainDays"/>).
    /// 0 stops with the last report, as runs did before.</summary>
    public int? DrainDays { get; init; }

    /// <summary>Gets whether the desk's appends on the SQLite or PostgreSQL store are committed in groups
    /// (<see cref="GroupedAppendStore"/>; the default) rather than one transaction each. Either way a seed gives the
    /// same run; tests compare the two. (On PostgreSQL the sweepers' own appends are grouped by their nodes' stores.)</summary>
    public bool GroupAppends { get; init; } = true;

    /// <summary>Gets whether, on the SQLite store, the grouped appends are committed by a background writer while the
    /// simulation goes on (<see cref="GroupedAppendStore"/> pipelined; the default, with <see cref="GroupAppends"/>)
    /// rather than on the simulation's own thread. Either way a seed gives the same run; tests compare the two.</summary>
    public bool PipelineCommits { get; init; } = true;
}

/// <summary>Where a simulation keeps its cases.</summary>
internal enum SimulationStore
{
    /// <summary>Fengqiao.Storage.Sqlite: the embedded default store (a file with <c>--database</c>, else in memory).</summary>
    Sqlite,

    /// <summary>The in-memory store of Fengqiao.Cases.</summary>
    Memory,

    /// <summary>Fengqiao.Storage.PostgreSql: a shared database, swept by <see cref="SimulationOptions.Sweepers"/> concurrent sweepers.</summary>
    Postgres,
}

namespace Fengqiao.Cli.Simulation;

/// <summary>How long and how busy a simulated county is.</summary>
/// <param name="Days">Simulated days, at least 1.</param>
/// <param name="CasesPerDay">Reports a day, at least 1.</param>
/// <param name="Seed">The seed: the same seed gives the same run.</param>
internal sealed record SimulationOptions(int Days, int CasesPerDay, int Seed);

using System.Collections.Immutable;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// A county scenario: an acceptance test an integrator writes in YAML, without C#. It names a county profile, a local
/// start time and steps (<c>report</c>, <c>act</c>, <c>advance</c>, <c>sweep</c>, <c>expect</c>) that
/// <see cref="ScenarioRunner"/> plays through the county's composed desk on a fake clock. The format is documented in
/// <c>docs/scenarios.md</c>.
/// </summary>
/// <remarks>
/// <para>Loading checks the whole file before anything runs: the YAML, every step's keys and values (actions, limits,
/// dates, states, ratings), that every case is reported before it is used, and that the profile loads. A problem is a
/// <see cref="ScenarioFormatException"/> naming <c>file:line:column</c>.</para>
/// <para>Whether members, units and categories exist in the county is left to the desk: a scenario may expect the
/// desk to refuse them.</para>
/// </remarks>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed class CountyScenario
{
    internal CountyScenario(string file, string name, string profilePath, CountyProfile profile, LocalDateTime start, ImmutableArray<ScenarioStep> steps)
    {
        File = file;
        Name = name;
        ProfilePath = profilePath;
        Profile = profile;
        Start = start;
        Steps = steps;
    }

    /// <summary>Gets the scenario file (as given to <see cref="Load"/>).</summary>
    public string File { get; }

    /// <summary>Gets the scenario's name: its <c>name:</c>, or the file name without extension.</summary>
    public string Name { get; }

    /// <summary>Gets the path of the profile, resolved against the scenario file's folder.</summary>
    public string ProfilePath { get; }

    /// <summary>Gets the loaded county profile.</summary>
    public CountyProfile Profile { get; }

    /// <summary>Gets where the fake clock starts, as a local date and time in the profile's zone.</summary>
    public LocalDateTime Start { get; }

    /// <summary>Gets the steps, in order.</summary>
    public ImmutableArray<ScenarioStep> Steps { get; }

    /// <summary>Loads and checks a scenario file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ScenarioFormatException">The file is not a valid scenario, or its profile does not load (<c>file:line:column</c>).</exception>
    public static CountyScenario Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Scenario file '{path}' does not exist.", path);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return ScenarioParser.Parse(System.IO.File.ReadAllText(path), path, directory);
    }

    /// <summary>Parses and checks scenario text.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="file">The name to use in messages.</param>
    /// <param name="baseDirectory">The folder a relative <c>profile:</c> path is resolved against.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ScenarioFormatException">The text is not a valid scenario, or its profile does not load (<c>file:line:column</c>).</exception>
    public static CountyScenario Parse(string yaml, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return ScenarioParser.Parse(yaml, file, baseDirectory);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({File}, {Steps.Length} steps)";
}

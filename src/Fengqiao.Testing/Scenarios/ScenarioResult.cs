using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Fengqiao.Testing;

/// <summary>What a scenario run did: a result per step, in order; the steps after a failure are <see cref="ScenarioStepOutcome.NotRun"/>.</summary>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed class ScenarioResult
{
    internal ScenarioResult(CountyScenario scenario, ImmutableArray<ScenarioStepResult> steps)
    {
        Scenario = scenario;
        Steps = steps;
    }

    /// <summary>Gets the scenario that ran.</summary>
    public CountyScenario Scenario { get; }

    /// <summary>Gets a result for every step, in order.</summary>
    public ImmutableArray<ScenarioStepResult> Steps { get; }

    /// <summary>Gets whether every step passed.</summary>
    public bool Passed => Steps.All(s => s.Outcome == ScenarioStepOutcome.Passed);

    /// <summary>Gets the failing step, or <see langword="null"/> when the scenario passed.</summary>
    public ScenarioStepResult? Failure => Steps.FirstOrDefault(s => s.Outcome == ScenarioStepOutcome.Failed);

    /// <summary>Gets a report: one line when the scenario passed; otherwise the failing step at <c>file:line</c> with
    /// what it expected and what happened, after the steps that passed.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        if (Failure is not { } failure)
        {
            return string.Create(CultureInfo.InvariantCulture, $"PASS {Scenario.File} ({Scenario.Name}): {Steps.Length} steps");
        }

        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"FAIL {Scenario.File} ({Scenario.Name}): step {failure.Step.Index + 1} of {Steps.Length} at line {failure.Step.Line}");
        foreach (var step in Steps.Where(s => s.Outcome != ScenarioStepOutcome.NotRun))
        {
            builder.AppendLine().Append("  ").Append(step.ToString().ReplaceLineEndings(Environment.NewLine + "  "));
        }

        return builder.ToString();
    }
}

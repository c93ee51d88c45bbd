using System.Collections.Immutable;
using System.Text;

namespace Fengqiao.Testing;

/// <summary>What one scenario step did: its outcome, what happened, and every expectation that did not hold.</summary>
/// <param name="Step">The step.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Happened">One line on what the desk did (or why the step did not run).</param>
/// <param name="Differences">The expectations that did not hold (empty when the step passed).</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record ScenarioStepResult(ScenarioStep Step, ScenarioStepOutcome Outcome, string Happened, ImmutableArray<ScenarioDifference> Differences)
{
    /// <summary>Gets <c>file:line</c>, the step, and for a failure every difference as expected/actual lines.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Outcome switch { ScenarioStepOutcome.Passed => "ok   ", ScenarioStepOutcome.Failed => "FAIL ", _ => "skip " })
            .Append(Step.File).Append(':').Append(Step.Line).Append(": ").Append(Step.Text);
        if (Outcome == ScenarioStepOutcome.Failed)
        {
            foreach (var difference in Differences.IsDefault ? [] : Differences)
            {
                builder.AppendLine().Append("    ").Append(difference.ToString().ReplaceLineEndings(Environment.NewLine + "    "));
            }

            builder.AppendLine().Append("    what happened: ").Append(Happened);
        }

        return builder.ToString();
    }
}

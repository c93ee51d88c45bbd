namespace Fengqiao.Testing;

/// <summary>How a scenario step went.</summary>
public enum ScenarioStepOutcome
{
    /// <summary>The step ran and everything it expected held.</summary>
    Passed = 0,

    /// <summary>The step ran and something it expected did not hold (or the desk refused an action no refusal was expected for).</summary>
    Failed = 1,

    /// <summary>The step did not run: an earlier step failed.</summary>
    NotRun = 2,
}

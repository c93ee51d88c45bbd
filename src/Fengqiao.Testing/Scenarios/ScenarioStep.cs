namespace Fengqiao.Testing;

/// <summary>One step of a <see cref="CountyScenario"/>, as written in its file.</summary>
/// <remarks>The step's arguments are checked when the scenario loads; <see cref="ScenarioRunner"/> plays the step.</remarks>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed class ScenarioStep
{
    internal ScenarioStep(int index, string file, int line, int column, ScenarioStepKind kind, string text, ScenarioStepBody body)
    {
        Index = index;
        File = file;
        Line = line;
        Column = column;
        Kind = kind;
        Text = text;
        Body = body;
    }

    /// <summary>Gets the step's 0-based position in the scenario.</summary>
    public int Index { get; }

    /// <summary>Gets the scenario file the step is in.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line of the step.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the step.</summary>
    public int Column { get; }

    /// <summary>Gets what the step does.</summary>
    public ScenarioStepKind Kind { get; }

    /// <summary>Gets the step in flow style, one line, as a reader would recognise it (<c>act: {case: c1, action: claim, by: w}</c>).</summary>
    public string Text { get; }

    internal ScenarioStepBody Body { get; }

    /// <summary>Gets <c>file:line: text</c>.</summary>
    /// <returns>The location and the step.</returns>
    public override string ToString() => $"{File}:{Line}: {Text}";
}

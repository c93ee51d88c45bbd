namespace Fengqiao.Testing.Tests.Scenarios;

public class CountyScenarioTests
{
    private const string Head = """
        profile: ../profiles/saybagh.yaml
        start: 2025-11-03T09:00
        steps:
          - report: {case: c1, category: dispute, unit: yashan-grid-02, channel: qr-code, text: 楼上漏水}

        """;

    private static ScenarioFormatException Malformed(string yaml)
    {
        using var files = new ScenarioFiles();
        var path = files.Write("bad.yaml", yaml);
        var e = Assert.Throws<ScenarioFormatException>(() => CountyScenario.Load(path));
        Assert.Equal(path, e.File);
        Assert.StartsWith($"{path}:{e.Line}:{e.Column}: ", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void Load_Sample_ReadsProfileStartAndSteps()
    {
        var scenario = CountyScenario.Load(ScenarioFiles.Sample("saybagh-dispute-overdue.yaml"));

        Assert.Equal("Saybagh — an overdue dispute moves one level up", scenario.Name);
        Assert.EndsWith(Path.Combine("samples", "profiles", "saybagh.yaml"), scenario.ProfilePath, StringComparison.Ordinal);
        Assert.Equal(new NodaTime.LocalDateTime(2025, 11, 3, 9, 0), scenario.Start);
        Assert.Equal(
            [ScenarioStepKind.Report, ScenarioStepKind.Act, ScenarioStepKind.Act, ScenarioStepKind.Act, ScenarioStepKind.Expect, ScenarioStepKind.Advance, ScenarioStepKind.Sweep, ScenarioStepKind.Expect, ScenarioStepKind.Act],
            scenario.Steps.Select(s => s.Kind));
        Assert.Equal("act: {case: c1, action: accept, by: yashan-dispatcher}", scenario.Steps[1].Text);
    }

    [Fact]
    public void Load_UnknownAction_NamesItAndTheActionsWithLineAndColumn()
    {
        var e = Malformed(Head + "  - act: {case: c1, action: teleport, by: yashan-dispatcher}\n");

        Assert.Equal(5, e.Line);
        Assert.Equal(29, e.Column);
        Assert.Contains("unknown action 'teleport'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("request-extension", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - act: {case: c9, action: accept, by: x}\n", 5, "case 'c9' is not reported by an earlier step")]
    [InlineData("  - act: {case: c1, action: accept, by: x, colour: red}\n", 5, "unknown key 'colour' in 'act'")]
    [InlineData("  - act: {case: c1, action: dispatch, by: x}\n", 5, "'dispatch' needs 'to'")]
    [InlineData("  - act: {case: c1, action: escalate, by: x}\n", 5, "'escalate' needs 'to' (a unit id) or 'level'")]
    [InlineData("  - act: {case: c1, action: rate, as: citizen}\n", 5, "'rate' needs 'rating'")]
    [InlineData("  - act: {case: c1, action: rate, as: citizen, rating: great}\n", 5, "'rating' is satisfied, basic or unsatisfied, not 'great'")]
    [InlineData("  - act: {case: c1, action: rate, as: mayor, rating: basic}\n", 5, "'as' is 'citizen' or 'deputy:<member id>'")]
    [InlineData("  - act: {case: c1, action: merge, by: x, into: c7}\n", 5, "'into' names case 'c7'")]
    [InlineData("  - act: {case: c1, action: accept}\n", 5, "'act' needs 'by'")]
    [InlineData("  - act: {case: c1, action: accept, by: x, reason-contains: y}\n", 5, "'reason-contains' goes with 'refused: true'")]
    [InlineData("  - advance: 4 fortnights\n", 5, "'advance' is not a time limit")]
    [InlineData("  - advance: {to: next tuesday}\n", 5, "'to' is a local date-time like 2025-11-03T09:00")]
    [InlineData("  - sweep: {now: true}\n", 5, "'sweep' takes no arguments")]
    [InlineData("  - expect: {case: c1}\n", 5, "'expect' needs 'case' and at least one of")]
    [InlineData("  - expect: {case: c1, state: happy}\n", 5, "'state' is one of registered, accepted")]
    [InlineData("  - expect: {case: c1, due: {soon: true}}\n", 5, "unknown key 'soon' in 'due'")]
    [InlineData("  - expect: {case: c1, hand-off: {}}\n", 5, "'hand-off' needs 'purpose', 'body' or both")]
    [InlineData("  - report: {case: c1, category: dispute, unit: g, channel: qr-code}\n", 5, "case 'c1' is already reported")]
    [InlineData("  - report: {case: c2, category: dispute, unit: g, channel: carrier-pigeon}\n", 5, "'channel'")]
    [InlineData("  - dance: {}\n", 5, "unknown step 'dance'")]
    [InlineData("  - act: {case: c1, action: [accept], by: x}\n", 5, "'action' must be a non-empty text value")]
    [InlineData("  - act: {case: c1, action: supervise, by: x, to: u}\n", 5, "a tracked 'supervise' needs both 'to' (the unit pressed) and 'limit'")]
    [InlineData("  - act: {case: c1, action: supervise, by: x, grade: red}\n", 5, "'grade' goes with a tracked 'supervise'")]
    [InlineData("  - act: {case: c1, action: supervise, by: x, to: u, limit: 1 working day, grade: purple}\n", 5, "'grade' is one of yellow, red, named, not 'purple'")]
    [InlineData("  - hand-over: {case: c1, by: x}\n", 5, "'hand-over' needs 'post'")]
    [InlineData("  - hand-over: {case: c9, by: x, post: grid-manager}\n", 5, "case 'c9' is not reported by an earlier step")]
    [InlineData("  - hand-over: {case: c1, by: x, post: grid-manager, to: u}\n", 5, "unknown key 'to' in 'hand-over'; it takes case, by, unit, post, text")]
    [InlineData("  - score: {case: c1, by: \"deputy:d\", score: 101}\n", 5, "'score' is a whole number from 0 to 100, not '101'")]
    [InlineData("  - score: {case: c1, by: \"deputy:d\", score: -3}\n", 5, "'score' is a whole number from 0 to 100, not '-3'")]
    [InlineData("  - score: {case: c1, score: 80}\n", 5, "'score' needs 'by'")]
    [InlineData("  - written-report: {case: c1, by: x, to: secretary}\n", 5, "'written-report' needs 'text'")]
    [InlineData("  - written-report: {case: c1, by: x, text: 报告}\n", 5, "'written-report' needs 'to'")]
    [InlineData("  - written-report: {case: c1, by: x, to: s, text: 报告, reason-contains: y}\n", 5, "'reason-contains' goes with 'refused: true'")]
    [InlineData("  - expect: {case: c1, scores: [high]}\n", 5, "'scores' is a list of whole numbers, not 'high'")]
    public void Load_BadStep_NamesTheProblemAtItsLine(string step, int line, string problem)
    {
        var e = Malformed(Head + step);

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadYaml_GivesTheParsersLineAndColumn()
    {
        var e = Malformed(Head + "  - act: {case: c1, action: accept\n");

        Assert.Contains("not valid YAML", e.Problem, StringComparison.Ordinal);
        Assert.True(e.Line >= 5, e.Message);
    }

    [Fact]
    public void Load_MissingProfile_NamesTheProfileKey()
    {
        var e = Malformed("profile: ../profiles/atlantis.yaml\nsteps:\n  - sweep: {}\n");

        Assert.Equal((1, 10), (e.Line, e.Column));
        Assert.Contains("atlantis.yaml", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoSteps_IsMalformed()
    {
        var e = Malformed("profile: ../profiles/saybagh.yaml\nsteps: []\n");

        Assert.Contains("'steps' must be a non-empty list", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => CountyScenario.Load(Path.Combine(Path.GetTempPath(), "no-such-scenario.yaml")));

    [Fact]
    public void Load_DeskCallSteps_ReadTheirKindsAndColumns()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("calls.yaml", Head + """
              - hand-over: {case: c1, by: a1-info, post: grid-manager, text: 交网格管理员}
              - score: {case: c1, by: "deputy:deputy-li", score: 40}
              - written-report: {case: c1, by: tf-worker, to: district-secretary, text: 书面报告}
              - expect: {case: c1, post: none, scores: [], written-reports: [district-secretary]}

            """);

        var scenario = CountyScenario.Load(path);

        Assert.Equal(
            [ScenarioStepKind.Report, ScenarioStepKind.HandOver, ScenarioStepKind.Score, ScenarioStepKind.WrittenReport, ScenarioStepKind.Expect],
            scenario.Steps.Select(s => s.Kind));
        Assert.Equal((6, 5), (scenario.Steps[2].Line, scenario.Steps[2].Column));
        Assert.Equal("score: {case: c1, by: \"deputy:deputy-li\", score: 40}", scenario.Steps[2].Text);
    }

    [Fact]
    public void Load_EveryTriggerName_IsAnAction()
    {
        using var files = new ScenarioFiles();
        foreach (var trigger in DeskAction.Triggers)
        {
            var name = DeskAction.NameOf(trigger);
            var path = files.Write($"{name}.yaml", Head + $"  - act: {{case: c1, action: {name}, by: x, to: u, level: l, into: c1, departments: [d], rating: basic, limit: 1 working day}}\n");

            var step = CountyScenario.Load(path).Steps[1];

            Assert.Equal(ScenarioStepKind.Act, step.Kind);
        }
    }
}

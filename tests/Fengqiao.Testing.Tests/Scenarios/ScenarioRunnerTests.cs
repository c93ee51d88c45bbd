namespace Fengqiao.Testing.Tests.Scenarios;

public class ScenarioRunnerTests
{
    private const string Head = """
        profile: ../profiles/saybagh.yaml
        start: 2025-11-03T09:00
        steps:
          - report: {case: c1, category: dispute, unit: yashan-grid-02, channel: qr-code, phone: "13800000000", text: 楼上漏水}
          - act: {case: c1, action: accept, by: yashan-dispatcher}
          - act: {case: c1, action: dispatch, by: yashan-dispatcher, to: yashan-grid-02}
          - act: {case: c1, action: claim, by: yashan-grid-02-worker}

        """;

    [Fact]
    public async Task RunAsync_BrokenCopyOfASample_FailsAtTheStepWithExpectedAndActual()
    {
        using var files = new ScenarioFiles();
        var path = files.Break("saybagh-dispute-overdue.yaml", "level: community, rule: overdue", "level: street, rule: overdue");

        var result = await ScenarioRunner.RunFileAsync(path);

        Assert.False(result.Passed);
        var failure = Assert.IsType<ScenarioStepResult>(result.Failure);
        Assert.Equal(ScenarioStepKind.Expect, failure.Step.Kind);
        var difference = Assert.Single(failure.Differences);
        Assert.Equal(new ScenarioDifference("level", "street", "community"), difference);
        var report = result.ToString();
        Assert.Contains($"FAIL {path}:{failure.Step.Line}: expect: {{case: c1, level: street, rule: overdue}}", report, StringComparison.Ordinal);
        Assert.Contains("- expected: street", report, StringComparison.Ordinal);
        Assert.Contains("+ actual:   community", report, StringComparison.Ordinal);
        Assert.Equal(ScenarioStepOutcome.NotRun, result.Steps[^1].Outcome);
    }

    [Theory]
    [InlineData("toutunhe-post-hand-over.yaml", "expect: {case: c1, post: grid-manager, events-include", "expect: {case: c1, post: grid-co-manager, events-include", "post", "grid-co-manager", "grid-manager")]
    [InlineData("baiyin-deputy-scores-and-supervises.yaml", "scores: [40]", "scores: [90]", "scores", "[90]", "[40]")]
    [InlineData("saybagh-written-report.yaml", "written-reports: [district-secretary]", "written-reports: [task-force]", "written-reports", "[task-force]", "[district-secretary]")]
    public async Task RunAsync_BrokenExpectationOfADeskCall_FailsNamingTheKeyWithExpectedAndActual(
        string sample, string find, string replace, string key, string expected, string actual)
    {
        using var files = new ScenarioFiles();
        var path = files.Break(sample, find, replace);

        var result = await ScenarioRunner.RunFileAsync(path);

        var failure = Assert.IsType<ScenarioStepResult>(result.Failure);
        Assert.Equal(ScenarioStepKind.Expect, failure.Step.Kind);
        Assert.Equal(new ScenarioDifference(key, expected, actual), Assert.Single(failure.Differences));
    }

    [Theory]
    [InlineData("toutunhe-post-hand-over.yaml", "post: grid-co-manager, text: 协管员先行入户核实}", "post: grid-co-manager, text: 协管员先行入户核实, refused: true}", ScenarioStepKind.HandOver)]
    [InlineData("baiyin-deputy-scores-and-supervises.yaml", "score: 40, text: 噪声扰民问题依然存在}", "score: 40, text: 噪声扰民问题依然存在, refused: true}", ScenarioStepKind.Score)]
    [InlineData("saybagh-written-report.yaml", "text: 关于低保申请多次未获答复的书面报告}", "text: 关于低保申请多次未获答复的书面报告, refused: true}", ScenarioStepKind.WrittenReport)]
    public async Task RunAsync_ADeskCallExpectedRefusedThatTheDeskAccepts_FailsAtThatStep(string sample, string find, string replace, ScenarioStepKind kind)
    {
        using var files = new ScenarioFiles();
        var path = files.Break(sample, find, replace);

        var result = await ScenarioRunner.RunFileAsync(path);

        var failure = Assert.IsType<ScenarioStepResult>(result.Failure);
        Assert.Equal(kind, failure.Step.Kind);
        Assert.Equal(new ScenarioDifference("refused", "a refusal", "accepted"), Assert.Single(failure.Differences));
    }

    [Fact]
    public async Task RunAsync_AHandOverTheDeskRefusesUnexpectedly_FailsWithTheDesksReason()
    {
        using var files = new ScenarioFiles();
        var path = files.Break("toutunhe-post-hand-over.yaml", "by: a1-manager, post: grid-co-manager, text:", "by: a1-info, post: grid-co-manager, text:");

        var result = await ScenarioRunner.RunFileAsync(path);

        var failure = Assert.IsType<ScenarioStepResult>(result.Failure);
        Assert.Equal(ScenarioStepKind.HandOver, failure.Step.Kind);
        var difference = Assert.Single(failure.Differences);
        Assert.Equal(("refused", "the desk to accept"), (difference.Key, difference.Expected));
        Assert.Contains("post 'grid-manager' has the case, and 'a1-info' does not hold it", difference.Actual, StringComparison.Ordinal);
        Assert.Contains("Permitted triggers", difference.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertPassesAsync_BrokenCopy_ThrowsWithTheReport()
    {
        using var files = new ScenarioFiles();
        var path = files.Break("saybagh-dispute-overdue.yaml", "reason-contains: not a member", "reason-contains: not permitted today");

        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => ScenarioRunner.AssertPassesAsync(path));

        Assert.Contains("reason-contains:", e.Message, StringComparison.Ordinal);
        Assert.Contains("- expected: not permitted today", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not a member of unit 'yashan-community-2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryExpectKeyWrong_ListsEachKeyWithBothValues()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("all-wrong.yaml", Head + """
              - expect: {case: c1, state: closed, holder: street-yashan, level: street, rule: overdue, due: 2025-11-04T10:00, unit-due: {provisional: true}, events-include: [escalated, claimed], hand-off: {purpose: centre-referral}, supervised-by: task-force, worker: yashan-worker}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        var failure = Assert.IsType<ScenarioStepResult>(result.Failure);
        Assert.Equal(
            ["state", "holder", "level", "rule", "due", "unit-due", "events-include", "hand-off", "supervised-by", "worker"],
            failure.Differences.Select(d => d.Key));
        var byKey = failure.Differences.ToDictionary(d => d.Key);
        Assert.Equal("claimed", byKey["state"].Actual);
        Assert.Equal("yashan-grid-02", byKey["holder"].Actual);
        Assert.Equal("grid", byKey["level"].Actual);
        Assert.Equal("none", byKey["rule"].Actual);
        Assert.Equal("2025-11-06T19:30", byKey["unit-due"].Actual);
        Assert.Contains("missing: escalated", byKey["events-include"].Expected, StringComparison.Ordinal);
        Assert.Contains("claimed", byKey["events-include"].Actual, StringComparison.Ordinal);
        Assert.Equal("none", byKey["hand-off"].Actual);
        Assert.Equal("no open supervision", byKey["supervised-by"].Actual);
        Assert.Equal("yashan-grid-02-worker", byKey["worker"].Actual);
    }

    [Fact]
    public async Task RunAsync_RefusalExpectedButAccepted_Fails()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("accepted.yaml", Head + """
              - act: {case: c1, action: start, by: yashan-grid-02-worker, refused: true}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        var difference = Assert.Single(Assert.IsType<ScenarioStepResult>(result.Failure).Differences);
        Assert.Equal("refused", difference.Key);
        Assert.Equal("accepted (Claimed → InProgress)", difference.Actual);
    }

    [Fact]
    public async Task RunAsync_UnexpectedRefusal_FailsWithTheDesksReason()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("refused.yaml", Head + """
              - act: {case: c1, action: close, by: yashan-dispatcher}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        var difference = Assert.Single(Assert.IsType<ScenarioStepResult>(result.Failure).Differences);
        Assert.Equal("refused", difference.Key);
        Assert.Contains("Close", difference.Actual, StringComparison.Ordinal);
        Assert.Contains("Nothing changed", difference.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AdvanceToALocalTime_SweepsOnTheWay()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("advance-to.yaml", Head + """
              - advance: {to: 2025-11-10T09:00}
              - expect: {case: c1, state: escalated, level: community, rule: overdue, supervised-by: yashan-community-2}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        Assert.True(result.Passed, result.ToString());
        Assert.Contains("2025-11-03T09:00 → 2025-11-10T09:00", result.Steps[4].Happened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AdvanceBackwards_FailsTheStep()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("backwards.yaml", Head + """
              - advance: {to: 2025-11-01T09:00}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        Assert.Equal("to", Assert.Single(Assert.IsType<ScenarioStepResult>(result.Failure).Differences).Key);
    }

    [Fact]
    public async Task RunAsync_DuplicateReportWithJoins_NamesTheExistingCase()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("joins.yaml", """
            profile: ../profiles/baiyin.yaml
            start: 2025-11-03T09:00
            steps:
              - report: {case: c1, category: livelihood, unit: village-a2, channel: qr-code, phone: "13700000001", text: 路灯不亮, reference: "12345-0001"}
              - report: {case: c2, category: livelihood, unit: village-a2, channel: hotline-12345, phone: "13700000001", text: 路灯不亮, reference: "12345-0001", joins: c1}
              - act: {case: c2, action: accept, by: pl-a}
              - expect: {case: c1, state: accepted}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task RunAsync_ReportRefusedByRouting_PassesWhenExpected()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("unrouted.yaml", """
            profile: ../profiles/saybagh.yaml
            steps:
              - report: {case: c1, category: weather, unit: yashan-grid-02, channel: qr-code, text: 下雪了, refused: true}
              - report: {case: c2, category: dispute, unit: yashan-grid-02, channel: petition-office, text: 纠纷, refused: true, reason-contains: petition-office}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task RunAsync_CitizenAndDeputyActors_ActUnderTheirOwnRights()
    {
        using var files = new ScenarioFiles();
        var path = files.Write("actors.yaml", Head + """
              - act: {case: c1, action: withdraw, by: citizen, reason: 已自行解决}
              - expect: {case: c1, state: withdrawn}
              - act: {case: c1, action: rate, as: "deputy:nobody", rating: satisfied, refused: true}
            """);

        var result = await ScenarioRunner.RunFileAsync(path);

        Assert.True(result.Passed, result.ToString());
    }
}

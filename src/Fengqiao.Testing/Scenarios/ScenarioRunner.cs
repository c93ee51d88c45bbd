using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// Plays county scenarios (<see cref="CountyScenario"/>) through the county's composed desk (<see cref="TestCounty"/>,
/// so <c>CountyDeskBuilder</c>) on a fake clock that starts at the scenario's <c>start</c>; <c>advance</c> sweeps
/// hourly while time passes. Usable from any test framework, and by <c>fengqiao scenario run</c>.
/// </summary>
/// <remarks>
/// <para>A run stops at the first failing step; the steps after it are reported as not run. A step fails when an
/// expectation does not hold, when the desk refuses an action the step did not expect to be refused (or accepts one
/// it expected refused), or when the desk throws.</para>
/// <para>Scenario case names (<c>c1</c>) are the desk's case ids, except that a report that joins an existing case
/// (a duplicate) names that case.</para>
/// </remarks>
/// <threadsafety>Stateless; runs of different scenarios may go in parallel (each has its own county).</threadsafety>
public static class ScenarioRunner
{
    /// <summary>Loads and runs a scenario file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The result per step.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ScenarioFormatException">The file is malformed (<c>file:line:column</c>).</exception>
    public static Task<ScenarioResult> RunFileAsync(string path, CancellationToken cancellationToken = default) =>
        RunAsync(CountyScenario.Load(path), cancellationToken);

    /// <summary>Loads and runs a scenario file, and throws when it fails: the call for an xunit fact.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The (passed) result.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ScenarioFormatException">The file is malformed (<c>file:line:column</c>).</exception>
    /// <exception cref="ScenarioFailedException">A step failed; the message shows it with expected and actual values.</exception>
    public static async Task<ScenarioResult> AssertPassesAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = await RunFileAsync(path, cancellationToken).ConfigureAwait(false);
        return result.Passed ? result : throw new ScenarioFailedException(result);
    }

    /// <summary>Runs a loaded scenario on a fresh test county.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The result per step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static async Task<ScenarioResult> RunAsync(CountyScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var county = TestCounty.FromProfile(scenario.Profile, new TestCountyOptions { Start = scenario.Start });
        var run = new Run(county);
        var results = ImmutableArray.CreateBuilder<ScenarioStepResult>(scenario.Steps.Length);
        var failed = false;
        foreach (var step in scenario.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (failed)
            {
                results.Add(new ScenarioStepResult(step, ScenarioStepOutcome.NotRun, "an earlier step failed", []));
                continue;
            }

            ScenarioStepResult result;
            try
            {
                result = await run.PlayAsync(step, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = Fail(step, "error", "the step to run", $"{e.GetType().Name}: {e.Message}", $"the desk threw {e.GetType().Name}");
            }

            failed = result.Outcome == ScenarioStepOutcome.Failed;
            results.Add(result);
        }

        return new ScenarioResult(scenario, results.MoveToImmutable());
    }

    private static ScenarioStepResult Pass(ScenarioStep step, string happened) => new(step, ScenarioStepOutcome.Passed, happened, []);

    private static ScenarioStepResult Fail(ScenarioStep step, string key, string expected, string actual, string happened) =>
        new(step, ScenarioStepOutcome.Failed, happened, [new ScenarioDifference(key, expected, actual)]);

    private sealed class Run(TestCounty county)
    {
        private readonly Dictionary<string, CaseId> ids = new(StringComparer.Ordinal);

        public async Task<ScenarioStepResult> PlayAsync(ScenarioStep step, CancellationToken cancellationToken) => step.Body switch
        {
            ReportStepBody report => await ReportAsync(step, report, cancellationToken).ConfigureAwait(false),
            ActStepBody act => await ActAsync(step, act, cancellationToken).ConfigureAwait(false),
            AdvanceStepBody advance => await AdvanceAsync(step, advance, cancellationToken).ConfigureAwait(false),
            SweepStepBody => Pass(step, Swept(await county.SweepAsync(cancellationToken).ConfigureAwait(false))),
            ExpectStepBody expect => await ExpectAsync(step, expect, cancellationToken).ConfigureAwait(false),
            HandOverStepBody handOver => await DeskCallAsync(step, handOver, "hand-over",
                (id, actor) => county.Desk.HandOverAsync(id, actor, new MemberRole(handOver.Post), handOver.Text, cancellationToken), cancellationToken).ConfigureAwait(false),
            ScoreStepBody score => await DeskCallAsync(step, score, "score",
                (id, actor) => county.Desk.ScoreAsync(id, actor, score.Score, score.Text, cancellationToken), cancellationToken).ConfigureAwait(false),
            WrittenReportStepBody report => await DeskCallAsync(step, report, "written-report",
                (id, actor) => county.Desk.FileWrittenReportAsync(id, actor, new OrgUnitId(report.To), report.Text, cancellationToken), cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"Unknown step body {step.Body.GetType().Name}."),
        };

        private static string Swept(SweepResult result) =>
            $"swept {result.CasesSwept} case(s), {result.EventsAppended} event(s) appended";

        private async Task<ScenarioStepResult> ReportAsync(ScenarioStep step, ReportStepBody body, CancellationToken cancellationToken)
        {
            var actor = body.By is { } by ? county.Actor(by) : CaseActor.Channel(body.Report.Channel);
            CaseRegistrationResult registered;
            try
            {
                registered = await county.RegisterAsync(body.Case, body.Report, actor, cancellationToken).ConfigureAwait(false);
            }
            catch (CaseReportRefusedException e)
            {
                return Refusal(step, body.Refused, body.ReasonContains, e.Reason, e.Message);
            }

            ids[body.Case] = registered.Case.Id;
            var happened = registered.JoinedExisting
                ? $"the report joined case {registered.Case.Id}"
                : $"case {registered.Case.Id} registered, {Describe(registered.Case)}";
            if (body.Refused)
            {
                return Fail(step, "refused", $"a refusal{Containing(body.ReasonContains)}", "registered", happened);
            }

            if (body.Joins is { } joins)
            {
                var expected = ids[joins];
                return registered.JoinedExisting && registered.Case.Id == expected
                    ? Pass(step, happened)
                    : Fail(step, "joins", expected.Value, registered.JoinedExisting ? registered.Case.Id.Value : "a new case", happened);
            }

            return registered.JoinedExisting
                ? Fail(step, "joins", "a new case", registered.Case.Id.Value, happened)
                : Pass(step, happened);
        }

        // hand-over, score and written-report: desk calls that are not lifecycle triggers, refused and reported like an act.
        private async Task<ScenarioStepResult> DeskCallAsync(
            ScenarioStep step, DeskCallStepBody body, string name, Func<CaseId, CaseActor, Task<Case>> call, CancellationToken cancellationToken)
        {
            var id = ids[body.Case];
            var before = await county.CaseAsync(id, cancellationToken).ConfigureAwait(false);
            var actor = ActorFor(body.By, body.ByUnit, before);
            Case after;
            try
            {
                after = await call(id, actor).ConfigureAwait(false);
            }
            catch (CaseActionRefusedException e)
            {
                return Refusal(step, body.Refused, body.ReasonContains, e.Message, $"refused: {e.Message}");
            }

            var post = after.Post is { } p ? $", post {p.Post}" : "";
            var happened = $"{name} by {actor}: {Describe(after)}{post}";
            return body.Refused
                ? Fail(step, "refused", $"a refusal{Containing(body.ReasonContains)}", "accepted", happened)
                : Pass(step, happened);
        }

        private async Task<ScenarioStepResult> ActAsync(ScenarioStep step, ActStepBody body, CancellationToken cancellationToken)
        {
            var id = ids[body.Case];
            var before = await county.CaseAsync(id, cancellationToken).ConfigureAwait(false);
            var actor = ActorFor(body.As ?? body.By, body.ByUnit, before);
            var target = body.To is { } to ? new OrgUnitId(to) : body.Level is { } level ? UnitAtLevel(before, level) : (OrgUnitId?)null;
            var action = new DeskAction(
                body.Trigger,
                target,
                body.Text,
                body.Rating,
                body.Into is { } into ? ids[into] : null,
                body.Limit,
                body.Departments.IsDefaultOrEmpty ? default : [.. body.Departments.Select(d => new OrgUnitId(d))])
            {
                Grade = body.Grade,
            };
            Case after;
            try
            {
                after = await action.InvokeAsync(county.Desk, id, actor, cancellationToken).ConfigureAwait(false);
            }
            catch (CaseActionRefusedException e)
            {
                return Refusal(step, body.Refused, body.ReasonContains, e.Message, $"refused: {e.Message}");
            }

            var happened = $"{body.Action} by {actor}: {before.State} → {after.State}; {Describe(after)}";
            return body.Refused
                ? Fail(step, "refused", $"a refusal{Containing(body.ReasonContains)}", $"accepted ({before.State} → {after.State})", happened)
                : Pass(step, happened);
        }

        private static ScenarioStepResult Refusal(ScenarioStep step, bool expected, string? contains, string reason, string happened)
        {
            if (!expected)
            {
                return Fail(step, "refused", "the desk to accept", $"refused: {reason}", happened);
            }

            return contains is null || reason.Contains(contains, StringComparison.OrdinalIgnoreCase)
                ? Pass(step, happened)
                : Fail(step, "reason-contains", contains, reason, happened);
        }

        private static string Containing(string? text) => text is null ? "" : $" containing '{text}'";

        private CaseActor ActorFor(string who, string? byUnit, Case current)
        {
            if (who == "citizen")
            {
                return CaseActor.Citizen(current.QueryCodeDigest);
            }

            if (who.StartsWith("deputy:", StringComparison.Ordinal))
            {
                // A deputy acting from a unit (unit: …) issues a tracked supervision from it (监督调度).
                var deputy = new ActorId(who["deputy:".Length..]);
                return byUnit is { } area ? CaseActor.Deputy(deputy, new OrgUnitId(area)) : CaseActor.Deputy(deputy);
            }

            if (byUnit is { } unit)
            {
                return CaseActor.Staff(new ActorId(who), new OrgUnitId(unit));
            }

            // Someone who is no member anywhere acts for the unit holding the case, so the desk's own refusal names them.
            return county.Tree.UnitsOf(new ActorId(who)).IsDefaultOrEmpty
                ? CaseActor.Staff(new ActorId(who), current.HoldingUnit ?? current.Report.Location.Grid)
                : county.Actor(who);
        }

        private OrgUnitId UnitAtLevel(Case current, string level) => PathOf(current).StepAt(level).Unit.Id;

        // The case's ladder as the escalation policy sees it: the functional department of the case's route stands at
        // the department level.
        private LadderPath PathOf(Case current)
        {
            var department = county.County.Routing.Route(current.Report, current.RegisteredAt)?.Department;
            var unit = department is { } d ? county.Tree.Find(d) : null;
            return county.Profile.Ladder.Resolve(county.Tree, current.Report.Location.Grid, level => unit is not null && level.IsServedBy(unit) ? unit.Id : null);
        }

        private async Task<ScenarioStepResult> AdvanceAsync(ScenarioStep step, AdvanceStepBody body, CancellationToken cancellationToken)
        {
            var from = county.LocalNow;
            IReadOnlyList<CaseEvent> appended;
            if (body.To is { } to)
            {
                if (to < from)
                {
                    return Fail(step, "to", ScenarioNames.Format(to), $"the clock is already at {ScenarioNames.Format(from)}", "time does not run backwards");
                }

                appended = await county.AdvanceToAsync(to, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                appended = await county.AdvanceAsync(body.Limit!, cancellationToken).ConfigureAwait(false);
            }

            return Pass(step, $"{ScenarioNames.Format(from)} → {ScenarioNames.Format(county.LocalNow)}; the sweeps appended {appended.Count} event(s)");
        }

        private async Task<ScenarioStepResult> ExpectAsync(ScenarioStep step, ExpectStepBody body, CancellationToken cancellationToken)
        {
            var id = ids[body.Case];
            var current = await county.CaseAsync(id, cancellationToken).ConfigureAwait(false);
            var history = await county.Desk.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
            var differences = ImmutableArray.CreateBuilder<ScenarioDifference>();
            void Check(string key, string? expected, string actual)
            {
                if (expected is not null && !string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    differences.Add(new ScenarioDifference(key, expected, actual));
                }
            }

            Check("state", body.State is { } s ? ScenarioNames.Kebab(s.ToString()) : null, ScenarioNames.Kebab(current.State.ToString()));
            Check("holder", body.Holder, current.HoldingUnit?.Value ?? "none");
            Check("level", body.Level, LevelOf(current));
            Check("rule", body.Rule, RuleOf(history));
            Check("post", body.Post, current.Post?.Post ?? "none");
            if (!body.Scores.IsDefault)
            {
                Check("scores", $"[{string.Join(", ", body.Scores)}]", $"[{string.Join(", ", current.DeputyScores.Select(x => x.Score))}]");
            }

            if (!body.WrittenReports.IsDefault)
            {
                Check("written-reports", $"[{string.Join(", ", body.WrittenReports)}]", $"[{string.Join(", ", current.WrittenReports.Select(x => x.Addressee.Value))}]");
            }

            CheckDue("due", body.Due, current.Clock(CaseClockKind.Citizen), differences);
            CheckDue("unit-due", body.UnitDue, current.Clock(CaseClockKind.Unit), differences);
            if (!body.EventsInclude.IsDefaultOrEmpty)
            {
                var missing = body.EventsInclude.Where(name => !history.Any(e => Matches(e, name))).ToList();
                if (missing.Count > 0)
                {
                    differences.Add(new ScenarioDifference(
                        "events-include", $"[{string.Join(", ", body.EventsInclude)}] (missing: {string.Join(", ", missing)})", $"[{string.Join(", ", EventNames(history))}]"));
                }
            }

            if (body.HandOff is { } handOff)
            {
                CheckHandOff(handOff, history, differences);
            }

            if (body.SupervisedBy is { } supervisor)
            {
                var open = current.Supervisions.IsDefault ? [] : current.Supervisions.Where(x => x.IsOpen).ToList();
                // "none": every tracked supervision is closed (e.g. the unit an instruction named has reported back).
                if (supervisor == "none" ? open.Count > 0 : !open.Any(x => x.IssuingUnit.Value == supervisor))
                {
                    differences.Add(new ScenarioDifference("supervised-by", supervisor,
                        open.Count == 0 ? "no open supervision" : string.Join(", ", open.Select(x => $"{x.IssuingUnit} ({ScenarioNames.Kebab(x.Grade.ToString())} on {x.TargetUnit})"))));
                }
            }

            Check("worker", body.Worker, current.Worker?.Value ?? "none");
            var happened = $"case {id} at {ScenarioNames.Format(county.LocalNow)}: {Describe(current)}";
            return differences.Count == 0
                ? Pass(step, happened)
                : new ScenarioStepResult(step, ScenarioStepOutcome.Failed, happened, differences.ToImmutable());
        }

        private void CheckDue(string key, DueExpectation? expected, Fengqiao.Sla.SlaClock? clock, ImmutableArray<ScenarioDifference>.Builder differences)
        {
            if (expected is null)
            {
                return;
            }

            if (clock is null)
            {
                if (!expected.None)
                {
                    differences.Add(new ScenarioDifference(key, Due(expected), "no clock"));
                }

                return;
            }

            var at = clock.Deadline.InZone(county.Calendar.Zone).LocalDateTime;
            var actual = $"{ScenarioNames.Format(at)}{(clock.IsProvisional ? " (provisional)" : "")}";
            if (expected.None
                || expected.At is { } want && want != at
                || expected.Provisional is { } provisional && provisional != clock.IsProvisional)
            {
                differences.Add(new ScenarioDifference(key, Due(expected), actual));
            }
        }

        private static string Due(DueExpectation expected) =>
            expected.None
                ? "none"
                : $"{(expected.At is { } at ? ScenarioNames.Format(at) : "any time")}{expected.Provisional switch { true => " (provisional)", false => " (not provisional)", _ => "" }}";

        private void CheckHandOff(HandOffExpectation expected, IReadOnlyList<CaseEvent> history, ImmutableArray<ScenarioDifference>.Builder differences)
        {
            var last = history.LastOrDefault(e => e.Payload is CaseHandedOff);
            var written = expected.None ? "none" : $"{{purpose: {expected.Purpose ?? "any"}, body: {expected.Body ?? "any"}}}";
            if (last is null)
            {
                if (!expected.None)
                {
                    differences.Add(new ScenarioDifference("hand-off", written, "none"));
                }

                return;
            }

            var body = ((CaseHandedOff)last.Payload).Body.Value;
            var purpose = last.Cause is { } cause && cause.Facts.TryGetValue(Fengqiao.Mediation.Desk.HandOffCasePolicy.PurposeFact, out var p)
                ? p
                : county.County.Ledger.ForCase(last.CaseId).LastOrDefault()?.Purpose.ToString() ?? "none";
            var actual = $"{{purpose: {ScenarioNames.Kebab(purpose)}, body: {body}}}";
            if (expected.None
                || expected.Body is { } b && b != body
                || expected.Purpose is { } want && ScenarioNames.Fold(want) != ScenarioNames.Fold(purpose))
            {
                differences.Add(new ScenarioDifference("hand-off", written, actual));
            }
        }

        private string LevelOf(Case current)
        {
            if (current.HoldingUnit is not { } holder)
            {
                return "none";
            }

            try
            {
                if (PathOf(current).StepOf(holder) is { } step)
                {
                    return step.Level.Key;
                }
            }
            catch (LadderResolutionException)
            {
                // The grid has no full path; fall back to the level that serves the holder's kind.
            }

            var unit = county.Tree.Find(holder);
            return unit is null ? "none" : county.Profile.Ladder.Levels.FirstOrDefault(l => l.IsServedBy(unit))?.Key ?? $"no level ({unit.Kind})";
        }

        private static string RuleOf(IReadOnlyList<CaseEvent> history) =>
            history.LastOrDefault(e => e.Cause is not null)?.Cause!.RuleId ?? "none";

        private static bool Matches(CaseEvent e, string name)
        {
            var fold = ScenarioNames.Fold(name);
            return ScenarioNames.Fold(KindOf(e)) == fold
                || e.Trigger is { } t && ScenarioNames.Fold(t.ToString()) == fold
                || e.Cause?.RuleId == name;
        }

        private static string KindOf(CaseEvent e)
        {
            var name = e.Payload.GetType().Name;
            return ScenarioNames.Kebab(name.StartsWith("Case", StringComparison.Ordinal) ? name[4..] : name);
        }

        private static IEnumerable<string> EventNames(IReadOnlyList<CaseEvent> history) =>
            history.Select(e => e.Cause is { } c ? $"{KindOf(e)} ({c.RuleId})" : KindOf(e));

        private string Describe(Case c)
        {
            var due = c.Clock(CaseClockKind.Unit) is { } unit ? $", unit due {ScenarioNames.Format(unit.Deadline.InZone(county.Calendar.Zone).LocalDateTime)}" : "";
            return $"{ScenarioNames.Kebab(c.State.ToString())}, held by {c.HoldingUnit?.Value ?? "nobody"} (level {LevelOf(c)}){due}";
        }
    }
}

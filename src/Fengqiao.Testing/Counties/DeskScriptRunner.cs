using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Serialization;

namespace Fengqiao.Testing;

/// <summary>
/// Plays a <see cref="DeskScript"/> on a <see cref="TestCounty"/> and checks the desk's invariants as it goes: a
/// refusal changes nothing; replaying a case's events gives the live case; every event round-trips through JSON;
/// every event by a person was authorised by the county's authoriser on the case as it was; every transition is an
/// edge of the lifecycle.
/// </summary>
/// <remarks>
/// <para>Steering: most calls ask the lifecycle which triggers it permits in the case's state and the county's
/// authoriser which actors may fire them, and the county's routing authority which units they may send to; the rest
/// pick freely, so the desk's refusals are exercised too.</para>
/// <para>Before each call the clock moves forward by the call's minutes with hourly sweeps, so the escalation and
/// hand-off policies act as they would in a host.</para>
/// </remarks>
/// <threadsafety>Stateless; one run uses its county from one thread.</threadsafety>
public static class DeskScriptRunner
{
    /// <summary>Plays a script and checks every invariant.</summary>
    /// <param name="county">The county (fresh, or with cases of its own, which the script leaves alone).</param>
    /// <param name="script">The script.</param>
    /// <param name="cancellationToken">Cancels between calls.</param>
    /// <returns>What the script did.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DeskInvariantException">The desk broke an invariant; the message names it, the call and the difference.</exception>
    public static Task<DeskScriptResult> RunAsync(TestCounty county, DeskScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(script);
        return RunOnAsync(county, script, cancellationToken);
    }

    /// <summary>Plays a script on a bare desk and checks every invariant (see the remarks of <see cref="DeskScriptRunner"/>).</summary>
    /// <remarks>
    /// <para>Reports are registered in the county's grids with the categories <c>dispute</c> and <c>livelihood</c> by
    /// the nearest dispatcher; targets are any unit but mediation bodies that the desk's routing (when one is
    /// configured) allows. Actors are steered by the desk's authoriser (<see cref="Fengqiao.Cases.Desk.CaseDeskOptions.Authorizer"/>,
    /// or an <see cref="Fengqiao.Cases.InMemory.OrgCaseAuthorizer"/> over the tree).</para>
    /// <para>The same script on two bare counties with the same query-code seed makes the same calls, so two stores can
    /// be compared event for event.</para>
    /// </remarks>
    /// <param name="county">The county (fresh, or with cases of its own, which the script leaves alone).</param>
    /// <param name="script">The script.</param>
    /// <param name="cancellationToken">Cancels between calls.</param>
    /// <returns>What the script did.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DeskInvariantException">The desk broke an invariant; the message names it, the call and the difference.</exception>
    public static Task<DeskScriptResult> RunAsync(BareCounty county, DeskScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(script);
        return RunOnAsync(county, script, cancellationToken);
    }

    private static async Task<DeskScriptResult> RunOnAsync(IDeskScriptHost county, DeskScript script, CancellationToken cancellationToken)
    {
        var staff = StaffActors(county.Tree);
        var cases = new List<CaseId>();
        foreach (var pick in script.Reports)
        {
            if (await RegisterAsync(county, pick, cases.Count, cancellationToken).ConfigureAwait(false) is { } id && !cases.Contains(id))
            {
                cases.Add(id);
            }
        }

        var played = ImmutableArray.CreateBuilder<string>();
        var refused = 0;
        if (cases.Count == 0)
        {
            return new DeskScriptResult([], [], 0);
        }

        for (var step = 0; step < script.Calls.Length; step++)
        {
            var call = script.Calls[step];
            await county.AdvanceAsync(NodaTime.Duration.FromMinutes(call.Minutes), cancellationToken).ConfigureAwait(false);
            var id = cases[call.Case % cases.Count];
            var current = await CaseAsync(county, id, cancellationToken).ConfigureAwait(false);
            var trigger = PickTrigger(current, call);
            var actor = await PickActorAsync(county, staff, current, trigger, call, cancellationToken).ConfigureAwait(false);
            var action = PickAction(county, current, actor, trigger, call, cases);
            var before = await county.Desk.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
            try
            {
                await action.InvokeAsync(county.Desk, id, actor, cancellationToken).ConfigureAwait(false);
                played.Add($"{id}: {action} by {actor}");
            }
            catch (CaseActionRefusedException)
            {
                refused++;
                var after = await county.Desk.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
                var now = await CaseAsync(county, id, cancellationToken).ConfigureAwait(false);
                if (CaseComparison.Difference(before, after) is { } changed)
                {
                    throw new DeskInvariantException("a refusal changes nothing", step, $"{action} by {actor} on '{id}' was refused but the history changed: {changed}");
                }

                if (CaseComparison.Difference(current, now) is { } moved)
                {
                    throw new DeskInvariantException("a refusal changes nothing", step, $"{action} by {actor} on '{id}' was refused but the case changed: {moved}");
                }
            }
            catch (InvalidOperationException) when (action.Target is null || action.Into is null)
            {
                // The county has no unit or case to send to for this call: nothing was asked of the desk.
                refused++;
            }

            await CheckOnAsync(county, id, step, cancellationToken).ConfigureAwait(false);
        }

        foreach (var id in cases)
        {
            await CheckOnAsync(county, id, -1, cancellationToken).ConfigureAwait(false);
        }

        return new DeskScriptResult([.. cases], played.ToImmutable(), refused);
    }

    /// <summary>Checks one stored case against the invariants: replay equals the live case, JSON round-trips, every person's event authorised, only lifecycle edges.</summary>
    /// <param name="county">The county.</param>
    /// <param name="id">The case.</param>
    /// <param name="step">The call index to name in a failure (-1: the end of the script).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="county"/> is null.</exception>
    /// <exception cref="DeskInvariantException">The case breaks an invariant.</exception>
    /// <exception cref="CaseNotFoundException">No such case.</exception>
    public static Task CheckCaseAsync(TestCounty county, CaseId id, int step = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(county);
        return CheckOnAsync(county, id, step, cancellationToken);
    }

    /// <summary>Checks one case of a bare desk against the invariants: replay equals the live case, JSON round-trips, every person's event authorised, only lifecycle edges.</summary>
    /// <param name="county">The county.</param>
    /// <param name="id">The case.</param>
    /// <param name="step">The call index to name in a failure (-1: the end of the script).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="county"/> is null.</exception>
    /// <exception cref="DeskInvariantException">The case breaks an invariant.</exception>
    /// <exception cref="CaseNotFoundException">No such case.</exception>
    public static Task CheckCaseAsync(BareCounty county, CaseId id, int step = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(county);
        return CheckOnAsync(county, id, step, cancellationToken);
    }

    private static async Task<Case> CaseAsync(IDeskScriptHost county, CaseId id, CancellationToken cancellationToken) =>
        await county.Desk.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(id);

    private static ImmutableArray<CaseActor> StaffActors(OrgTree tree) =>
        [.. tree.Units.SelectMany(u => u.Members.Select(m => CaseActor.Staff(m.Id, u.Id)))];

    private static async Task CheckOnAsync(IDeskScriptHost county, CaseId id, int step, CancellationToken cancellationToken)
    {
        var live = await CaseAsync(county, id, cancellationToken).ConfigureAwait(false);
        var history = await county.Desk.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
        var replayed = Case.Replay(history, county.Calendar);
        if (CaseComparison.Difference(replayed, live) is { } difference)
        {
            throw new DeskInvariantException("replay equals the live case", step, difference);
        }

        var description = CaseLifecycles.Default.Describe();
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            var back = CaseEventJson.Deserialize(CaseEventJson.SerializeToUtf8Bytes(e));
            if (CaseComparison.Difference(e, back) is { } lost)
            {
                throw new DeskInvariantException("events round-trip through JSON", step, lost);
            }

            if (e.Trigger is not { } trigger)
            {
                continue;
            }

            if (e.From != e.To && !description.Transitions.Any(t =>
                    t.Trigger == trigger && CaseLifecycles.Default.IsInState(e.From, t.Source) && (t.IsDynamic || t.Destinations.Contains(e.To))))
            {
                throw new DeskInvariantException("only lifecycle edges", step, $"event v{e.Version} of '{id}' moves {e.From} → {e.To} by {trigger}, which the lifecycle has no edge for");
            }

            if (e.Actor.Kind != CaseActorKind.System && i > 0 && e.CaseId == id)
            {
                var prior = Case.Replay(history.Take(i), county.Calendar);
                var authorised = await county.Authorizer.AuthorizeAsync(e.Actor, trigger, prior, e.Cause is not null, cancellationToken).ConfigureAwait(false);
                if (!authorised.IsAllowed)
                {
                    throw new DeskInvariantException("every event authorised", step, $"event v{e.Version} of '{id}' ({trigger} by {e.Actor}) is not authorised: {authorised.Reason}");
                }
            }
        }
    }

    private static async Task<CaseId?> RegisterAsync(IDeskScriptHost county, int pick, int index, CancellationToken cancellationToken)
    {
        var grids = county.Tree.Units.Where(u => u.Kind == OrgUnitKind.Grid).ToList();
        var categories = county.Categories.IsDefaultOrEmpty ? [] : county.Categories.ToList();
        var channels = county.Channels.IsDefaultOrEmpty ? [CaseChannel.QrCode] : county.Channels.ToList();
        if (grids.Count == 0 || categories.Count == 0)
        {
            return null;
        }

        var grid = grids[pick % grids.Count];
        var report = new CaseReport(
            channels[pick / 7 % channels.Count],
            categories[pick / 3 % categories.Count],
            CasePriority.Normal,
            new CaseLocation(grid.Id),
            new Reporter("测试", $"1380000{index:D4}"),
            $"测试事项 {pick}");
        var registrar = county.Tree.PathToRoot(grid.Id)
            .SelectMany(u => u.Members.Where(m => m.Holds(MemberRole.Dispatcher)).Select(m => CaseActor.Staff(m.Id, u.Id)))
            .FirstOrDefault() ?? CaseActor.System;
        try
        {
            return (await county.Desk.RegisterAsync(report, registrar, cancellationToken).ConfigureAwait(false)).Case.Id;
        }
        catch (CaseReportRefusedException)
        {
            return null;
        }
    }

    private static CaseTrigger PickTrigger(Case current, DeskCall call)
    {
        if (call.Action >= 80)
        {
            return DeskAction.Triggers[call.Action % DeskAction.Triggers.Length];
        }

        var args = new CaseTransitionArgs
        {
            Reason = "r", Reply = "r", TargetUnit = current.HoldingUnit ?? new OrgUnitId("u"), Rating = CaseRating.Satisfied,
            ReturnTo = current.SuspendedFrom ?? current.HandedOffFrom, Case = current,
        };
        var permitted = CaseLifecycles.Default.GetPermittedTriggers(current.State, args)
            .Where(t => call.Action % 10 == 0 || t is not (CaseTrigger.Decline or CaseTrigger.Merge or CaseTrigger.Withdraw))
            .ToList();
        return permitted.Count == 0 ? DeskAction.Triggers[call.Action % DeskAction.Triggers.Length] : permitted[call.Action % permitted.Count];
    }

    private static async Task<CaseActor> PickActorAsync(
        IDeskScriptHost county, ImmutableArray<CaseActor> staff, Case current, CaseTrigger trigger, DeskCall call, CancellationToken cancellationToken)
    {
        var everyone = staff.Add(CaseActor.Citizen(current.QueryCodeDigest)).Add(CaseActor.Deputy(new ActorId("deputy-1")));
        if (call.Actor >= 85)
        {
            return everyone[call.Actor % everyone.Length];
        }

        var allowed = new List<CaseActor>();
        foreach (var actor in everyone)
        {
            if ((await county.Authorizer.AuthorizeAsync(actor, trigger, current, false, cancellationToken).ConfigureAwait(false)).IsAllowed)
            {
                allowed.Add(actor);
            }
        }

        return allowed.Count == 0 ? everyone[call.Actor % everyone.Length] : allowed[call.Actor % allowed.Count];
    }

    private static DeskAction PickAction(IDeskScriptHost county, Case current, CaseActor actor, CaseTrigger trigger, DeskCall call, List<CaseId> cases)
    {
        var rating = (CaseRating)(1 + (call.Target % 3));
        OrgUnitId? target = null;
        var departments = ImmutableArray<OrgUnitId>.Empty;
        switch (trigger)
        {
            case CaseTrigger.Dispatch or CaseTrigger.Escalate:
                var allowed = county.Tree.Units
                    .Where(u => u.Kind is not (OrgUnitKind.MediationBody or OrgUnitKind.OutsideBody))
                    .Where(u => county.CheckTarget(actor, trigger, current, u.Id).IsAllowed)
                    .ToList();
                target = allowed.Count > 0 ? allowed[call.Target % allowed.Count].Id : county.Tree.Units[call.Target % county.Tree.Units.Length].Id;
                break;
            case CaseTrigger.HandOff:
                var bodies = county.Tree.Units.Where(u => u.Kind == OrgUnitKind.MediationBody).ToList();
                target = bodies.Count > 0 ? bodies[call.Target % bodies.Count].Id : null;
                break;
            case CaseTrigger.Summon:
                departments = [.. county.Tree.Units.Where(u => u.Kind == OrgUnitKind.Department).Skip(call.Target % 3).Take(2).Select(u => u.Id)];
                target = departments.IsEmpty ? null : departments[0];
                break;
            case CaseTrigger.ReportIn:
                var pending = current.Summonses.IsDefaultOrEmpty ? [] : current.Summonses.Where(s => s.IsOpen).SelectMany(s => s.Pending).ToList();
                target = pending.Count > 0 ? pending[call.Target % pending.Count] : current.HoldingUnit;
                break;
        }

        var others = cases.Where(c => c != current.Id).ToList();
        return new DeskAction(
            trigger,
            target,
            Rating: rating,
            Into: others.Count > 0 ? others[call.Target % others.Count] : null,
            Departments: departments);
    }
}

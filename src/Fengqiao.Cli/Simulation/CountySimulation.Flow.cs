using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Routing;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <content>How one case travels: each step is a desk call scheduled on the agenda.</content>
internal sealed partial class CountySimulation
{
    private static readonly string[] DisputeWords = ["dispute", "neighbour", "labour", "family", "property", "land", "consumer", "petition"];

    private async Task ReportAsync()
    {
        // The intake (what is reported, where, by whom) draws from its own generator, so that the behaviour parameters
        // (which change how many draws the handling takes) never change what the citizens report: a calibration run
        // then compares the same intake handled differently.
        CaseReport report;
        if (recentReports.Count > 0 && intake.NextDouble() < behaviour.Repeat)
        {
            // The same matter reported again, through another channel: the desk should merge it.
            var earlier = recentReports[intake.Next(recentReports.Count)];
            report = new CaseReport(channels[intake.Next(channels.Length)], earlier.Category, earlier.Priority, earlier.Location, earlier.Reporter, earlier.Text + " (again)");
        }
        else
        {
            var channel = channels[intake.Next(channels.Length)];
            var grid = grids[intake.Next(grids.Length)];
            var category = PickCategory();
            var priority = intake.NextDouble() < behaviour.Urgent ? CasePriority.Urgent : CasePriority.Normal;
            var reporter = ReturningReporter(category) ?? new Reporter($"居民{intake.Next(100000):D5}", $"13{intake.Next(100000000, 999999999)}");
            report = new CaseReport(channel, category, priority, new CaseLocation(grid.Id), reporter, ReportText(category, grid));
            RememberReporter(category, reporter);
            recentReports.Add(report);
            if (recentReports.Count > 500)
            {
                recentReports.RemoveAt(0);
            }
        }

        report = Tiered(report, nextCaseNumber + 1);
        var result = await Act(() => desk.RegisterAsync(report, dispatcher)).ConfigureAwait(false);
        if (result is null || result.JoinedExisting)
        {
            metrics.Joined(result is not null);
            return;
        }

        NoteDeadline(result.Case);

        // The county's routing says who owns the matter and which department answers for it (no routing: the ladder decides).
        // The report as registered: with the tier the acceptor or the county's tiers: rule gave it.
        var route = county.Routing.Route(result.Case.Report, result.Case.RegisteredAt);
        routedDepartments[(report.Location.Grid, report.Category)] = route?.Department;
        var progress = new CaseProgress(result.Case.Id, report.Location.Grid, report.Category, IsDispute(report.Category))
        {
            Number = nextCaseNumber,
            Owner = route?.Owner,
            Department = route?.Department,
            Tier = result.Case.Tier,
        };
        open[progress.Id] = progress;
        if (waiting.Contains(progress.Id))
        {
            progress.WaitUntil = WaitUntil(result.Case.RegisteredAt);
        }
        if (result.Case.State == CaseState.HandedOff)
        {
            // A rule sent it to mediation straight after registration (e.g. 访调: a petition seeking a remedy).
            Mediate(progress);
            return;
        }

        After(progress, Minutes(5, 90), () => AcceptAsync(progress));
    }

    private async Task AcceptAsync(CaseProgress c)
    {
        if (waiting.Contains(c.Id))
        {
            // 排队等候调解: a court filing or police call the rules send to mediation waits, unaccepted, for a mediator
            // with room; past the profile's wait the centre takes it in and gives it to the units instead.
            var free = await desk.FindAsync(c.Id).ConfigureAwait(false) is { } held && !MediatorBlocked(FactOf(held), held);
            if (!free && clock.GetCurrentInstant() < c.WaitUntil)
            {
                After(c, Duration.FromHours(1), () => AcceptAsync(c));
                return;
            }

            waiting.Remove(c.Id);
            unroutable.Remove(c.Id);
            if (!free)
            {
                metrics.MediationRouted(false);
                gaveUpWaiting.Add(c.Id);
            }
        }

        if (Chance(behaviour.Decline))
        {
            await ActOn(c, () => desk.DeclineAsync(c.Id, dispatcher, "outside the platform's remit 不属于受理范围")).ConfigureAwait(false);
            open.Remove(c.Id);
            return;
        }

        if (await ActOn(c, () => desk.AcceptAsync(c.Id, dispatcher)).ConfigureAwait(false) is not { } accepted)
        {
            return;
        }

        if (accepted.State == CaseState.HandedOff)
        {
            // The hand-off rules sent the accepted dispute to mediation (诉调/访调/警调/检调 or the centre's referral).
            Mediate(c);
            return;
        }

        // The owner the county's routing names; without routing, the grid or (less often) the level above it. Both
        // draws are taken either way, so that one seed drives the same later choices with and without routing.
        var path = PathOf(c);
        var nearest = Chance(0.6);
        var department = Chance(0.12) ? path.Steps.FirstOrDefault(s => s.Unit.Kind == OrgUnitKind.Department) : null;
        var target = c.Owner ?? department?.Unit.Id ?? (nearest || path.Steps.Length < 2 ? path.Steps[0].Unit.Id : path.Steps[1].Unit.Id);

        After(c, Minutes(5, 60), () => DispatchAsync(c, target));
    }

    private async Task DispatchAsync(CaseProgress c, OrgUnitId unit)
    {
        if (await ActOn(c, () => desk.DispatchAsync(c.Id, dispatcher, unit)).ConfigureAwait(false) is null)
        {
            return;
        }

        c.Unit = unit;
        var late = Chance(behaviour.LateClaim);
        After(c, late ? Minutes(240, behaviour.LateClaimHours * 60) : Minutes(5, behaviour.ClaimMinutes), () => ClaimAsync(c));
    }

    private async Task ClaimAsync(CaseProgress c)
    {
        var worker = Worker(c.Unit);
        if (await ActOn(c, () => desk.ClaimAsync(c.Id, worker)).ConfigureAwait(false) is not { } claimed)
        {
            return;
        }

        await FileWrittenReportIfRequiredAsync(c, claimed).ConfigureAwait(false);
        await HandOverToTheWorkersPostAsync(c, claimed).ConfigureAwait(false);

        if (c.Returns == 0 && Chance(behaviour.Return))
        {
            // 退回: the unit says the matter is not theirs, before starting on it.
            After(c, Minutes(10, 120), () => ReturnAsync(c));
            return;
        }

        var level = PathOf(c).StepOf(c.Here)?.Index ?? 0;
        if (Decide(c, Trait.CannotResolve, Math.Max(Math.Min(0.02, behaviour.CannotResolve), behaviour.CannotResolve - 0.02 * level)) && PathOf(c).Above(c.Here) is not null)
        {
            // 无法解决: after looking at it, the unit declares it cannot resolve the matter.
            After(c, Minutes(30, 600), () => CannotResolveAsync(c));
            return;
        }

        if (await ActOn(c, () => desk.StartAsync(c.Id, worker)).ConfigureAwait(false) is null)
        {
            return;
        }

        ScheduleHandling(c);
    }

    private void ScheduleHandling(CaseProgress c)
    {
        var level = PathOf(c).StepOf(c.Here)?.Index ?? 0;
        var roll = random.NextDouble();
        if (roll < behaviour.Extension && c.Extensions == 0)
        {
            After(c, Minutes(60, 600), () => RequestExtensionAsync(c));
        }
        else
        {
            After(c, HandlingTime(c, level), () => ResolveAsync(c));
        }
    }

    private Duration HandlingTime(CaseProgress c, int level)
    {
        // Most finish well inside the unit's limit; a tail runs late (the overdue cases the sweep catches).
        var limit = c.HandleLimit ?? Duration.FromHours(24);
        var factor = Decide(c, Trait.LateHandling, behaviour.LateHandling) ? 1.0 + random.NextDouble() : 0.1 + ((behaviour.AnswerShareOfLimit - 0.1) * random.NextDouble());
        factor = TierFactor(c, factor);
        var minutes = Math.Max(20, limit.TotalMinutes * factor * (1 + 0.1 * level));
        return Duration.FromMinutes(Math.Round(minutes));
    }

    private async Task ReturnAsync(CaseProgress c)
    {
        if (await ActOn(c, () => desk.ReturnAsync(c.Id, Worker(c.Unit), "not this unit's matter 非本单位职责")).ConfigureAwait(false) is null)
        {
            return;
        }

        c.Returns++;
        var path = PathOf(c);
        var other = path.Steps.Select(s => s.Unit.Id).Where(u => u != c.Here).ToList();
        After(c, Minutes(10, 120), () => DispatchAsync(c, other.Count == 0 ? c.Here : Pick(other)));
    }

    private async Task RequestExtensionAsync(CaseProgress c)
    {
        var limit = TimeLimit.WorkingDays(1 + random.Next(3));
        if (await ActOn(c, () => desk.RequestExtensionAsync(c.Id, Worker(c.Unit), "needs a site inspection 需现场核查", limit)).ConfigureAwait(false) is null)
        {
            ScheduleResolve(c);
            return;
        }

        c.Extensions++;
        After(c, Minutes(30, 300), async () =>
        {
            if (Chance(behaviour.ExtensionGranted))
            {
                await ActOn(c, () => desk.GrantExtensionAsync(c.Id, Reviewer(Above(c.Here)), limit)).ConfigureAwait(false);
            }
            else
            {
                await ActOn(c, () => desk.DenyExtensionAsync(c.Id, Reviewer(Above(c.Here)), "the matter is simple 事项简单")).ConfigureAwait(false);
            }

            ScheduleResolve(c);
        });
    }

    private void ScheduleResolve(CaseProgress c) =>
        After(c, HandlingTime(c, PathOf(c).StepOf(c.Here)?.Index ?? 0), () => ResolveAsync(c));

    private async Task CannotResolveAsync(CaseProgress c)
    {
        // 无法解决: the unit returns the case saying it cannot resolve it; the escalation rules move it one level up
        // in the same desk call (FollowRules schedules the new unit's claim).
        var reason = CannotResolve.Reason("beyond this unit's powers 超出本级职权");
        if (await ActOn(c, () => desk.ReturnAsync(c.Id, Worker(c.Unit), reason)).ConfigureAwait(false) is { State: CaseState.Returned })
        {
            // The rules did not move it (e.g. the unit's path has no level above it): dispatch it back.
            After(c, Minutes(10, 120), () => DispatchAsync(c, c.Here));
        }
    }

    /// <summary>Keeps the simulation's view of a case in step when a rule (the system actor) moves it.</summary>
    private void FollowRules(Fengqiao.Cases.Events.CaseEvent e)
    {
        if (e.Actor.Kind != CaseActorKind.System || !open.TryGetValue(e.CaseId, out var c))
        {
            return;
        }

        switch (e.Trigger)
        {
            case CaseTrigger.Escalate when e.Payload is CaseEscalated { Unit: var unit }:
                c.Generation++;
                c.Unit = unit;

                // No draw from the shared random here: sweeps visit cases in the store's order, and the run must not
                // depend on it. The delay comes from the case and how often it has moved instead.
                var minutes = 10 + (int)((uint)(c.Number * 37 + c.Generation * 101) % 230);
                After(c, Duration.FromMinutes(minutes), () => ClaimAsync(c));
                break;
            case CaseTrigger.HandOff:
                // A hand-off rule acted on a later event (a sweep, or once a mediator was free): the body takes it up.
                c.Generation++;
                After(c, Duration.FromMinutes(5 + (int)((uint)(c.Number * 29 + c.Generation * 13) % 60)), () =>
                {
                    Mediate(c);
                    return Task.CompletedTask;
                });
                break;
            case CaseTrigger.Reopen:
                // Reopened by a rule: if the same call also escalates it, that bumps the generation again and drops
                // this step; otherwise the case goes back to work where it is.
                c.Generation++;
                c.Reopens++;
                After(c, Duration.FromMinutes(10 + (int)((uint)(c.Number * 53 + c.Generation * 7) % 110)), () => BackToWorkAsync(c));
                break;
        }
    }

    /// <summary>
    /// The fact the county's hand-off rules see for a case: the library's conventions (a petition seeking a remedy, a
    /// police call…), and for a dispute reported to the centre, whether it suits mediation (about three in five do).
    /// A dispute no mediation body can take now (no mediator on duty, or all at capacity) is left to the units and
    /// counted as unrouted.
    /// </summary>
    private Fengqiao.Mediation.Rules.HandOffFact? HandOffFactOf(Case @case)
    {
        var fact = FactOf(@case);
        if (!MediatorBlocked(fact, @case))
        {
            return fact;
        }

        if (unroutable.Add(@case.Id))
        {
            if (WaitsForMediator(@case))
            {
                // Counted as routed or not once the wait ends (AcceptAsync).
                waiting.Add(@case.Id);
                if (open.TryGetValue(@case.Id, out var progress))
                {
                    progress.WaitUntil = WaitUntil(@case.RegisteredAt);
                }
            }
            else if (!gaveUpWaiting.Contains(@case.Id))
            {
                metrics.MediationRouted(false);
            }
        }

        return null;
    }

    /// <summary>The fact the county's hand-off rules see for a case (see <see cref="HandOffFactOf"/>).</summary>
    private Fengqiao.Mediation.Rules.HandOffFact FactOf(Case @case)
    {
        var fact = CaseHandOffFacts.FromCase(@case);
        return IsDispute(@case.Report.Category)
            ? WithOrigin(fact with { DisputeType = DisputeTypeOf(@case.Report.Category), SuitableForMediation = SuitsMediation(@case.Id) }, @case.Id)
            : fact;
    }

    /// <summary>Whether the county's rules send the matter to a mediation body but none has a mediator with room now
    /// (asked as the hand-off policy asks: the rule's body, the current loads).</summary>
    private bool MediatorBlocked(Fengqiao.Mediation.Rules.HandOffFact fact, Case @case)
    {
        var match = Fengqiao.Mediation.Rules.HandOffRules.Decide(handOffRules!, fact)
            .Select(m => m.Decision)
            .FirstOrDefault(d => d is { Target: Fengqiao.Mediation.Rules.HandOffTarget.MediationBody, Direction: HandOffDirection.ToMediation });
        if (match is null)
        {
            return false;
        }

        var date = clock.GetCurrentInstant().InZone(calendar.Zone).Date;
        var request = new RoutingRequest(fact.DisputeType, @case.Report.Location.Grid, date, [], []) { Body = match.Body };
        return router!.Route(request, ledger!.MediatorLoads()).Body is null;
    }

    /// <summary>Whether a matter the rules send to mediation waits for a mediator (<c>simulation.mediation-wait-days</c>):
    /// court filings (诉前调解) and police calls (警调) still registered, not yet taken in by the centre.</summary>
    private bool WaitsForMediator(Case @case) =>
        behaviour.MediationWaitDays > 0
        && @case.State == CaseState.Registered
        && !gaveUpWaiting.Contains(@case.Id)
        && IsDispute(@case.Report.Category)
        && OriginOf(behaviour, @case.Id) is "court" or "police";

    private Instant WaitUntil(Instant registered) =>
        calendar.AddWorkingTime(registered, calendar.ScheduleFor(StartDate).WorkingTimePerDay * behaviour.MediationWaitDays);

    /// <summary>Whether a dispute suits mediation: fixed per case (its number), so it does not depend on evaluation order.</summary>
    private bool SuitsMediation(CaseId id) => Unit(id, 0) < behaviour.SuitableForMediation;

    private static int StableNumber(CaseId id)
    {
        var hash = 17;
        foreach (var ch in id.ToString())
        {
            hash = unchecked((hash * 31) + ch);
        }

        return hash & 0x7fffffff;
    }

    /// <summary>A rule handed the case to a mediation body: the body signs for it, mediates and reports the outcome through the <see cref="MediationDesk"/>, by the hand-off's correlation key.</summary>
    private void Mediate(CaseProgress c)
    {
        var handOff = ledger!.ForCase(c.Id).LastOrDefault(h => h.IsPending);
        if (handOff is null)
        {
            return;
        }

        if (handOff.Direction == HandOffDirection.FromMediation)
        {
            AnswerReturn(c, handOff);
            return;
        }

        c.Mediated = true;
        c.Unit = handOff.To;
        metrics.MediationRouted(true);
        var key = handOff.Key;
        var member = Worker(handOff.To);
        After(c, Minutes(30, 480), async () =>
        {
            if (Chance(behaviour.MediationDecline))
            {
                // The body declines (e.g. the matter is already in court): the case comes back, never disappears.
                if (await ActOn(c, () => mediationDesk!.DeclineAsync(key, member, "already before the court 已进入诉讼程序")).ConfigureAwait(false) is { } back)
                {
                    metrics.MediationDeclined();
                    Continue(c, back);
                }

                return;
            }

            if (await Act(() => mediationDesk!.AcceptAsync(key, member)).ConfigureAwait(false) is null)
            {
                return;
            }

            // Most mediations end within days; a tail drags on past the statutory limit, and the sweep flags it.
            var duration = Chance(behaviour.MediationOverrun) ? Minutes(8 * 60 * 12, 8 * 60 * 30) : Minutes(240, Math.Max(241, (int)Math.Round(behaviour.MediationDays * 480)));
            After(c, duration, async () =>
            {
                var agreed = Decide(c, Trait.MediationSuccess, MediationSuccessOf(handOff.To));
                metrics.MediationConcluded(agreed);
                c.MediationFailed = !agreed;
                var outcome = agreed ? HandOffOutcome.Agreement : HandOffOutcome.Failure;
                var record = agreed ? "parties agreed on compensation and a timetable 双方就赔偿及履行期限达成一致" : "parties could not agree 双方分歧较大，调解不成";
                var after = await ActOn(c, () => mediationDesk!.ConcludeAsync(key, member, outcome, record)).ConfigureAwait(false);
                if (after is null)
                {
                    return;
                }

                if (after.State == CaseState.Resolved)
                {
                    // The agreement is the reply; the unit holding the case submits it for review.
                    After(c, Minutes(5, 60), () => ReviewAsync(c));
                }
                else
                {
                    Continue(c, after);
                }
            });
        });
    }

    /// <summary>A return flow sent the case back to an outside body (the court for confirmation or filing, the petition
    /// office, the police, the procuratorate): the body signs for it and, unless that ends the flow, answers.</summary>
    private void AnswerReturn(CaseProgress c, HandOff handOff)
    {
        var key = handOff.Key;
        var member = Worker(handOff.To);
        c.Unit = handOff.To;
        metrics.ReturnSent();
        After(c, Minutes(30, 480), async () =>
        {
            if (await Act(() => mediationDesk!.AcceptAsync(key, member)).ConfigureAwait(false) is not { } accepted)
            {
                return;
            }

            if (!accepted.IsPending)
            {
                // Signing for it ended the flow (return to filing, outcome to the procuratorate): the case follows.
                await FollowReturnAsync(c).ConfigureAwait(false);
                return;
            }

            After(c, Minutes(240, 1440), async () =>
            {
                var settled = Decide(c, Trait.OutsideSettled, behaviour.OutsideSettled);
                var outcome = settled ? HandOffOutcome.Agreement : HandOffOutcome.Failure;
                var record = settled ? "confirmed and settled by the outside body 已确认办结" : "not settled; back to the centre 未能化解，退回中心";
                if (await ActOn(c, () => mediationDesk!.ConcludeAsync(key, member, outcome, record)).ConfigureAwait(false) is not null)
                {
                    await FollowReturnAsync(c).ConfigureAwait(false);
                }
            });
        });
    }

    /// <summary>After an outside body's answer: a resolved case goes to review, a case handed back goes on at the centre.</summary>
    private async Task FollowReturnAsync(CaseProgress c)
    {
        switch (await desk.FindAsync(c.Id).ConfigureAwait(false))
        {
            case { State: CaseState.Resolved }:
                After(c, Minutes(5, 60), () => ReviewAsync(c));
                break;
            case { State: CaseState.Registered or CaseState.Accepted } back:
                Continue(c, back);
                break;
        }
    }

    /// <summary>A case handed back from mediation (with the record) goes on where it left off: the centre accepts it if
    /// it had not, then dispatches it to the units.</summary>
    private void Continue(CaseProgress c, Case back)
    {
        c.Unit = null;
        if (back.State == CaseState.Registered)
        {
            After(c, Minutes(10, 120), () => AcceptAsync(c));
        }
        else
        {
            After(c, Minutes(10, 120), () => DispatchAsync(c, PathOf(c).Steps[0].Unit.Id));
        }
    }

    private async Task ResolveAsync(CaseProgress c)
    {
        var reply = Chance(0.05) ? "ok" : $"handled by {c.Unit} 已办理并答复";
        if (await ActOn(c, () => desk.ResolveAsync(c.Id, Worker(c.Unit), reply)).ConfigureAwait(false) is null)
        {
            return;
        }

        c.ShortReply = reply.Length < 5;
        After(c, Minutes(5, 60), () => ReviewAsync(c));
    }

    private async Task ReviewAsync(CaseProgress c)
    {
        if (await ActOn(c, () => desk.SubmitForReviewAsync(c.Id, Worker(c.Here))).ConfigureAwait(false) is null)
        {
            return;
        }

        After(c, Minutes(10, 180), async () =>
        {
            if (c.ShortReply)
            {
                // 驳回: a reply in non-standard language goes back to the handler.
                if (await ActOn(c, () => desk.RejectAsync(c.Id, Reviewer(c.Here), "non-standard reply 答复不规范")).ConfigureAwait(false) is not null)
                {
                    c.ShortReply = false;
                    ScheduleResolve(c);
                }

                return;
            }

            if (await ActOn(c, () => desk.ApproveAsync(c.Id, Reviewer(c.Here))).ConfigureAwait(false) is not null)
            {
                After(c, Minutes(30, 400), () => CallBackAsync(c));
            }
        });
    }

    private async Task CallBackAsync(CaseProgress c)
    {
        if (await ActOn(c, () => desk.CallBackAsync(c.Id, dispatcher, "phoned the citizen 电话回访")).ConfigureAwait(false) is null)
        {
            return;
        }

        _ = random.NextDouble();
        var rating = RatingOf(c, Draw(c, Trait.Rating));
        var generation = c.Generation;
        if (await ActOn(c, () => desk.RateAsync(c.Id, dispatcher, rating)).ConfigureAwait(false) is null || c.Generation != generation)
        {
            return;
        }

        // An unsatisfied rating makes the escalation rules reopen the case one level above the unit that closed it
        // (FollowRules picks that up); if they did not, the case is closed as rated.
        After(c, Minutes(5, 60), () => CloseAsync(c));
    }

    private async Task CloseAsync(CaseProgress c)
    {
        if (await ActOn(c, () => desk.CloseAsync(c.Id, dispatcher)).ConfigureAwait(false) is not null)
        {
            open.Remove(c.Id);
            if (!deputies.IsEmpty && Chance(behaviour.DeputyReview))
            {
                // 人大代表评议: a people's deputy looks at some closed cases, rates them and may send them back.
                After(c, Minutes(60, 2400), () => DeputyReviewAsync(c));
            }
        }
    }

    private async Task DeputyReviewAsync(CaseProgress c)
    {
        var deputy = Pick(deputies);
        var satisfied = Chance(behaviour.DeputySatisfied);

        // Back in play while the deputy looks: an unsatisfied rating makes the escalation rules reopen the case one
        // level above the unit that closed it (FollowRules then schedules the new holder's claim).
        open[c.Id] = c;
        var generation = c.Generation;
        await ScoreAsync(c, deputy, satisfied).ConfigureAwait(false);
        var rated = await Act(() => desk.RateAsync(c.Id, deputy, satisfied ? CaseRating.Satisfied : CaseRating.Unsatisfied)).ConfigureAwait(false);
        if (rated is null || satisfied || c.Generation != generation)
        {
            if (c.Generation == generation)
            {
                open.Remove(c.Id);
            }
            else
            {
                metrics.DeputyReopened();
            }

            return;
        }

        // The rules left it closed (e.g. it was closed at the top of the ladder): the deputy sends it back (重办).
        var reopened = await Act(() => desk.ReopenAsync(c.Id, deputy, "代表评议不满意，退回重办 the deputy finds the matter unresolved")).ConfigureAwait(false);
        if (reopened is null)
        {
            open.Remove(c.Id);
            return;
        }

        metrics.DeputyReopened();
        if (c.Generation == generation && reopened.State == CaseState.Reopened)
        {
            c.Generation++;
            c.Reopens++;
            After(c, Minutes(30, 240), () => BackToWorkAsync(c));
        }
    }

    /// <summary>A reopened case (重办) goes back to the unit holding it, or, if no unit ever held it (a case settled in
    /// mediation), the centre dispatches it to the grid's first level.</summary>
    private async Task BackToWorkAsync(CaseProgress c)
    {
        if (await desk.FindAsync(c.Id).ConfigureAwait(false) is not { State: CaseState.Reopened } reopened)
        {
            return;
        }

        if (reopened.HoldingUnit is { } holder)
        {
            c.Unit = holder;
            await ClaimAsync(c).ConfigureAwait(false);
        }
        else
        {
            c.Unit = null;
            await DispatchAsync(c, PathOf(c).Steps[0].Unit.Id).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a desk call for case <paramref name="c"/>; if a rule moved the case during the call, the caller's
    /// plan no longer applies, so the result is dropped (null) and the caller stops.</summary>
    private async Task<T?> ActOn<T>(CaseProgress c, Func<Task<T>> call)
        where T : class
    {
        var generation = c.Generation;
        var result = await Act(call).ConfigureAwait(false);
        return c.Generation == generation ? result : null;
    }

    private async Task<T?> Act<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CaseActionRefusedException e) when (e.Kind == CaseRefusalKind.CapExceeded)
        {
            // The policy's caps (e.g. on extensions) said no: a business answer, not a simulation error.
            metrics.Capped();
            return null;
        }
        catch (Exception e) when (e is CaseActionRefusedException or Fengqiao.Cases.Ports.ConcurrencyConflictException or HandOffRefusedException)
        {
            metrics.Refused(e);
            return null;
        }
    }

    private LadderPath PathOf(CaseProgress c)
    {
        c.HandleLimit ??= HandleLimitOf(c.Category);
        return PathOf(c.Grid, c.Department);
    }

    /// <summary>The ladder resolved for a grid as the escalation policy resolves it, the department level bound to the
    /// department the county's routing names for the case.</summary>
    private LadderPath PathOf(OrgUnitId grid, OrgUnitId? department)
    {
        if (!paths.TryGetValue((grid, department), out var path))
        {
            path = RoutingTable.PathOf(tree, profile.Ladder, grid, department);
            paths[(grid, department)] = path;
        }

        return path;
    }

    private string LevelOf(OrgUnitId grid, CaseCategory category, OrgUnitId unit) =>
        PathOf(grid, routedDepartments.GetValueOrDefault((grid, category))).StepOf(unit)?.Level.Name ?? (tree.Find(unit)?.Kind == OrgUnitKind.MediationBody ? "mediation body 调解组织" : $"{tree.Find(unit)?.Kind} (off the ladder)");

    private Duration? HandleLimitOf(CaseCategory category)
    {
        var rule = slaPolicy.TryResolve(category.Key);
        if (rule is null || !rule.Limits.TryGetValue(SlaLimitNames.Handle, out var limit))
        {
            return null;
        }

        return limit.Unit switch
        {
            TimeLimitUnit.WorkingDays => calendar.ScheduleFor(StartDate).WorkingTimePerDay * limit.Count,
            TimeLimitUnit.WorkingTime => limit.Duration,
            _ => calendar.ScheduleFor(StartDate).WorkingTimePerDay * Math.Max(1, limit.Count * 5 / 7),
        };
    }


    private CaseCategory PickCategory()
    {
        var total = categories.Sum(c => c.Weight);
        var roll = intake.NextDouble() * total;
        foreach (var (category, weight) in categories)
        {
            roll -= weight;
            if (roll <= 0)
            {
                return category;
            }
        }

        return categories[^1].Category;
    }

    /// <summary>Whether a category is a dispute the mediation rules may take (the diversion rate's denominator).</summary>
    internal static bool IsDispute(CaseCategory category) =>
        DisputeWords.Any(w => category.Key.Contains(w, StringComparison.Ordinal));

    private static DisputeType DisputeTypeOf(CaseCategory category) =>
        category.Key switch
        {
            var k when k.Contains("labour", StringComparison.Ordinal) => DisputeType.Labour,
            var k when k.Contains("family", StringComparison.Ordinal) => DisputeType.Family,
            var k when k.Contains("property", StringComparison.Ordinal) => DisputeType.PropertyManagement,
            var k when k.Contains("land", StringComparison.Ordinal) => DisputeType.Land,
            var k when k.Contains("consumer", StringComparison.Ordinal) => DisputeType.Consumer,
            _ => DisputeType.Neighbour,
        };
}

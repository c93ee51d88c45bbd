using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// Replays stored cases under a changed county profile and lists the cases whose escalations, hand-offs or deadlines
/// would differ, with both explanations — "what would this rule change have done last month?" (the library side of
/// <c>fengqiao replay</c>).
/// </summary>
/// <remarks>
/// <para>Each case is replayed on its own <see cref="TestCounty"/> built from the changed profile, on a fake clock that
/// starts at the case's registration: the report is registered again, time moves to each stored event with hourly sweeps
/// (and a sweep at each stored instant, where the host's sweeps evidently ran), and every action by a person is played
/// again by the same actor (the citizen with the replayed case's query code). The changed profile's policies make their
/// own system events; the stored system events are only compared against.</para>
/// <para>Played again besides the lifecycle triggers: supervisions, hand-overs between the posts of a unit (一格五员), deputies'
/// scores (测评打分) and written reports (书面报送), each by its own desk call; one the changed desk refuses is a difference.</para>
/// <para>Compared: the escalations, hand-offs and post hand-overs the policies made (target, rule, and instant within
/// <see cref="ProfileReplayOptions.Tolerance"/>), the case's deadlines at the end (<c>due</c>, the citizen's clock, and
/// <c>unit-due</c>, the holder's; both computed on the changed profile's calendar, so a calendar change shows through
/// the escalations it moves), the post holding the case at the end and its deadline (<c>post</c>), a person's action the
/// changed desk would refuse, and a joined report that would become a
/// case of its own.</para>
/// <para>A case merged into another (合并) replays on one desk with the case it joined: that case is registered again and
/// its people's actions up to the merge are played too, then the merge; the merged case is compared as merged. When the
/// case it joined is not among the cases replayed, or the changed desk would not have it as a case of its own, the merge
/// is left out, the case is compared as it stood before the merge, and the case's replay carries a note saying so
/// (<see cref="CaseReplay.Notes"/>, printed by <see cref="ProfileReplayReport.ToString"/> even when nothing differs).</para>
/// <para>Replaying the stored cases under the profile that made them moves none, as long as the host swept at least
/// hourly.</para>
/// </remarks>
/// <threadsafety>Stateless; each call uses its own counties.</threadsafety>
public static class ProfileReplay
{
    /// <summary>Replays the cases of a store.</summary>
    /// <param name="store">The store (open on any calendar: only events are read).</param>
    /// <param name="ids">The cases to replay.</param>
    /// <param name="changed">The changed profile.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels between cases and steps.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The changed profile does not compose into a desk (the message says why).</exception>
    public static async Task<ProfileReplayReport> ReplayAsync(ICaseStore store, IEnumerable<CaseId> ids, CountyProfile changed, ProfileReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ids);
        var histories = new List<IReadOnlyList<CaseEvent>>();
        foreach (var id in ids)
        {
            histories.Add(await store.ReadEventsAsync(id, cancellationToken).ConfigureAwait(false));
        }

        return await ReplayAsync(histories, changed, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replays case histories (each a case's events in version order).</summary>
    /// <param name="histories">The histories; an empty one is skipped.</param>
    /// <param name="changed">The changed profile.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels between cases and steps.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A history does not start with its registration, or the changed profile does not compose into a desk.</exception>
    public static async Task<ProfileReplayReport> ReplayAsync(IEnumerable<IReadOnlyList<CaseEvent>> histories, CountyProfile changed, ProfileReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(changed);
        options ??= new ProfileReplayOptions();
        var all = histories.Where(h => h.Count > 0).ToList();
        foreach (var history in all)
        {
            if (history[0].Payload is not CaseRegistration)
            {
                throw new ArgumentException($"The history of case '{history[0].CaseId}' starts with {history[0].Payload.GetType().Name}, not its registration.", nameof(histories));
            }
        }

        var until = options.Until ?? (all.Count == 0 ? Instant.MinValue : all.Max(h => h[^1].At));
        var byId = new Dictionary<CaseId, IReadOnlyList<CaseEvent>>();
        foreach (var history in all)
        {
            byId.TryAdd(history[0].CaseId, history);
        }

        var cases = ImmutableArray.CreateBuilder<CaseReplay>(all.Count);
        foreach (var history in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            cases.Add(await ReplayCaseAsync(history, byId, changed, until, options.Tolerance, cancellationToken).ConfigureAwait(false));
        }

        return new ProfileReplayReport(changed.Name, cases.MoveToImmutable());
    }

    private static async Task<CaseReplay> ReplayCaseAsync(
        IReadOnlyList<CaseEvent> stored, Dictionary<CaseId, IReadOnlyList<CaseEvent>> byId, CountyProfile changed, Instant until, Duration tolerance, CancellationToken cancellationToken)
    {
        var first = stored[0];
        var registration = (CaseRegistration)first.Payload;
        var id = first.CaseId;
        var zone = changed.Zone;
        await using var county = TestCounty.FromProfile(changed, new TestCountyOptions { Start = first.At.InZone(zone).LocalDateTime });
        county.Clock.Reset(first.At);
        var differences = ImmutableArray.CreateBuilder<ReplayDifference>();
        var notes = ImmutableArray.CreateBuilder<string>();
        string Local(Instant at) => ScenarioNames.Format(at.InZone(zone).LocalDateTime);
        try
        {
            await county.RegisterAsync(id.Value, registration.Report, first.Actor, cancellationToken).ConfigureAwait(false);
        }
        catch (CaseReportRefusedException e)
        {
            differences.Add(new ReplayDifference("report", $"registered at {Local(first.At)}", $"refused: {e.Reason}"));
            return new CaseReplay(id, differences.ToImmutable(), notes.ToImmutable());
        }

        // A case merged into another (合并) replays with the case it joined, on the same desk: that case's own events up to
        // the merge are played too (they are only the setting; that case is compared on its own replay).
        var timeline = stored.Skip(1).ToList();
        var ids = new List<CaseId> { id };
        var mergedAway = false;
        if (stored.FirstOrDefault(e => e.Payload is CaseMerged) is { Payload: CaseMerged merge } mergeEvent)
        {
            if (merge.Into == id || !byId.TryGetValue(merge.Into, out var into))
            {
                notes.Add($"the merge into case {merge.Into} at {Local(mergeEvent.At)} is not replayed: case {merge.Into} is not among the cases replayed, " +
                          "so the case is compared as it stood before the merge");
                timeline = [.. timeline.TakeWhile(e => e.Payload is not CaseMerged)];
            }
            else
            {
                mergedAway = true;
                timeline = [.. timeline.Concat(into.Where(e => e.At <= mergeEvent.At))
                    .Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.e.CaseId == id ? 1 : 0).ThenBy(x => x.i).Select(x => x.e)];
            }
        }

        foreach (var e in timeline)
        {
            await AdvanceAsync(county, ids, e.At, cancellationToken).ConfigureAwait(false);

            if (e.Payload is CaseRegistration && e.CaseId != id)
            {
                if (await RegisterPartnerAsync(county, e, cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    notes.Add($"the merge into case {e.CaseId} is not replayed: {refusal}, so the case is compared as it stood before the merge");
                    mergedAway = false;
                    continue;
                }

                ids.Add(e.CaseId);
                continue;
            }

            if (e.CaseId != id && !ids.Contains(e.CaseId))
            {
                continue;
            }

            if (e.Payload is CaseMerged && !mergedAway)
            {
                break;
            }

            if (e.Actor.Kind == CaseActorKind.System)
            {
                continue;
            }

            if (e.Payload is CaseReportJoined { FromCase: not null })
            {
                // The report of a case merged into this one: the merge is replayed with the merged case, which joins it again.
                continue;
            }

            if (e.Payload is CaseReportJoined joined)
            {
                var again = await county.Desk.RegisterAsync(joined.Report, e.Actor, cancellationToken).ConfigureAwait(false);
                if (e.CaseId == id && (!again.JoinedExisting || again.Case.Id != id))
                {
                    differences.Add(new ReplayDifference("report", $"a report joined the case at {Local(e.At)}", $"the report would be case {again.Case.Id}"));
                }

                continue;
            }

            try
            {
                await PlayAsync(county, e.CaseId, e, cancellationToken).ConfigureAwait(false);
            }
            catch (CaseActionRefusedException refused) when (e.CaseId == id)
            {
                differences.Add(new ReplayDifference("action", $"{(e.Trigger is { } trigger ? trigger.ToString() : e.Payload.GetType().Name)} by {e.Actor} at {Local(e.At)} ({e.From} → {e.To})", $"refused in {refused.State}: {refused.Reason}"));
            }
            catch (CaseActionRefusedException)
            {
                // The merged-into case went otherwise under the changed rules; its own replay lists that.
            }
        }

        await AdvanceAsync(county, ids, until, cancellationToken).ConfigureAwait(false);

        var replayed = await county.Desk.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
        Compare("escalation", Moves<CaseEscalated>(stored, p => p.Unit.Value), Moves<CaseEscalated>(replayed, p => p.Unit.Value), tolerance, Local, differences);
        Compare("hand-off", Moves<CaseHandedOff>(stored, p => p.Body.Value), Moves<CaseHandedOff>(replayed, p => p.Body.Value), tolerance, Local, differences);
        Compare("post hand-over", Moves<CasePostHandedOver>(stored, p => $"{p.Unit} {p.Post}"), Moves<CasePostHandedOver>(replayed, p => $"{p.Unit} {p.Post}"), tolerance, Local, differences);
        var before = Case.Replay(mergedAway ? stored : stored.TakeWhile(e => e.Payload is not CaseMerged), county.Calendar);
        var after = await county.CaseAsync(id, cancellationToken).ConfigureAwait(false);
        CompareDeadline("due", before, after, CaseClockKind.Citizen, tolerance, Local, differences);
        CompareDeadline("unit-due", before, after, CaseClockKind.Unit, tolerance, Local, differences);
        ComparePost(before, after, tolerance, Local, differences);
        return new CaseReplay(id, differences.ToImmutable(), notes.ToImmutable());
    }

    // Registers the case another merges into, under its own id; says why not when the changed desk will not have it as a case of its own.
    private static async Task<string?> RegisterPartnerAsync(TestCounty county, CaseEvent registered, CancellationToken cancellationToken)
    {
        if (registered.Payload is not CaseRegistration registration)
        {
            return $"the history of case {registered.CaseId} does not start with its registration";
        }

        try
        {
            var result = await county.RegisterAsync(registered.CaseId.Value, registration.Report, registered.Actor, cancellationToken).ConfigureAwait(false);
            return result.JoinedExisting ? $"under the changed rules case {registered.CaseId}'s report would join case {result.Case.Id}" : null;
        }
        catch (CaseReportRefusedException e)
        {
            return $"the changed desk would refuse case {registered.CaseId}'s report ({e.Reason})";
        }
    }

    // As TestCounty.AdvanceToAsync (a sweep every hour, and one at the target), but the county holds one case, so the
    // hours before the case is next due are skipped: a sweep there would find nothing to do.
    private static async Task AdvanceAsync(TestCounty county, List<CaseId> ids, Instant target, CancellationToken cancellationToken)
    {
        while (county.Clock.GetCurrentInstant() < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = county.Clock.GetCurrentInstant();
            Instant? due = null;
            foreach (var id in ids)
            {
                if ((await county.CaseAsync(id, cancellationToken).ConfigureAwait(false)).NextDueAt is { } at && (due is null || at < due))
                {
                    due = at;
                }
            }

            Instant next;
            if (due is not { } d || d >= target)
            {
                next = target;
            }
            else
            {
                var hours = d <= now ? 1 : (long)Math.Ceiling((d - now).TotalHours);
                next = Instant.Min(target, now + Duration.FromHours(Math.Max(1, hours)));
            }

            county.Clock.Reset(next);
            await county.SweepAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PlayAsync(TestCounty county, CaseId id, CaseEvent e, CancellationToken cancellationToken)
    {
        var desk = county.Desk;
        var actor = e.Actor;
        if (actor.Kind == CaseActorKind.Citizen)
        {
            actor = await county.CitizenAsync(id, cancellationToken).ConfigureAwait(false);
        }

        switch (e.Payload)
        {
            case CaseSupervisionIssued issued:
                await desk.SuperviseAsync(id, actor, issued.Target, issued.Limit, issued.Grade, issued.Note, cancellationToken).ConfigureAwait(false);
                return;
            case CasePostHandedOver handedOver:
                // A post passing the work to another post of its unit (一格五员); the changed profile's posts decide whether it may.
                await desk.HandOverAsync(id, actor, new MemberRole(handedOver.Post), handedOver.Note, cancellationToken).ConfigureAwait(false);
                return;
            case CaseDeputyScored scored:
                await desk.ScoreAsync(id, actor, scored.Score, scored.Remark, cancellationToken).ConfigureAwait(false);
                return;
            case CaseWrittenReportFiled written:
                await desk.FileWrittenReportAsync(id, actor, written.Addressee, written.Text, cancellationToken).ConfigureAwait(false);
                return;
        }

        var action = e.Payload switch
        {
            CaseDeclined p => new DeskAction(CaseTrigger.Decline, Text: p.Reason),
            CaseDispatched p => new DeskAction(CaseTrigger.Dispatch, p.Unit),
            CaseResolved p => new DeskAction(CaseTrigger.Resolve, Text: p.Reply),
            CaseRejected p => new DeskAction(CaseTrigger.Reject, Text: p.Reason),
            CaseCalledBack p => new DeskAction(CaseTrigger.CallBack, Text: p.Note),
            CaseRated p => new DeskAction(CaseTrigger.Rate, Rating: p.Rating),
            CaseReturned p => new DeskAction(CaseTrigger.Return, Text: p.Reason),
            CaseSuspended p => new DeskAction(CaseTrigger.Suspend, Text: p.Reason),
            CaseExtensionRequested p => new DeskAction(CaseTrigger.RequestExtension, Text: p.Reason, Limit: p.Limit),
            CaseExtensionGranted p => new DeskAction(CaseTrigger.GrantExtension, Limit: p.Limit),
            CaseExtensionDenied p => new DeskAction(CaseTrigger.DenyExtension, Text: p.Reason),
            CaseEscalated p => new DeskAction(CaseTrigger.Escalate, p.Unit, p.Reason),
            CaseReopened p => new DeskAction(CaseTrigger.Reopen, Text: p.Reason),
            CaseWithdrawn p => new DeskAction(CaseTrigger.Withdraw, Text: p.Reason),
            CaseHandedOff p => new DeskAction(CaseTrigger.HandOff, p.Body, p.Reason),
            CaseHandedBack p => new DeskAction(CaseTrigger.HandBack, Text: p.Note),
            CaseSupervised p => new DeskAction(CaseTrigger.Supervise, Text: p.Note),
            CaseInstructed p => new DeskAction(CaseTrigger.Instruct, Text: p.Instruction),
            CaseSummoned p => new DeskAction(CaseTrigger.Summon, Text: p.Note, Limit: p.Limit, Departments: p.Departments),
            CaseReportedIn p => new DeskAction(CaseTrigger.ReportIn, p.Department),
            CaseMerged p => new DeskAction(CaseTrigger.Merge, Text: p.Reason, Into: p.Into),
            _ when e.Trigger is { } trigger => new DeskAction(trigger),
            _ => null, // not an action (a person's events are all transitions): nothing to play
        };
        if (action is not null)
        {
            await action.InvokeAsync(desk, id, actor, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Move(string Target, string Rule, Instant At, string Explanation);

    private static List<Move> Moves<T>(IEnumerable<CaseEvent> events, Func<T, string> target)
        where T : CaseEventPayload =>
        [.. events.Where(e => e.Actor.Kind == CaseActorKind.System && e.Payload is T && e.Cause is not null)
            .Select(e => new Move(target((T)e.Payload), e.Cause!.RuleId, e.At, e.Cause.ToString()))];

    private static void Compare(string aspect, List<Move> stored, List<Move> replayed, Duration tolerance, Func<Instant, string> local, ImmutableArray<ReplayDifference>.Builder differences)
    {
        for (var i = 0; i < Math.Max(stored.Count, replayed.Count); i++)
        {
            var s = i < stored.Count ? stored[i] : null;
            var r = i < replayed.Count ? replayed[i] : null;
            if (s is not null && r is not null && s.Target == r.Target && s.Rule == r.Rule && Duration.Max(s.At - r.At, r.At - s.At) <= tolerance)
            {
                continue;
            }

            string Describe(Move? m) => m is null ? "none" : $"to {m.Target} at {local(m.At)} by rule {m.Explanation}";
            differences.Add(new ReplayDifference($"{aspect} {i + 1}", Describe(s), Describe(r)));
        }
    }

    // The post holding the case at the end (一格五员) and its deadline: a changed post limit moves the post's escalation.
    private static void ComparePost(Case stored, Case replayed, Duration tolerance, Func<Instant, string> local, ImmutableArray<ReplayDifference>.Builder differences)
    {
        var s = stored.Post;
        var r = replayed.Post;
        if (s is null && r is null
            || s is not null && r is not null && s.Unit == r.Unit && s.Post == r.Post
               && (s.Deadline is null && r.Deadline is null || s.Deadline is { } sd && r.Deadline is { } rd && Duration.Max(sd - rd, rd - sd) <= tolerance))
        {
            return;
        }

        string Describe(CasePost? p) => p is null ? "no post" : $"{p.Unit} {p.Post}{(p.Deadline is { } d ? $" until {local(d)}" : "")}";
        differences.Add(new ReplayDifference("post", Describe(s), Describe(r)));
    }

    private static void CompareDeadline(string aspect, Case stored, Case replayed, CaseClockKind kind, Duration tolerance, Func<Instant, string> local, ImmutableArray<ReplayDifference>.Builder differences)
    {
        var s = stored.Clock(kind);
        var r = replayed.Clock(kind);
        if (s is null && r is null || s is not null && r is not null && Duration.Max(s.Deadline - r.Deadline, r.Deadline - s.Deadline) <= tolerance)
        {
            return;
        }

        string Describe(Case c, Fengqiao.Sla.SlaClock? clock) =>
            clock is null ? "no clock" : $"{local(clock.Deadline)} ({clock.Limit} from {local(clock.StartedAt)}, policy '{c.Sla.PolicyName}', {ScenarioNames.Kebab(clock.State.ToString())})";
        differences.Add(new ReplayDifference(aspect, Describe(stored, s), Describe(replayed, r)));
    }
}

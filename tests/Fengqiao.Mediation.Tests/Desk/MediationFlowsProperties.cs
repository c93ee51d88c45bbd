using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Mediation.Tests.Desk.MediationFlowsKit;
using static Fengqiao.Mediation.Tests.Desk.YumenCounty;

namespace Fengqiao.Mediation.Tests.Desk;

/// <summary>"No dispute is lost between bodies", over the real case desk, hand-off policy, ledger and mediation desk.</summary>
public class MediationFlowsProperties
{
    private static readonly Dictionary<OrgUnitId, CaseActor> Answerer = new()
    {
        [VillageCommittee] = Mediator,
        [CentreRoom] = CaseActor.Staff(new ActorId("m2"), CentreRoom),
        [Court] = Judge,
        [Police] = Officer,
        [YumenCounty.PetitionOffice] = PetitionHandler,
        [Procuratorate] = Procurator,
    };

    private sealed record Op(int Kind, int Pick, int Outcome, int Hours);

    private static readonly FsCheck.Gen<Op> OpGen =
        from kind in Gen.Choose(0, 20)
        from pick in Gen.Choose(0, 50)
        from outcome in Gen.Choose(0, 3)
        from hours in Gen.Choose(1, 120)
        select new Op(kind, pick, outcome, hours);

    private static readonly FsCheck.Gen<List<Op>> Script = Gen.ListOf(OpGen).Select(l => l.Take(60).ToList());

    [Fact]
    public void RandomFlows_NoDisputeIsLost_NoAnswerAppliedTwice_AndRefusedAnswersChangeNothing() =>
        PropertyCheck.ForAll(Script, ops => RunAsync(ops, restartEachStep: false).GetAwaiter().GetResult(), 0.5);

    [Fact]
    public void RandomFlows_HostRestartedBeforeEachStep_LoseNothingAndEndAsTheUninterruptedRun() =>
        PropertyCheck.ForAll(Script, ops =>
        {
            var live = RunAsync(ops, restartEachStep: false).GetAwaiter().GetResult();
            var restarted = RunAsync(ops, restartEachStep: true).GetAwaiter().GetResult();

            // Same hand-offs with the same histories, and the same case histories: a restart changes nothing.
            var a = Describe(live.Ledger);
            var b = Describe(restarted.Ledger);
            var diff = a.Zip(b).FirstOrDefault(p => p.First != p.Second);
            Assert.True(diff == default && a.Count == b.Count, $"live: {diff.First}\nrestarted: {diff.Second}");
            Assert.Equal(live.Store.Count, restarted.Store.Count);
        }, 0.25);

    private static async Task<MediationFlowsKit> RunAsync(List<Op> ops, bool restartEachStep)
    {
        var kit = new MediationFlowsKit();
        var cases = new List<CaseId>();
        var n = 0;
        foreach (var op in ops)
        {
            n++;
            if (restartEachStep)
            {
                kit = kit.Restarted();
                // The script picks hand-offs by reading the ledger directly, as a host does only after CatchUpAsync: the
                // ledger rebuilds itself on the first desk call, which the Accept_FirstCallAfterARestart… tests cover.
                await kit.Mediation.CatchUpAsync();
            }

            if (op.Kind >= 18)
            {
                await ChangeLimitAsync(kit, op);
                await AssertConsistentAsync(kit, cases);
                continue;
            }

            // Kinds 12-17 are extra acceptances and conclusions, so that scripts reach the return flows often.
            switch (op.Kind > 11 ? (op.Kind % 2 == 0 ? 4 : 6) : op.Kind)
            {
                case 0:
                    cases.Add(await RegisterRoutedAsync(kit, Report("petition-remedy-labour", $"玉信-{n}", CaseChannel.PetitionOffice), PetitionClerk));
                    break;
                case 1:
                    cases.Add(await RegisterRoutedAsync(kit, Report("police-on-site-traffic", $"玉公交-{n}"), Dispatcher));
                    break;
                case 2:
                case 3:
                {
                    var c = await kit.RegisterAsync(Report("debt", $"引-{n}"));
                    cases.Add(c.Id);
                    var purpose = op.Kind == 2 ? HandOffPurpose.CourtPreFilingDiversion : HandOffPurpose.ProcuratorateReferral;
                    await kit.Mediation.HandOffAsync(c.Id, Dispatcher, op.Pick % 2 == 0 ? VillageCommittee : CentreRoom, purpose, "委派调解");
                    break;
                }

                case 4:
                    if (Pick(kit, HandOffStatus.Sent, op) is { } toAccept)
                    {
                        await kit.Mediation.AcceptAsync(toAccept.Key, Answerer[toAccept.To]);
                    }

                    break;
                case 5:
                    if (Pick(kit, HandOffStatus.Sent, op) is { } toDecline)
                    {
                        await kit.Mediation.DeclineAsync(toDecline.Key, Answerer[toDecline.To], "不属于本单位受理范围");
                    }

                    break;
                case 6:
                    if (Pick(kit, HandOffStatus.Accepted, op) is { } toConclude)
                    {
                        await kit.Mediation.ConcludeAsync(toConclude.Key, Answerer[toConclude.To], Conclusion(op.Outcome, kit.Clock.GetCurrentInstant()));
                    }

                    break;
                case 7:
                    await RefusedAsync(kit, cases, () => Answer(kit, new CorrelationKey($"无此编号-{n}"), Judge, op.Outcome));
                    break;
                case 8:
                {
                    var closed = InKeyOrder(kit).Where(h => !h.IsPending).ToList();
                    if (closed.Count > 0)
                    {
                        var h = closed[op.Pick % closed.Count];
                        await RefusedAsync(kit, cases, () => Answer(kit, h.Key, Answerer[h.To], op.Outcome));
                    }

                    break;
                }

                case 9:
                {
                    // An answer the status does not permit: conclude before acceptance, or accept/decline twice.
                    var pending = InKeyOrder(kit).Where(h => h.IsPending).ToList();
                    if (pending.Count > 0)
                    {
                        var h = pending[op.Pick % pending.Count];
                        var actor = Answerer[h.To];
                        await RefusedAsync(kit, cases, h.Status == HandOffStatus.Sent
                            ? () => kit.Mediation.ConcludeAsync(h.Key, actor, Conclusion(op.Outcome, kit.Clock.GetCurrentInstant()))
                            : () => kit.Mediation.AcceptAsync(h.Key, actor));
                    }

                    break;
                }

                case 10:
                    kit.Clock.Advance(Duration.FromHours(op.Hours));
                    break;
                default:
                    await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);
                    break;
            }

            await AssertConsistentAsync(kit, cases);
            await AssertLedgerIsItsEventsAsync(kit);
        }

        // Paused clocks do not run out: resume them first (the excluded step ended).
        foreach (var h in kit.Ledger.All().Where(h => h.IsPending && h.Clock?.Clock.State == Fengqiao.Sla.SlaClockState.Paused))
        {
            await kit.Mediation.ResumeAsync(h.Key, Answerer[h.To]);
        }

        // Long after every limit: whatever is still pending must have been flagged overdue. (The desk's own sweep may
        // still route a case whose policy was refused earlier; sweep again until nothing new is sent.)
        for (var round = 0; round < 4; round++)
        {
            var sent = kit.Ledger.All().Length;
            kit.Clock.Advance(Duration.FromDays(150));
            var swept = await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);
            Assert.Empty(swept.Failures);
            if (kit.Ledger.All().Length == sent)
            {
                break;
            }
        }

        foreach (var h in kit.Ledger.All())
        {
            var accepted = h.History.Count(e => e.Kind == HandOffEventKind.Accepted);
            var closing = h.History.Count(e => e.Kind is HandOffEventKind.Concluded or HandOffEventKind.Declined);
            Assert.True(accepted <= 1 && closing <= 1, $"{h} was answered twice");
            var fate = h.Status switch
            {
                HandOffStatus.Concluded => accepted == 1 && closing == 1,
                HandOffStatus.Declined => accepted == 0 && closing == 1,
                _ => h.OverdueFlaggedAt is not null,
            };
            Assert.True(fate, $"{h} is neither accepted and concluded, declined and returned, nor flagged overdue");

            // Every hand-off is an event on its case.
            var history = await kit.HistoryAsync(h.CaseId);
            Assert.Contains(history, e => e.Trigger == CaseTrigger.HandOff && kit.Mediation.KeyOf(e) == h.Key);
        }

        await AssertConsistentAsync(kit, cases);
        await AssertLedgerIsItsEventsAsync(kit);
        Assert.Empty(kit.Mediation.ProjectionFailures);
        return kit;
    }

    // An extension, a pause or a resumption of a pending hand-off; the hand-off may refuse it (no clock, no extension
    // left, not paused), and then nothing changes.
    private static async Task ChangeLimitAsync(MediationFlowsKit kit, Op op)
    {
        var pending = InKeyOrder(kit).Where(h => h.IsPending).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var h = pending[op.Pick % pending.Count];
        var actor = Answerer[h.To];
        var before = (await kit.CaseAsync(h.CaseId)).Version;
        try
        {
            var after = op.Kind switch
            {
                18 => await kit.Mediation.ExtendAsync(h.Key, actor, Fengqiao.Sla.TimeLimit.WorkingDays(op.Outcome + 1), "双方同意延长"),
                19 => await kit.Mediation.PauseAsync(h.Key, actor, "伤残鉴定"),
                _ => await kit.Mediation.ResumeAsync(h.Key, actor),
            };
            Assert.Equal(h.History.Length + 1, after.History.Length);
            Assert.Equal(before + 1, (await kit.CaseAsync(h.CaseId)).Version);
        }
        catch (HandOffRefusedException)
        {
            Assert.Equal(h.History, kit.Ledger.Get(h.Key).History);
            Assert.Equal(before, (await kit.CaseAsync(h.CaseId)).Version);
        }
    }

    // The ledger is a projection: folding every stored history into a fresh ledger gives the ledger built live.
    private static async Task AssertLedgerIsItsEventsAsync(MediationFlowsKit kit)
    {
        var rebuilt = new HandOffLedger(Calendar);
        await foreach (var history in kit.Desk.ReadHistoriesAsync())
        {
            rebuilt.ProjectAll(history);
        }

        Assert.Equal(Describe(kit.Ledger), Describe(rebuilt));
    }

    private static List<string> Describe(HandOffLedger ledger) =>
        [.. ledger.All().Select(h => $"{h} sent {h.SentAt} by {h.SentBy} mediator {h.Mediator} due {h.Clock?.Clock.Deadline} " +
            string.Join(" | ", h.History.Select(e => $"{e} at {e.At} by {e.Actor}: {e.Text}"))).Order(StringComparer.Ordinal)];

    // The policy hands these to mediation at once; on a day no mediator is on duty it refuses, and the case stays
    // registered with its holder (a documented policy failure, not a lost dispute).
    private static async Task<CaseId> RegisterRoutedAsync(MediationFlowsKit kit, CaseReport report, CaseActor by)
    {
        try
        {
            return (await kit.RegisterAsync(report, by)).Id;
        }
        catch (Fengqiao.Cases.Desk.CasePolicyException e)
        {
            Assert.Equal(CaseState.Registered, e.Case.State);
            return e.Case.Id;
        }
    }

    // A rebuilt ledger lists hand-offs case by case, not in the order sent: scripts pick in key order, so that a run
    // with restarts makes the same choices as one without.
    private static List<HandOff> InKeyOrder(MediationFlowsKit kit) => [.. kit.Ledger.All().OrderBy(h => h.Key.Value, StringComparer.Ordinal)];

    private static HandOff? Pick(MediationFlowsKit kit, HandOffStatus status, Op op)
    {
        var candidates = InKeyOrder(kit).Where(h => h.Status == status).ToList();
        return candidates.Count == 0 ? null : candidates[op.Pick % candidates.Count];
    }

    private static MediationConclusion Conclusion(int outcome, Instant now) => outcome switch
    {
        0 => MediationConclusion.Agreement("协议条款", now),
        1 => MediationConclusion.PartialAgreement("部分协议", now),
        2 => MediationConclusion.Failure("调解不成"),
        _ => MediationConclusion.Withdrawal("申请人撤回"),
    };

    private static Task Answer(MediationFlowsKit kit, CorrelationKey key, CaseActor actor, int which) => (which % 3) switch
    {
        0 => kit.Mediation.AcceptAsync(key, actor),
        1 => kit.Mediation.DeclineAsync(key, actor, "不予受理"),
        _ => kit.Mediation.ConcludeAsync(key, actor, Conclusion(which, kit.Clock.GetCurrentInstant())),
    };

    // The answer must be refused with the typed exception, and neither the ledger nor any case may change.
    private static async Task RefusedAsync(MediationFlowsKit kit, List<CaseId> cases, Func<Task> answer)
    {
        var events = kit.Ledger.Events.Count;
        var versions = new List<long>();
        foreach (var id in cases)
        {
            versions.Add((await kit.CaseAsync(id)).Version);
        }

        await Assert.ThrowsAsync<HandOffRefusedException>(answer);

        Assert.Equal(events, kit.Ledger.Events.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(versions[i], (await kit.CaseAsync(cases[i])).Version);
        }
    }

    // Never lost: a case is handed off exactly when one of its hand-offs is pending, and to that hand-off's body.
    private static async Task AssertConsistentAsync(MediationFlowsKit kit, List<CaseId> cases)
    {
        foreach (var id in cases)
        {
            var c = await kit.CaseAsync(id);
            var pending = kit.Ledger.ForCase(id).Where(h => h.IsPending).ToList();
            if (c.State == CaseState.HandedOff)
            {
                var h = Assert.Single(pending);
                Assert.Equal(h.To, c.HandedOffTo);
            }
            else
            {
                Assert.Empty(pending);
            }
        }
    }
}

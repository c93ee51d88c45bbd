using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.HandOffs;

public class HandOffLedgerProperties
{
    private static readonly HandOffPurpose[] Sendable =
    [
        HandOffPurpose.CourtPreFilingDiversion, HandOffPurpose.CourtReturnToFiling, HandOffPurpose.PoliceFollowUpMediation,
        HandOffPurpose.PetitionMediationFirst, HandOffPurpose.PetitionReturn, HandOffPurpose.ProcuratorateReferral,
        HandOffPurpose.ProcuratorateReturn, HandOffPurpose.CentreReferral,
    ];

    private static readonly HandOffOutcome[] Outcomes =
        [HandOffOutcome.Agreement, HandOffOutcome.PartialAgreement, HandOffOutcome.Failure, HandOffOutcome.Withdrawal];

    private static readonly DisputeType[] Types = [DisputeType.Debt, DisputeType.Medical, DisputeType.Labour, DisputeType.Neighbour];

    private sealed record Op(int Kind, int Key, int Purpose, int Outcome, int Type, int Hours);

    private static readonly FsCheck.Gen<Op> OpGen =
        from kind in Gen.Choose(0, 6)
        from key in Gen.Choose(0, 5)
        from purpose in Gen.Choose(0, Sendable.Length - 1)
        from outcome in Gen.Choose(0, Outcomes.Length - 1)
        from type in Gen.Choose(0, Types.Length - 1)
        from hours in Gen.Choose(0, 96)
        select new Op(kind, key, purpose, outcome, type, hours);

    private static readonly FsCheck.Gen<List<Op>> Script = Gen.ListOf(OpGen).Select(l => l.Take(60).ToList());

    [Fact]
    public void RandomAnswers_NoHandOffIsLost_RefusedAnswersChangeNothing_AndEveryHandOffIsClosedPendingInTimeOrFlagged()
    {
        PropertyCheck.ForAll(Script, ops =>
        {
            var ledger = new HandOffLedger(Calendar);
            var now = At(2025, 1, 6, 9);
            var sent = new List<CorrelationKey>();
            foreach (var op in ops)
            {
                now = now.Plus(Duration.FromHours(op.Hours));
                var key = Key("K-" + op.Key);
                var eventsBefore = ledger.Events;
                var allBefore = ledger.All();
                ledger.TryGet(key, out var before);
                try
                {
                    switch (op.Kind)
                    {
                        case 0:
                            ledger.Send(Request(key.Value, Sendable[op.Purpose], now, Types[op.Type]));
                            sent.Add(key);
                            break;
                        case 1:
                            ledger.Accept(key, now, MediatorLi);
                            break;
                        case 2:
                            ledger.Decline(key, now, MediatorLi, "not ours");
                            break;
                        case 3:
                            ledger.Conclude(key, now, MediatorLi, Outcomes[op.Outcome]);
                            break;
                        case 4:
                            ledger.Sweep(now);
                            AssertEveryHandOffAccountedFor(ledger, now);
                            break;
                        case 5:
                            var ghost = Assert.Throws<HandOffRefusedException>(() => ledger.Accept(Key("ghost-" + op.Key), now, MediatorLi));
                            Assert.Equal(HandOffRefusal.UnknownKey, ghost.Refusal);
                            break;
                        default:
                            ledger.Extend(key, TimeLimit.CalendarDays(30), now, MediatorLi, "all parties consent");
                            break;
                    }

                    // An applied answer appends exactly the hand-off's new steps.
                    if (op.Kind is >= 1 and <= 3 or 6)
                    {
                        var after = ledger.Get(key);
                        Assert.Equal(eventsBefore.AddRange(after.History.Skip(before!.History.Length)), ledger.Events);
                        Assert.True(before.IsPending, "an answer was applied to a closed hand-off");
                    }
                }
                catch (HandOffRefusedException e)
                {
                    Assert.Same(eventsBefore, ledger.Events);
                    Assert.True(allBefore.SequenceEqual(ledger.All(), (a, b) => ReferenceEquals(a, b)), "a refused answer changed a hand-off");
                    var expected = op.Kind == 0 ? HandOffRefusal.DuplicateKey
                        : before is null ? HandOffRefusal.UnknownKey
                        : !before.IsPending ? HandOffRefusal.AlreadyClosed
                        : e.Refusal;
                    Assert.Equal(expected, e.Refusal);
                    Assert.Equal(key, e.Key);
                }

                Assert.Equal(sent, ledger.All().Select(h => h.Key));
            }

            // Long after: everything still open has been flagged; nothing vanished.
            var later = At(2026, 9, 1);
            ledger.Sweep(later);
            AssertEveryHandOffAccountedFor(ledger, later);
            Assert.All(ledger.All(), h => Assert.True(!h.IsPending || h.OverdueFlaggedAt is not null, h.ToString()));
            Assert.Equal(sent.Count, ledger.Events.Count(e => e.Kind == HandOffEventKind.Sent));
        }, runsScale: 0.5);
    }

    [Fact]
    public void AppraisalPause_OnAMedicalHandOff_MovesTheDeadlineByExactlyThePausedWorkingTime()
    {
        var gen = from startHours in Gen.Choose(0, 24 * 20) from lengthHours in Gen.Choose(0, 24 * 30) select (startHours, lengthHours);

        PropertyCheck.ForAll(gen, input =>
        {
            var ledger = new HandOffLedger(Calendar);
            var accepted = At(2025, 3, 3, 9);
            ledger.Send(Request("M", HandOffPurpose.PetitionMediationFirst, accepted, DisputeType.Medical));
            var before = ledger.Accept(Key("M"), accepted, MediatorLi).Clock!.Clock.Deadline;
            var pause = accepted.Plus(Duration.FromHours(input.startHours));
            var resume = pause.Plus(Duration.FromHours(input.lengthHours));

            ledger.PauseForExclusion(Key("M"), pause, MediatorLi, "appraisal 鉴定");
            var after = ledger.Resume(Key("M"), resume, MediatorLi).Clock!.Clock.Deadline;

            Assert.Equal(Calendar.AddWorkingTime(before, Calendar.WorkingTimeBetween(pause, resume)), after);
        }, runsScale: 0.5);
    }

    private static void AssertEveryHandOffAccountedFor(HandOffLedger ledger, Instant now)
    {
        foreach (var h in ledger.All())
        {
            var accounted = h.Status switch
            {
                HandOffStatus.Concluded => h.Outcome is not null,
                HandOffStatus.Declined => h.History[^1].Kind == HandOffEventKind.Declined && !string.IsNullOrWhiteSpace(h.History[^1].Text),
                _ => !h.IsOverdueAt(now) || h.OverdueFlaggedAt is not null,
            };
            Assert.True(accounted, $"{h} is not accounted for at {now}");
        }
    }
}

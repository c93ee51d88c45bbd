using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Lifecycles;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;

namespace Fengqiao.Cases.Tests.CaseLifecycle;

public class CaseLifecyclesTests
{
    private static readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> Default = CaseLifecycles.Default;
    private static readonly CaseTransitionArgs None = CaseTransitionArgs.None;

    private static CaseState Walk(CaseState state, params (CaseTrigger Trigger, CaseTransitionArgs Args)[] steps)
    {
        foreach (var (trigger, args) in steps)
        {
            state = Default.Fire(state, trigger, args).Destination;
        }

        return state;
    }

    [Fact]
    public void Default_MainPath_ReachesClosed()
    {
        var state = Walk(
            Default.InitialState,
            (CaseTrigger.Accept, None),
            (CaseTrigger.Dispatch, new() { TargetUnit = new Fengqiao.Cases.Organisation.OrgUnitId("community-3") }),
            (CaseTrigger.Claim, None),
            (CaseTrigger.Start, None),
            (CaseTrigger.Resolve, new() { Reply = "the street lamp was repaired" }),
            (CaseTrigger.SubmitForReview, None),
            (CaseTrigger.Reject, new() { Reason = "the reply does not use standard language" }),
            (CaseTrigger.Resolve, new() { Reply = "the street lamp on Renmin Road was repaired on 3 May" }),
            (CaseTrigger.SubmitForReview, None),
            (CaseTrigger.Approve, None),
            (CaseTrigger.CallBack, None),
            (CaseTrigger.Rate, new() { Rating = CaseRating.Satisfied }),
            (CaseTrigger.Close, None));

        Assert.Equal(CaseState.Closed, state);
    }

    [Fact]
    public void Default_UnsatisfiedDeputyReopensClosedCase_StartsNewCycle()
    {
        var state = Walk(
            CaseState.Closed,
            (CaseTrigger.Rate, new() { Rating = CaseRating.Unsatisfied }),
            (CaseTrigger.Reopen, new() { Reason = "deputy unsatisfied: noise continues" }),
            (CaseTrigger.Claim, None),
            (CaseTrigger.Start, None));

        Assert.Equal(CaseState.InProgress, state);
    }

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Claimed)]
    [InlineData(CaseState.InProgress)]
    [InlineData(CaseState.Escalated)]
    public void Resume_ReturnsToTheStateSuspendedFrom(CaseState from)
    {
        var suspended = Default.Fire(from, CaseTrigger.Suspend, new() { Reason = "the citizen is abroad" }).Destination;

        var resumed = Default.Fire(suspended, CaseTrigger.Resume, new() { ReturnTo = from });

        Assert.Equal(CaseState.Suspended, suspended);
        Assert.Equal(from, resumed.Destination);
    }

    [Fact]
    public void Resume_WithoutHandlingState_IsRefusedWithReason()
    {
        var outcome = Default.TryFire(CaseState.Suspended, CaseTrigger.Resume, new() { ReturnTo = CaseState.Closed });

        Assert.Equal(TransitionStatus.GuardFailed, outcome.Status);
        Assert.Equal(["the state to return to must be a handling state"], outcome.FailedGuards);
    }

    [Fact]
    public void HandOff_FromRegistered_HandsBackToRegistered()
    {
        var state = Walk(
            CaseState.Registered,
            (CaseTrigger.HandOff, new() { TargetUnit = new Fengqiao.Cases.Organisation.OrgUnitId("people's mediation committee") }),
            (CaseTrigger.HandBack, new() { ReturnTo = CaseState.Registered }));

        Assert.Equal(CaseState.Registered, state);
    }

    [Theory]
    [InlineData(CaseTrigger.Supervise)]
    [InlineData(CaseTrigger.Instruct)]
    public void SuperviseAndInstruct_AreInternalEverywhereOpen(CaseTrigger trigger)
    {
        foreach (var state in new[] { CaseState.Registered, CaseState.Claimed, CaseState.Suspended, CaseState.CallbackPending })
        {
            var outcome = Default.Fire(state, trigger, None);
            Assert.Equal(TransitionKind.Internal, outcome.Kind);
            Assert.Equal(state, outcome.Destination);
        }

        Assert.False(Default.CanFire(CaseState.Closed, trigger, None));
    }

    [Fact]
    public void Extension_IsAnInternalTransitionWhileHandling()
    {
        Assert.Equal(
            TransitionKind.Internal,
            Default.Fire(CaseState.InProgress, CaseTrigger.RequestExtension, new() { Reason = "waiting for an expert opinion" }).Kind);
        Assert.Equal(TransitionStatus.GuardFailed, Default.TryFire(CaseState.InProgress, CaseTrigger.RequestExtension, None).Status);
        Assert.Equal(TransitionStatus.NotPermitted, Default.TryFire(CaseState.Resolved, CaseTrigger.RequestExtension, None).Status);
    }

    [Fact]
    public void Dispatch_BeforeClaim_ReentersDispatched()
    {
        var outcome = Default.Fire(CaseState.Dispatched, CaseTrigger.Dispatch, new() { TargetUnit = new Fengqiao.Cases.Organisation.OrgUnitId("housing department") });

        Assert.Equal(TransitionKind.Reentry, outcome.Kind);
        Assert.Equal(CaseState.Dispatched, outcome.Destination);
    }

    [Fact]
    public void Resolve_ByClaimedCase_IsRefusedNamingPermittedTriggers()
    {
        var e = Assert.Throws<TransitionRefusedException>(() => Default.Fire(CaseState.Claimed, CaseTrigger.Resolve, new() { Reply = "done" }));

        Assert.Equal(
            "Trigger 'Resolve' is not permitted in state 'Claimed'. Nothing changed. Permitted triggers: " +
            "Start, Withdraw, GrantExtension, Supervise, Instruct, Summon, ReportIn, AssignDeputy.",
            e.Message);
    }

    [Fact]
    public void Decline_WithoutReason_IsRefusedWithReason()
    {
        var e = Assert.Throws<TransitionRefusedException>(() => Default.Fire(CaseState.Registered, CaseTrigger.Decline, None));

        Assert.Equal(["a reason must be given"], e.FailedGuards);
    }

    [Fact]
    public void IsInState_HonoursOpenAndHandling()
    {
        Assert.True(Default.IsInState(CaseState.Dispatched, CaseState.Handling));
        Assert.True(Default.IsInState(CaseState.Dispatched, CaseState.Open));
        Assert.False(Default.IsInState(CaseState.Resolved, CaseState.Handling));
        Assert.False(Default.IsInState(CaseState.Closed, CaseState.Open));
    }

    [Fact]
    public void Describe_EveryStateHasItsChineseLabel()
    {
        var labels = Default.Describe().States.ToDictionary(s => s.State, s => s.Label);

        Assert.Equal(Enum.GetValues<CaseState>().Length, labels.Count);
        Assert.Equal("Registered 登记", labels[CaseState.Registered]);
        Assert.Equal("Declined 不予受理", labels[CaseState.Declined]);
        Assert.All(labels.Values, l => Assert.Matches(@"^[A-Za-z]+ \S+$", l));
    }

    [Fact]
    public void CreateDefaultBuilder_CountySkipsReview_BuildsAfterRemovingUnderReview()
    {
        var b = CaseLifecycles.CreateDefaultBuilder();
        b.Configure(CaseState.Resolved).Remove(CaseTrigger.SubmitForReview).Permit(CaseTrigger.Approve, CaseState.CallbackPending);

        var e = Assert.Throws<LifecycleDefinitionException>(() => b.Build());

        Assert.Equal(CaseState.UnderReview, Assert.Single(e.Problems).State);
    }

    [Fact]
    public void CreateDefaultBuilder_CountySkipsReview_RemovingUnderReviewBuilds()
    {
        var b = CaseLifecycles.CreateDefaultBuilder();
        b.Configure(CaseState.Resolved).Remove(CaseTrigger.SubmitForReview).Permit(CaseTrigger.Approve, CaseState.CallbackPending);
        b.Remove(CaseState.UnderReview);

        var county = b.Build();

        Assert.Equal(CaseState.CallbackPending, county.Fire(CaseState.Resolved, CaseTrigger.Approve, None).Destination);
        Assert.DoesNotContain(county.Describe().States, s => s.State == CaseState.UnderReview);
        Assert.Throws<ArgumentException>(() => county.Fire(CaseState.UnderReview, CaseTrigger.Approve, None));
    }

    [Fact]
    public void Remove_StateStillTargeted_BuildReportsUndeclaredState()
    {
        var b = CaseLifecycles.CreateDefaultBuilder();
        b.Remove(CaseState.Suspended);

        var e = Assert.Throws<LifecycleDefinitionException>(() => b.Build());

        var problem = Assert.Single(e.Problems);
        Assert.Equal(LifecycleDefinitionProblemKind.UndeclaredState, problem.Kind);
        Assert.Equal("Trigger 'Suspend' in state 'Handling' leads to 'Suspended', which is not configured.", problem.Message);
        Assert.Throws<ArgumentException>(() => b.Remove(CaseState.Registered));
    }

    [Fact]
    public void CreateDefaultBuilder_CountyAddsAGuard_DefaultUnaffected()
    {
        var onlyHoldingUnit = new LifecycleGuard<CaseTransitionArgs>("only the unit holding the case may resolve it", a => a.TargetUnit == new Fengqiao.Cases.Organisation.OrgUnitId("grid-7"));
        var b = CaseLifecycles.CreateDefaultBuilder();
        b.Configure(CaseState.InProgress).Remove(CaseTrigger.Resolve)
            .Permit(CaseTrigger.Resolve, CaseState.Resolved, CaseGuards.ReplyGiven, onlyHoldingUnit);
        var county = b.Build();

        var refused = county.TryFire(CaseState.InProgress, CaseTrigger.Resolve, new() { Reply = "fixed", TargetUnit = new Fengqiao.Cases.Organisation.OrgUnitId("grid-8") });

        Assert.Equal(["only the unit holding the case may resolve it"], refused.FailedGuards);
        Assert.True(Default.TryFire(CaseState.InProgress, CaseTrigger.Resolve, new() { Reply = "fixed" }).IsCompleted);
    }

    [Fact]
    public void CaseTransitionArgs_ToString_DoesNotPrintContent()
    {
        var text = new CaseTransitionArgs { Reason = "Zhang San, phone 138…", Rating = CaseRating.Unsatisfied }.ToString();

        Assert.Equal("CaseTransitionArgs(Reason, Rating=Unsatisfied)", text);
    }

    [Fact]
    public void Default_ToMermaid_MatchesSnapshot()
    {
        Snapshot.Match(Default.Describe().ToMermaid());
    }

    [Fact]
    public void Default_ToDot_MatchesSnapshot()
    {
        Snapshot.Match(Default.Describe().ToDot());
    }

    [Fact]
    public void Default_RandomTriggerSequences_AcceptedStepsAreEdgesAndRefusalsChangeNothing()
    {
        var model = Default.Describe();
        var states = Enum.GetValues<CaseState>();
        var argsGen =
            from reason in Gen.Elements<string?>(null, "", "because")
            from unit in Gen.Elements<Fengqiao.Cases.Organisation.OrgUnitId?>(null, new Fengqiao.Cases.Organisation.OrgUnitId("grid-7"))
            from reply in Gen.Elements<string?>(null, "done")
            from rating in Gen.Elements(Enum.GetValues<CaseRating>())
            from returnTo in Gen.Elements<CaseState?>([null, .. states.Select(s => (CaseState?)s)])
            select new CaseTransitionArgs { Reason = reason, TargetUnit = unit, Reply = reply, Rating = rating, ReturnTo = returnTo };
        var stepGen =
            from trigger in Gen.Elements(Enum.GetValues<CaseTrigger>())
            from args in argsGen
            select (trigger, args);

        PropertyCheck.ForAll(Gen.ListOf(stepGen, 60), steps =>
        {
            var state = Default.InitialState;
            foreach (var (trigger, args) in steps)
            {
                var outcome = Default.TryFire(state, trigger, args);
                if (outcome.IsCompleted)
                {
                    Assert.Contains(model.Transitions, t =>
                        t.Trigger == trigger
                        && Default.IsInState(state, t.Source)
                        && (t.Kind == TransitionKind.External ? t.Destinations.Contains(outcome.Destination) : outcome.Destination == state));
                    Assert.Empty(outcome.Effects);
                }
                else
                {
                    Assert.Equal(state, outcome.Destination);
                    Assert.Equal(state, outcome.Source);
                    Assert.Equal(outcome.Status == TransitionStatus.GuardFailed, outcome.FailedGuards.Count > 0);
                    Assert.DoesNotContain(trigger, outcome.PermittedTriggers);
                }

                Assert.NotEqual(CaseState.Open, outcome.Destination);
                Assert.NotEqual(CaseState.Handling, outcome.Destination);
                state = outcome.Destination;
            }
        });
    }
}

using Fengqiao.Lifecycles;
using Fengqiao.TestSupport;

namespace Fengqiao.Core.Tests.Lifecycles;

public class LifecycleBuilderTests
{
    private static LifecycleDefinitionException BuildFails(LifecycleBuilder<S, T, Args> builder) =>
        Assert.Throws<LifecycleDefinitionException>(() => builder.Build());

    [Fact]
    public void Build_ValidDefinition_Succeeds()
    {
        var lifecycle = TestModel.Build();

        Assert.Equal(S.Start, lifecycle.InitialState);
    }

    [Fact]
    public void Build_UnreachableState_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Island).Permit(T.Begin, S.Working);

        var e = BuildFails(b);

        var problem = Assert.Single(e.Problems);
        Assert.Equal(LifecycleDefinitionProblemKind.UnreachableState, problem.Kind);
        Assert.Equal(S.Island, problem.State);
        Assert.Contains("'Island' cannot be reached from the initial state 'Start'", e.Message);
    }

    [Fact]
    public void Build_DeadEnd_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Working).Permit(T.Boom, S.Island);
        b.Configure(S.Island);

        var e = BuildFails(b);

        var problem = Assert.Single(e.Problems);
        Assert.Equal(LifecycleDefinitionProblemKind.DeadEnd, problem.Kind);
        Assert.Equal(S.Island, problem.State);
    }

    [Fact]
    public void Build_DeadEndMarkedTerminal_Succeeds()
    {
        var b = TestModel.Builder();
        b.Configure(S.Working).Permit(T.Boom, S.Island);
        b.Configure(S.Island).Terminal();

        b.Build();
    }

    [Fact]
    public void Build_SubstateInheritsWayOut_IsNotDeadEnd()
    {
        var b = TestModel.Builder();
        b.Configure(S.Working).Permit(T.Boom, S.Island);
        b.Configure(S.Island).SubstateOf(S.Active);

        b.Build();
    }

    [Fact]
    public void Build_DuplicateWithoutGuards_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Start).Permit(T.Begin, S.Waiting);

        var e = BuildFails(b);

        var problem = Assert.Single(e.Problems);
        Assert.Equal(LifecycleDefinitionProblemKind.DuplicateTransition, problem.Kind);
        Assert.Equal(T.Begin, problem.Trigger);
    }

    [Fact]
    public void Build_DuplicateWithSameGuards_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Waiting).Permit(T.Finish, S.Done, TestModel.Allowed).Permit(T.Finish, S.Working, TestModel.Allowed);

        var e = BuildFails(b);

        Assert.Equal(LifecycleDefinitionProblemKind.DuplicateTransition, Assert.Single(e.Problems).Kind);
    }

    [Fact]
    public void Build_TransitionsToldApartByGuards_Succeeds()
    {
        var b = TestModel.Builder();
        b.Configure(S.Waiting).Permit(T.Finish, S.Done, TestModel.Allowed).Permit(T.Finish, S.Working, TestModel.ReasonGiven);

        b.Build();
    }

    [Fact]
    public void Build_UndeclaredDestination_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Working).Permit(T.Boom, S.Nowhere);

        var e = BuildFails(b);

        var problem = Assert.Single(e.Problems);
        Assert.Equal(LifecycleDefinitionProblemKind.UndeclaredState, problem.Kind);
        Assert.Contains("leads to 'Nowhere', which is not configured", problem.Message);
    }

    [Fact]
    public void Build_UndeclaredSuperstate_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Waiting).SubstateOf(S.Nowhere);

        var e = BuildFails(b);

        Assert.Contains(e.Problems, p => p.Kind == LifecycleDefinitionProblemKind.UndeclaredState && Equals(p.State, S.Waiting));
    }

    [Fact]
    public void Build_HierarchyCycle_IsReported()
    {
        var b = TestModel.Builder();
        b.Configure(S.Active).SubstateOf(S.Working);

        var e = BuildFails(b);

        Assert.Contains(e.Problems, p => p.Kind == LifecycleDefinitionProblemKind.HierarchyCycle);
    }

    [Fact]
    public void Build_SeveralProblems_ReportsAllAtOnce()
    {
        var b = TestModel.Builder();
        b.Configure(S.Island).Permit(T.Begin, S.Working);          // unreachable
        b.Configure(S.Working).Permit(T.Boom, S.Nowhere);          // undeclared destination
        b.Configure(S.Start).Permit(T.Begin, S.Waiting);           // duplicate
        b.Configure(S.Waiting).Permit(T.Boom, S.Parked).Remove(T.Continue);
        b.Configure(S.Parked).Remove(T.Unpark);                    // dead end

        var e = BuildFails(b);

        Assert.Equal(
            [LifecycleDefinitionProblemKind.DuplicateTransition, LifecycleDefinitionProblemKind.UndeclaredState,
             LifecycleDefinitionProblemKind.DeadEnd, LifecycleDefinitionProblemKind.UnreachableState],
            e.Problems.Select(p => p.Kind));
        Snapshot.Match(e.Message);
    }

    [Fact]
    public void Configure_SameStateTwice_ReturnsSameBuilder()
    {
        var b = new LifecycleBuilder<S, T, Args>(S.Start);

        Assert.Same(b.Configure(S.Start), b.Configure(S.Start));
        Assert.Equal([S.Start], b.States);
    }

    [Fact]
    public void SubstateOf_Itself_Throws()
    {
        var b = new LifecycleBuilder<S, T, Args>(S.Start);

        var e = Assert.Throws<ArgumentException>(() => b.Configure(S.Start).SubstateOf(S.Start));
        Assert.Contains("'Start' cannot be its own superstate", e.Message);
    }

    [Fact]
    public void Permit_NullGuard_ThrowsArgumentNull()
    {
        var b = new LifecycleBuilder<S, T, Args>(S.Start);

        Assert.Throws<ArgumentNullException>(() => b.Configure(S.Start).Permit(T.Begin, S.Working, null!));
        Assert.Throws<ArgumentNullException>(() => b.Configure(S.Start).Permit(T.Begin, S.Working, [null!]));
    }

    [Fact]
    public void Build_BuilderChangedAfterwards_LifecycleUnaffected()
    {
        var b = TestModel.Builder();
        var lifecycle = b.Build();
        b.Configure(S.Start).Remove(T.Begin).Permit(T.Begin, S.Waiting);

        Assert.Equal(S.Working, lifecycle.Fire(S.Start, T.Begin, new Args()).Destination);
    }
}

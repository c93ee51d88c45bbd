using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Lifecycles;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskRefusalTests
{
    private static async Task<CaseActionRefusedException> AssertRefusedUnchanged(BareCounty kit, CaseId id, Func<Task> act)
    {
        var before = await kit.Desk.FindAsync(id);
        var published = kit.Published.Count;

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(act);

        Assert.Same(before, await kit.Desk.FindAsync(id));
        Assert.Equal(published, kit.Published.Count);
        Assert.Equal(id, refused.CaseId);
        Assert.Equal(before!.State, refused.State);
        return refused;
    }

    [Fact]
    public async Task Claim_ByAWorkerOfAnotherUnit_IsUnauthorizedAndChangesNothing()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.ClaimAsync(c.Id, HousingWorker));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Contains("w2", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Claim", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_ByADeputy_IsUnauthorized()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.ResolveAsync(c.Id, Deputy, "已处理"));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task Withdraw_ByACitizenWithAnotherQueryCode_IsUnauthorized_WithTheirOwnCode_Succeeds()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var stranger = kit.Desk.Citizen(new QueryCodeGenerator().Next());

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.WithdrawAsync(c.Id, stranger));
        var withdrawn = await kit.Desk.WithdrawAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), "已自行解决");

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.DoesNotContain(c.QueryCodeDigest.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(CaseState.Withdrawn, withdrawn.State);
    }

    [Fact]
    public async Task Dispatch_ByTheDispatcherOfAnotherArea_IsUnauthorized()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        var outsider = CaseActor.Staff(new ActorId("sd"), Street);
        var elsewhere = await kit.Desk.DispatchAsync(c.Id, Dispatcher, Housing);

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.DispatchAsync(elsewhere.Id, outsider, Community));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Theory]
    [InlineData("deputy")]
    [InlineData("worker")]
    [InlineData("citizen")]
    public async Task Supervise_BySomeoneWhoIsNotALeaderOrSupervisor_IsUnauthorized(string who)
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var actor = who switch { "deputy" => Deputy, "worker" => Worker, _ => CaseActor.Citizen(c.QueryCodeDigest) };

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.SuperviseAsync(c.Id, actor, "督办"));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task SystemActor_WithoutACause_IsUnauthorized()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.AcceptAsync(c.Id, CaseActor.System));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task Resolve_InTheWrongState_IsNotPermitted_NamingThePermittedTriggers()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.ResolveAsync(c.Id, Worker, "已处理"));

        Assert.Equal(CaseRefusalKind.NotPermitted, refused.Kind);
        Assert.Contains(CaseTrigger.Claim, refused.PermittedTriggers);
        Assert.IsType<TransitionRefusedException>(refused.InnerException);
        Assert.Contains("'Dispatched'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_WithoutAReason_FailsTheGuard()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.DeclineAsync(c.Id, Dispatcher, " "));

        Assert.Equal(CaseRefusalKind.GuardFailed, refused.Kind);
        Assert.Equal(["a reason must be given"], refused.FailedGuards.ToArray());
    }

    [Fact]
    public async Task Dispatch_ToAnUnknownUnit_IsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);

        var refused = await AssertRefusedUnchanged(kit, c.Id, () => kit.Desk.DispatchAsync(c.Id, Dispatcher, new OrgUnitId("nowhere")));

        Assert.Equal(CaseRefusalKind.InvalidArgument, refused.Kind);
    }

    [Fact]
    public async Task Refusal_NeverPutsTheReportersPersonalDataInTheMessage()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ResolveAsync(c.Id, Worker, "x"));

        Assert.DoesNotContain("13812345678", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("漏水", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_OnAnUnknownCase_ThrowsCaseNotFound()
    {
        var kit = new BareCounty();

        var e = await Assert.ThrowsAsync<CaseNotFoundException>(() => kit.Desk.AcceptAsync(new CaseId("case-404"), Dispatcher));

        Assert.Equal(new CaseId("case-404"), e.CaseId);
    }

    [Fact]
    public async Task Action_WhenSomeoneElseWroteFirst_ThrowsConcurrencyConflict_AndLosesNothing()
    {
        Func<Task>? meddle = null;
        var kit = new BareCounty(wrap: s => new FaultyCaseStore(s, CaseStoreFaultRule.Always(CaseStoreOperation.Append, CaseStoreFault.Before(async _ =>
        {
            if (Interlocked.Exchange(ref meddle, null) is { } other)
            {
                await other();
            }
        }))));
        var c = await kit.DispatchedAsync();
        var other = new BareCounty(shared: kit.InMemory);
        meddle = () => other.Desk.SuperviseAsync(c.Id, Leader, "督办");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => kit.Desk.ClaimAsync(c.Id, Worker));

        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal((c.Id, c.Version, c.Version + 1), (conflict.CaseId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(CaseTrigger.Supervise, history[^1].Trigger);
        Assert.Equal(c.Version + 1, history.Count);
        Assert.DoesNotContain(kit.Published, e => e.Trigger == CaseTrigger.Claim);
    }

    [Fact]
    public async Task Action_WhenTheStoreFails_PublishesNothingAndChangesNothing()
    {
        var failing = false;
        var kit = new BareCounty(wrap: s => new FaultyCaseStore(s, CaseStoreFaultRule.Always(CaseStoreOperation.Append, CaseStoreFault.Before(_ =>
            Volatile.Read(ref failing) ? throw new IOException("the disk is full") : ValueTask.CompletedTask))));
        var c = await kit.DispatchedAsync();
        var published = kit.Published.Count;
        Volatile.Write(ref failing, true);

        await Assert.ThrowsAsync<IOException>(() => kit.Desk.ClaimAsync(c.Id, Worker));

        Assert.Equal(published, kit.Published.Count);
        Assert.Same(c, await kit.Desk.FindAsync(c.Id));
    }

    [Fact]
    public async Task Subscriber_ThatThrows_IsDroppedAndTheDeskCarriesOn()
    {
        var errors = new List<Exception>();
        var kit = new BareCounty(configure: o => o.OnSubscriberError = errors.Add);
        using var faulty = kit.Desk.Events.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));

        var c = await kit.RegisterAsync();
        var accepted = await kit.Desk.AcceptAsync(c.Id, Dispatcher);

        Assert.Equal(CaseState.Accepted, accepted.State);
        Assert.Single(errors);
        Assert.Equal(2, kit.Published.Count);
    }

    [Fact]
    public void Options_Incomplete_ReportsEveryProblemTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new CaseDesk(new CaseDeskOptions { MaxPolicySteps = 0 }));

        foreach (var problem in new[] { "SlaPolicy", "Calendar", "Store", "Clock", "Authorizer", "QueryCodeKey", "MaxPolicySteps" })
        {
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_Ctor_EnsureDefaultValues()
    {
        var options = new CaseDeskOptions();

        Assert.Same(CaseLifecycles.Default, options.Lifecycle);
        Assert.Equal("fengqiao-default/1", options.LifecycleVersion);
        Assert.Equal((8, 1, null), (options.MaxPolicySteps, options.MaxExtensions, options.MaxExtensionTotal));
        Assert.Empty(options.Policies);
        Assert.Null(options.DuplicateDetector);
        Assert.NotNull(options.QueryCodes);
        Assert.Null(options.QueryCodeKey);
    }
}

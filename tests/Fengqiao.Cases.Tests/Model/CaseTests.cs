using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Model;

public class CaseTests
{
    [Fact]
    public async Task Apply_AnEventThatSkipsAVersion_ThrowsMismatchAndLeavesTheCase()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var skipping = new CaseEvent(c.Id, 3, c.UpdatedAt, Dispatcher, c.State, CaseState.Accepted, new CaseAccepted());

        var e = Assert.Throws<CaseEventMismatchException>(() => c.Apply(skipping));

        Assert.Equal((c.Id, 1L, 3L), (e.CaseId, e.CaseVersion, e.EventVersion));
        Assert.Equal((1L, CaseState.Registered), (c.Version, c.State));
    }

    [Fact]
    public async Task Apply_AnEventOfAnotherCaseOrFromAnotherState_ThrowsMismatch()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var other = new CaseEvent(new CaseId("case-99"), 2, c.UpdatedAt, Dispatcher, c.State, CaseState.Accepted, new CaseAccepted());
        var wrongState = new CaseEvent(c.Id, 2, c.UpdatedAt, Dispatcher, CaseState.Dispatched, CaseState.Claimed, new CaseClaimed(Worker.Id));

        Assert.Throws<CaseEventMismatchException>(() => c.Apply(other));
        Assert.Throws<CaseEventMismatchException>(() => c.Apply(wrongState));
    }

    [Fact]
    public void Replay_WithoutEvents_Throws()
    {
        Assert.Throws<ArgumentException>(() => Case.Replay([], Calendar));
    }

    [Fact]
    public async Task ToString_NeverShowsPersonalData()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var history = await kit.HistoryAsync(c.Id);

        foreach (var text in history.Select(e => e.ToString()).Append(c.ToString()).Append(c.Report.ToString()).Append(history[0].Payload.ToString()))
        {
            Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
            Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
            Assert.DoesNotContain("漏水", text, StringComparison.Ordinal);
            Assert.DoesNotContain(c.QueryCodeDigest.ToString(), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenCase_KeepsTheTermsItWasRegisteredUnder_WhenTheCountyChangesItsPolicy()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var stricter = new SlaPolicyBuilder("stricter")
            .Add(new SlaRule("*", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(1) }))
            .Build();
        var newRules = new BareCounty(shared: kit.InMemory, configure: o =>
        {
            o.SlaPolicy = stricter;
            o.LifecycleVersion = "county/2";
            o.NewCaseId = () => new CaseId("case-under-new-rules");
        });

        await newRules.Desk.AcceptAsync(c.Id, Dispatcher);
        var dispatched = await newRules.Desk.DispatchAsync(c.Id, Dispatcher, Community);
        var fresh = await newRules.RegisterAsync(Report(phone: "13000000000"));

        Assert.Equal(("test county", "fengqiao-default/1"), (dispatched.Sla.PolicyName, dispatched.Registration.LifecycleVersion));
        Assert.Equal(Calendar.Deadline(Start, TimeLimit.WorkingDays(3)).Deadline, dispatched.Clock(CaseClockKind.Unit)!.Deadline);
        Assert.Equal(("stricter", "county/2"), (fresh.Sla.PolicyName, fresh.Registration.LifecycleVersion));
        Assert.Equal(BareCounty.Fingerprint(dispatched), BareCounty.Fingerprint(Case.Replay(await kit.HistoryAsync(c.Id), Calendar)));
    }

    [Fact]
    public async Task Register_CategoryTheSlaPolicyDoesNotCover_ThrowsAndStoresNothing()
    {
        var narrow = new SlaPolicyBuilder("narrow")
            .Add(new SlaRule("livelihood", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(1) }))
            .Build();
        var kit = new BareCounty(configure: o => o.SlaPolicy = narrow);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => kit.Desk.RegisterAsync(Report(category: "dispute"), Intake));

        Assert.Equal(0, kit.InMemory.Count);
        Assert.Empty(kit.Published);
    }
}

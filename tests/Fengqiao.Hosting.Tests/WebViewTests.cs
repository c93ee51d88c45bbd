using System.Text.Json;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Hosting.Web;
using NodaTime;

namespace Fengqiao.Hosting.Tests;

public class WebViewTests
{
    [Fact]
    public async Task CitizenCaseView_AnsweredCase_HasTimelineWithoutPersonalDataOrStaff()
    {
        await using var kit = HostKit.Create();
        var (dispatched, owner) = await kit.DispatchedAsync();
        var worker = Fengqiao.Cases.CaseActor.Staff(kit.County.Tree.Get(owner).Members.First(m => m.Holds(Fengqiao.Cases.Organisation.MemberRole.Worker)).Id, owner);
        await kit.County.Desk.ClaimAsync(dispatched.Id, worker);
        await kit.County.Desk.ReturnAsync(dispatched.Id, worker, "内部备注：不归我们管");
        var c = (await kit.County.Desk.FindAsync(dispatched.Id))!;

        var view = CitizenCaseView.From(c, kit.LastQueryCode, await kit.County.Desk.GetHistoryAsync(c.Id));
        var json = JsonSerializer.Serialize(view, FengqiaoJson.CreateOptions());

        Assert.Equal(kit.LastQueryCode.ToString(), view.QueryCode);
        Assert.DoesNotContain(c.QueryCodeDigest.ToString(), json, StringComparison.Ordinal);
        Assert.Equal([CaseState.Registered, CaseState.Accepted, CaseState.Dispatched, CaseState.Claimed, CaseState.Returned], view.Timeline.Select(t => t.State));
        Assert.DoesNotContain("张三", json, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", json, StringComparison.Ordinal);
        Assert.DoesNotContain("内部备注", json, StringComparison.Ordinal);
        Assert.DoesNotContain(worker.Id.Value, json, StringComparison.Ordinal);
        Assert.DoesNotContain("楼道灯", json, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"returned\"", json, StringComparison.Ordinal);
        Assert.Contains("\"registeredAt\":\"2026-03-04T03:00:00Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CitizenCaseView_WithStaffNameLookup_NamesStaffOnlyNotCitizensOrSystem()
    {
        await using var kit = HostKit.Create();
        var (dispatched, owner) = await kit.DispatchedAsync();
        var member = kit.County.Tree.Get(owner).Members.First(m => m.Holds(Fengqiao.Cases.Organisation.MemberRole.Worker));
        var worker = Fengqiao.Cases.CaseActor.Staff(member.Id, owner);
        await kit.County.Desk.ClaimAsync(dispatched.Id, worker);
        var c = (await kit.County.Desk.FindAsync(dispatched.Id))!;
        var history = await kit.County.Desk.GetHistoryAsync(c.Id);
        var looked = new List<Fengqiao.Cases.Organisation.ActorId>();

        var named = CitizenCaseView.From(c, kit.LastQueryCode, history, id => { looked.Add(id); return id == member.Id ? member.Name : null; });
        var anonymous = CitizenCaseView.From(c, kit.LastQueryCode, history, null);

        Assert.Equal(member.Name, named.HandledBy);
        Assert.Equal(member.Name, named.Timeline.Single(t => t.State == CaseState.Claimed).StaffName);
        Assert.Null(named.Timeline.Single(t => t.State == CaseState.Registered).StaffName);
        Assert.DoesNotContain(looked, id => history.Any(e => e.Actor.Id == id && e.Actor.Kind is Fengqiao.Cases.CaseActorKind.Citizen or Fengqiao.Cases.CaseActorKind.System or Fengqiao.Cases.CaseActorKind.Channel));
        Assert.Null(anonymous.HandledBy);
        Assert.All(anonymous.Timeline, t => Assert.Null(t.StaffName));
    }

    [Fact]
    public async Task AddFengqiao_Listing_IsTheStoresListingPort()
    {
        await using var kit = HostKit.Create();

        var listing = kit.Services.GetService(typeof(Fengqiao.Cases.Ports.ICaseListing));

        Assert.Same(kit.Services.GetService(typeof(Fengqiao.Cases.Ports.ICaseStore)), listing);
    }

    [Fact]
    public async Task StaffCaseView_Case_MasksReporterAndKeepsInternalText()
    {
        await using var kit = HostKit.Create();
        var (dispatched, _) = await kit.DispatchedAsync();

        var view = StaffCaseView.From(dispatched, await kit.County.Desk.GetHistoryAsync(dispatched.Id));

        Assert.Equal("张*", view.Reporter);
        Assert.DoesNotContain("12345678", view.Phone!, StringComparison.Ordinal);
        Assert.Equal("楼道灯坏了", view.Text);
        Assert.Equal(3, view.History.Length);
        Assert.Equal("STAFF:yashan-dispatcher", view.History[0].Actor);
        var json = JsonSerializer.Serialize(view, FengqiaoJson.CreateOptions());
        Assert.DoesNotContain(kit.LastQueryCode.ToString(), json, StringComparison.Ordinal);
        Assert.DoesNotContain(dispatched.QueryCodeDigest.ToString(), json, StringComparison.Ordinal);
    }

    [Fact]
    public void FengqiaoJson_Instant_RoundTripsAsIso()
    {
        var options = FengqiaoJson.CreateOptions();
        var at = Instant.FromUtc(2026, 12, 4, 8, 30);

        var json = JsonSerializer.Serialize(at, options);

        Assert.Equal("\"2026-12-04T08:30:00Z\"", json);
        Assert.Equal(at, JsonSerializer.Deserialize<Instant>(json, options));
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("42")]
    public void FengqiaoJson_MalformedInstant_ThrowsQuotingIt(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Instant>(json, FengqiaoJson.CreateOptions()));

        Assert.Contains("Instant", e.Message, StringComparison.Ordinal);
    }
}

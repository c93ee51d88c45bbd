using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Routing;
using Fengqiao.Profiles.Tests.Processes;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Routing;

/// <summary>Routing as profile data, through the composition root: the portal path of issue 12, registration refusals,
/// send authority, and the static proof in the loader.</summary>
public class CountyRoutingTests
{
    // Monday 2 November 2026, 10:00 in Beijing.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 2, 0);

    private static string SampleText(string file) => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", file));

    [Fact]
    public async Task Desk_SaybaghDisputeInYashanGrid02_RegistersDispatchesClaimsAnswersAndRatesWithoutException()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var dispatcher = Staff("yashan-dispatcher", "street-yashan");
        var worker = Staff("yashan-grid-02-worker", "yashan-grid-02");
        var registered = (await kit.Desk.RegisterAsync(Report("yashan-grid-02", "dispute", "楼上邻居装修噪音纠纷"), dispatcher)).Case;

        await kit.Desk.AcceptAsync(registered.Id, dispatcher);
        await kit.Desk.DispatchAsync(registered.Id, dispatcher, Unit("yashan-grid-02"));
        await kit.Desk.ClaimAsync(registered.Id, worker);
        await kit.Desk.StartAsync(registered.Id, worker);
        await kit.Desk.ResolveAsync(registered.Id, worker, "已组织双方协商，约定施工时间");
        await kit.Desk.SubmitForReviewAsync(registered.Id, worker);
        await kit.Desk.ApproveAsync(registered.Id, dispatcher);
        var rated = await kit.Desk.RateAsync(registered.Id, CaseActor.Citizen(registered.QueryCodeDigest), CaseRating.Satisfied);

        Assert.Equal(CaseState.Rated, rated.State);
        Assert.Equal(Unit("yashan-grid-02"), rated.HoldingUnit);
        var path = kit.Escalation.Read(new Cases.Policies.CasePolicyArguments(rated, kit.Clock.GetCurrentInstant(), null))!.Value.Path;
        Assert.Equal(Unit("dept-civil-affairs"), path.StepAt("department").Unit.Id);
    }

    [Fact]
    public async Task ReturnAsync_CannotResolveUpFromTheGrid_ReachesTheDepartmentTheCountyRoutesTheCategoryTo()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var c = await kit.DispatchedAsync(Report("yashan-grid-02", "hardship", "低保申请无人受理"), Staff("yashan-dispatcher", "street-yashan"), "yashan-grid-02");
        for (var step = 0; step < 3; step++)
        {
            var holder = (await kit.CaseAsync(c.Id)).HoldingUnit!.Value;
            var worker = Staff(kit.Tree.Get(holder).Members.First(m => m.Holds(MemberRole.Worker)).Id.Value, holder.Value);
            await kit.Desk.ClaimAsync(c.Id, worker);
            await kit.Desk.ReturnAsync(c.Id, worker, CannotResolve.Reason($"{holder} 无法解决"));
        }

        Assert.Equal(Unit("dept-civil-affairs"), (await kit.CaseAsync(c.Id)).HoldingUnit);
        Assert.Equal("department", BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate)[^1].Cause!.Facts["to-level"]);
    }

    [Fact]
    public async Task RegisterAsync_ChannelTheCountyDoesNotRun_IsRefusedNamingTheChannel()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var e = await Assert.ThrowsAsync<CaseReportRefusedException>(() =>
            kit.Desk.RegisterAsync(Report("yashan-grid-02", "dispute", "噪音", CaseChannel.PetitionOffice), Staff("yashan-dispatcher", "street-yashan")));
        Assert.Contains("petition-office", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_CategoryTheCountyDoesNotList_IsRefusedNamingTheCategory()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var e = await Assert.ThrowsAsync<CaseReportRefusedException>(() =>
            kit.Desk.RegisterAsync(Report("yashan-grid-02", "fireworks", "烟花"), Staff("yashan-dispatcher", "street-yashan")));
        Assert.Contains("'fireworks'", e.Reason, StringComparison.Ordinal);
        Assert.Contains("dispute", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_UnlistedCategoryWithAFallbackUnit_GoesToTheFallback()
    {
        var profile = CountyProfileLoader.Parse(SampleText("saybagh.yaml").Replace("  unrouted: refuse", "  unrouted: street-yashan", StringComparison.Ordinal), "saybagh.yaml");
        var kit = new ProfileDesk(profile, Start, Unit("district-secretary"));
        var c = (await kit.Desk.RegisterAsync(Report("yashan-grid-02", "fireworks", "烟花"), Staff("yashan-dispatcher", "street-yashan"))).Case;
        var route = kit.County.Routing.Route(c.Report, c.RegisteredAt)!;
        Assert.True(route.IsFallback);
        Assert.Equal(Unit("street-yashan"), route.Owner);
    }

    [Fact]
    public async Task DispatchAsync_ToAnotherStreetsCommunity_IsRefusedAsUnauthorised()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var dispatcher = Staff("yashan-dispatcher", "street-yashan");
        var c = (await kit.Desk.RegisterAsync(Report("yashan-grid-02", "dispute", "噪音"), dispatcher)).Case;
        await kit.Desk.AcceptAsync(c.Id, dispatcher);

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.DispatchAsync(c.Id, dispatcher, Unit("changjiang-community-1")));
        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Contains("changjiang-community-1", e.Reason, StringComparison.Ordinal);
        Assert.Equal(CaseState.Accepted, (await kit.CaseAsync(c.Id)).State);
    }

    [Fact]
    public async Task DispatchAsync_ToTheRoutedDepartmentOutsideTheStreet_IsAllowed()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var dispatcher = Staff("yashan-dispatcher", "street-yashan");
        var c = (await kit.Desk.RegisterAsync(Report("yashan-grid-02", "administrative-permit", "营业执照办理超时"), dispatcher)).Case;
        await kit.Desk.AcceptAsync(c.Id, dispatcher);

        var dispatched = await kit.Desk.DispatchAsync(c.Id, dispatcher, Unit("dept-market"));

        Assert.Equal(Unit("dept-market"), dispatched.HoldingUnit);
    }

    [Fact]
    public async Task EscalateAsync_SkippingLevelsOutsideTheStreet_IsRefusedButTheNextLevelIsAllowed()
    {
        var kit = new ProfileDesk("saybagh.yaml", Start, Unit("district-secretary"));
        var dispatcher = Staff("yashan-dispatcher", "street-yashan");
        var c = await kit.DispatchedAsync(Report("yashan-grid-02", "dispute", "噪音"), dispatcher, "street-yashan");
        await kit.Desk.ClaimAsync(c.Id, Staff("yashan-worker", "street-yashan"));

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.EscalateAsync(c.Id, dispatcher, Unit("district-secretary"), "直接报书记"));
        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        var escalated = await kit.Desk.EscalateAsync(c.Id, dispatcher, Unit("dept-civil-affairs"), "转职能部门");
        Assert.Equal(Unit("dept-civil-affairs"), escalated.HoldingUnit);
    }

    [Fact]
    public void Parse_CategoryNoRowCovers_IsRefusedAtTheCategoryWithLineAndColumn()
    {
        var text = SampleText("saybagh.yaml");
        var without = System.Text.RegularExpressions.Regex.Replace(text, "    - category: dispute\n      kind: community\n      department: dept-civil-affairs\n      assumption: [^\n]*\n", "");
        Assert.NotEqual(text, without);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(without, "saybagh.yaml"));

        var lines = without.Split('\n');
        var line = Array.FindIndex(lines, l => l == "  - key: dispute") + 1;
        var problem = Assert.Single(e.Problems);
        Assert.Equal(("saybagh.yaml", line, 5), (problem.File, problem.Line, problem.Column));
        Assert.Contains("No routing row covers a 'dispute' case", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DepartmentLevelUnresolvedWithoutRouting_IsRefusedWithLineAndColumn()
    {
        var text = SampleText("saybagh.yaml");
        var start = text.IndexOf("routing:", StringComparison.Ordinal);
        var end = text.IndexOf("\nsla:", StringComparison.Ordinal) + 1;
        var without = text[..start] + text[end..];

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(without, "saybagh.yaml"));

        Assert.Contains(e.Problems, p => p.Message.Contains("5 units serve at this level and none is above 'yashan-grid-01'", StringComparison.Ordinal) && p.Line > 0 && p.Column > 0);
    }

    [Fact]
    public void Parse_RowNamingAnUnknownUnitAndLevel_ReportsBothWhereWrittenWithDidYouMean()
    {
        var text = SampleText("saybagh.yaml")
            .Replace("      unit: dept-market\n", "      unit: dept-markt\n", StringComparison.Ordinal)
            .Replace("    - category: other\n      kind: community\n", "    - category: other\n      level: streat\n", StringComparison.Ordinal);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(text, "saybagh.yaml"));

        Assert.Contains(e.Problems, p => p.Message.Contains("unit 'dept-markt' is not an org unit (did you mean 'dept-market'?)", StringComparison.Ordinal) && p.Path == "routing.rows[4].unit");
        Assert.Contains(e.Problems, p => p.Message.Contains("has no level 'streat' (did you mean 'street'?)", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ProfileWithEveryRoutingFeature_ParsesBackToTheSameTable()
    {
        var saybagh = CountyProfileLoader.Parse(SampleText("saybagh.yaml"), "saybagh.yaml");
        var table = new RoutingTableBuilder()
            .Route(new RoutingRow("dispute", RoutingTarget.ToKind(OrgUnitKind.Community))
            {
                Channels = [CaseChannel.Hotline12345, CaseChannel.QrCode],
                Priorities = [CasePriority.Urgent],
                Area = Unit("street-yashan"),
                Months = [6, 7, 8],
                Department = Unit("dept-civil-affairs"),
            })
            .Route("administrative-permit", RoutingTarget.ToUnit(Unit("dept-market")))
            .Route("*", RoutingTarget.ToLevel("street"), Unit("dept-urban"))
            .Otherwise(Unit("street-yashan"))
            .Build();

        var written = CountyProfileWriter.Write(saybagh with { Routing = table });
        var back = CountyProfileLoader.Parse(written, "written.yaml").Routing!;

        Assert.Equal(table.Fallback, back.Fallback);
        Assert.Equal(table.Rows.AsEnumerable(), back.Rows.AsEnumerable());

        Assert.Equal(written, CountyProfileWriter.Write(CountyProfileLoader.Parse(written, "written.yaml")));
    }

    [Fact]
    public void Routing_LoadedSaybagh_EqualsTheSameTableBuiltInCode()
    {
        var loaded = CountyProfileLoader.Parse(SampleText("saybagh.yaml"), "saybagh.yaml").Routing!;
        var built = new RoutingTableBuilder()
            .Route("livelihood", RoutingTarget.ToKind(OrgUnitKind.Community), Unit("dept-housing"))
            .Route("policy-information", RoutingTarget.ToKind(OrgUnitKind.Community), Unit("dept-human-resources"))
            .Route("dispute", RoutingTarget.ToKind(OrgUnitKind.Community), Unit("dept-civil-affairs"))
            .Route("hardship", RoutingTarget.ToKind(OrgUnitKind.Community), Unit("dept-civil-affairs"))
            .Route("administrative-permit", RoutingTarget.ToUnit(Unit("dept-market")))
            .Route("other", RoutingTarget.ToKind(OrgUnitKind.Community), Unit("dept-urban"))
            .RefuseUnrouted()
            .Build();

        Assert.Equal(built.Rows.AsEnumerable(), loaded.Rows.AsEnumerable());
        Assert.Null(loaded.Fallback);
    }

    [Theory]
    [InlineData("baiyin.yaml")]
    [InlineData("korla.yaml")]
    [InlineData("saybagh.yaml")]
    [InlineData("toutunhe.yaml")]
    [InlineData("yumen.yaml")]
    public void Verify_EverySampleProfile_FindsNothing(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));
        Assert.NotNull(profile.Routing);
        Assert.Empty(profile.Routing.Verify(profile.BuildOrgTreeWithMediationBodies(), profile.Ladder, profile.Categories.Select(c => c.Key), profile.Channels));
    }
}

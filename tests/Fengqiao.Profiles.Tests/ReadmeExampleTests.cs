using System.Security.Cryptography;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Profiles.Tests.Processes;
using Fengqiao.TestSupport;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Profiles.Tests;

/// <summary>The first example in src/Fengqiao.Profiles/README.md, compiled and run; the README must quote it exactly.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task FirstCase_SaybaghSample_IsRatedSatisfied()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 2, 2, 0));

        var rated = await FirstCaseAsync(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"), clock);

        Assert.Equal(CaseState.Rated, rated.State);
        Assert.Equal(CaseRating.Satisfied, rated.CurrentRating);
        Assert.Equal(OrgUnitKind.Community, new CountyDeskBuilder(CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml")))
            .UseStore(new InMemoryCaseStore()).UseClock(clock).UseQueryCodeKey(Fengqiao.Testing.BareCounty.QueryCodeKey).Build().Tree.Get(rated.HoldingUnit!.Value).Kind);
    }

    [Fact]
    public void Readme_QuotesTheCompiledExample()
    {
        var source = File.ReadAllLines(RepositoryPaths.Combine("tests", "Fengqiao.Profiles.Tests", "ReadmeExampleTests.cs"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README:end");
        var example = string.Join("\n", source[(begin + 1)..end].Select(l => l.Length >= 4 ? l[4..] : l.TrimStart()));
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "Fengqiao.Profiles", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(begin > 0 && end > begin);
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    // README:begin
    public static async Task<Case> FirstCaseAsync(string profilePath, IClock clock)
    {
        // Load the county's profile and build the whole desk from it, once (the composition root).
        var profile = CountyProfileLoader.LoadFile(profilePath);
        var county = new CountyDeskBuilder(profile)
            .UseStore(new InMemoryCaseStore()) // SqliteCaseStore.Open(...) in production
            .UseClock(clock)                   // SystemClock.Instance in a host
            .UseQueryCodeKey(new QueryCodeKey(RandomNumberGenerator.GetBytes(32))) // the county's key, from its secret store
            .Build();
        var desk = county.Desk;

        // A citizen reports a dispute by the street's QR code; the street's dispatcher registers and accepts it.
        var dispatcher = CaseActor.Staff(new ActorId("yashan-dispatcher"), new OrgUnitId("street-yashan"));
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(new OrgUnitId("yashan-grid-02")), new Reporter("张三", "13812345678"), "楼上装修噪音纠纷");
        var registration = await desk.RegisterAsync(report, dispatcher);
        var registered = registration.Case;
        var code = registration.QueryCode!.Value; // on the citizen's receipt, once: the desk keeps only its digest
        await desk.AcceptAsync(registered.Id, dispatcher);

        // The county's routing names the owner (the grid's community; the civil-affairs bureau answers above the street).
        var owner = county.Routing.Route(report, registered.RegisteredAt)!.Owner;
        await desk.DispatchAsync(registered.Id, dispatcher, owner);

        // The owner's worker claims and answers; the street reviews; the citizen rates with the query code (查询码).
        var worker = CaseActor.Staff(county.Tree.Get(owner).Members.First(m => m.Holds(MemberRole.Worker)).Id, owner);
        await desk.ClaimAsync(registered.Id, worker);
        await desk.StartAsync(registered.Id, worker);
        await desk.ResolveAsync(registered.Id, worker, "已组织双方协商，约定施工时间");
        await desk.SubmitForReviewAsync(registered.Id, worker);
        await desk.ApproveAsync(registered.Id, dispatcher);
        return await desk.RateAsync(registered.Id, desk.Citizen(code), CaseRating.Satisfied);
    }

    // README:end
}

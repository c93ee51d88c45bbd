using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Testing;
using Fengqiao.TestSupport;
using NodaTime.Testing;

namespace Fengqiao.Cases.Tests;

/// <summary>The first example in src/Fengqiao.Cases/README.md, compiled and run; the README must quote it exactly.</summary>
/// <remarks>The one test that builds a <see cref="CaseDesk"/> by hand: the README shows a host without a county profile
/// (Fengqiao.Cases alone), so it cannot use the composition root; the parts come from <see cref="BareCounty"/>.</remarks>
public class ReadmeExampleTests
{
    [Fact]
    public async Task FirstExample_RegisterDispatchClaimAnswerRate_EndsRatedWithOneTypedPayloadPerStep()
    {
        var (slaPolicy, calendar, clock, orgTree, queryCodeKey) = (BareCounty.Policy, BareCounty.Calendar, new FakeClock(BareCounty.Start), BareCounty.Tree, BareCounty.QueryCodeKey);
        var (report, dispatcher, worker, reviewer, community) = (BareCounty.Report(), BareCounty.Dispatcher, BareCounty.Worker, BareCounty.Dispatcher, BareCounty.Community);

        // README:begin
        var desk = new CaseDesk(new CaseDeskOptions
        {
            SlaPolicy = slaPolicy, Calendar = calendar, Store = new InMemoryCaseStore(), Clock = clock, Directory = orgTree,
            QueryCodeKey = queryCodeKey, // the county's key: stores keep only the query code's digest
        });

        // A citizen's report through a QR code: recorded as by the channel (CaseActor.Channel), no actor to invent.
        var registered = await desk.RegisterAsync(report);
        var c = registered.Case;
        var code = registered.QueryCode!.Value; // the query code (查询码), returned once: print it on the citizen's receipt
        await desk.AcceptAsync(c.Id, dispatcher);
        await desk.DispatchAsync(c.Id, dispatcher, community);
        await desk.ClaimAsync(c.Id, worker);
        await desk.StartAsync(c.Id, worker); // 开始办理
        await desk.ResolveAsync(c.Id, worker, "已协调物业修复漏水");
        await desk.SubmitForReviewAsync(c.Id, worker);
        await desk.ApproveAsync(c.Id, reviewer);
        var rated = await desk.RateAsync(c.Id, desk.Citizen(code), CaseRating.Satisfied);

        // The history: one typed payload per step.
        foreach (var e in await desk.GetHistoryAsync(c.Id))
        {
            var what = e.Payload switch
            {
                CaseRegistration r => $"registered ({r.Report.Category})",
                CaseDispatched d => $"dispatched to {d.Unit}",
                CaseClaimed claimed => $"claimed by {claimed.Worker}",
                CaseResolved => "answered",
                CaseRated r => $"rated {r.Rating}",
                _ => e.Payload.ToString(),
            };
            Console.WriteLine($"v{e.Version} {what}");
        }
        // README:end

        var history = await desk.GetHistoryAsync(c.Id);
        Assert.Equal((CaseState.Rated, CaseRating.Satisfied), (rated.State, rated.CurrentRating));
        Assert.Equal(
            [typeof(CaseRegistration), typeof(CaseAccepted), typeof(CaseDispatched), typeof(CaseClaimed), typeof(CaseStarted), typeof(CaseResolved), typeof(CaseSubmittedForReview), typeof(CaseApproved), typeof(CaseRated)],
            history.Select(e => e.Payload.GetType()));
    }

    [Fact]
    public void Readme_QuotesTheCompiledExample()
    {
        var source = File.ReadAllLines(RepositoryPaths.Combine("tests", "Fengqiao.Cases.Tests", "ReadmeExampleTests.cs"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README:end");
        var example = string.Join("\n", source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "Fengqiao.Cases", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(begin > 0 && end > begin);
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }
}

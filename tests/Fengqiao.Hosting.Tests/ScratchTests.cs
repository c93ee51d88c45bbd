using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Xunit.Abstractions;

namespace Fengqiao.Hosting.Tests;

public class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch()
    {
        await using var kit = HostKit.Create();
        var (c, owner) = await kit.DispatchedAsync();
        var desk = kit.County.Desk;
        var worker = CaseActor.Staff(kit.County.Tree.Get(owner).Members.First(m => m.Holds(MemberRole.Worker)).Id, owner);
        output.WriteLine("worker " + worker + " members: " + string.Join(",", kit.County.Tree.Get(owner).Members.Select(m => m.Id.Value)));
        await desk.ClaimAsync(c.Id, worker);
        await desk.StartAsync(c.Id, worker);
        await desk.ResolveAsync(c.Id, worker, "已修好");
        var x = await desk.SubmitForReviewAsync(c.Id, worker);
        output.WriteLine($"after submit {x.State} holder {x.HoldingUnit}");
        try { x = await desk.ApproveAsync(c.Id, worker); output.WriteLine("worker approved"); } catch (Exception e) { output.WriteLine("worker approve: " + e.Message); x = await desk.ApproveAsync(c.Id, HostKit.Dispatcher); }
        output.WriteLine($"after approve {x.State} holder {x.HoldingUnit}");
        x = await desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCode), CaseRating.Unsatisfied);
        output.WriteLine($"after rate {x.State} holder {x.HoldingUnit}");
        foreach (var e in await desk.GetHistoryAsync(c.Id))
        {
            output.WriteLine(e.ToString());
        }
    }
}

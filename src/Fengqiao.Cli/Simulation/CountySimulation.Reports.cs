using Fengqiao.Cases;
using Fengqiao.Cases.Desk;

namespace Fengqiao.Cli.Simulation;

// Written reports (书面报送) and deputies' scores (测评打分): the simulation does them where the profile has them.
internal sealed partial class CountySimulation
{
    /// <summary>A unit the profile names in <c>written-reports:</c> reports in writing (书面报送) as soon as its worker has
    /// claimed the case, so the case can close later: Saybagh's “經專班人員書面報送至區委書記”. Draws nothing from the random streams.</summary>
    private async Task FileWrittenReportIfRequiredAsync(CaseProgress c, Case claimed)
    {
        if (profile.WrittenReports.IsDefaultOrEmpty || claimed.HoldingUnit is not { } holder)
        {
            return;
        }

        foreach (var requirement in profile.WrittenReports)
        {
            if (requirement.Unit == holder && requirement.IsMissingOn(claimed)
                && await ActOn(c, () => desk.FileWrittenReportAsync(c.Id, Worker(holder), requirement.Addressee, "专班书面报送 the task force reports the matter in writing")).ConfigureAwait(false) is not null)
            {
                metrics.WrittenReportFiled();
            }
        }
    }

    /// <summary>A deputy reviewing a closed case scores it first (测评打分): 80–100 when satisfied, 30–59 when not, drawn
    /// from the case's own hash so that the random streams (and calibrated runs) stay as they were.</summary>
    private async Task ScoreAsync(CaseProgress c, CaseActor deputy, bool satisfied)
    {
        var unit = Unit(c.Id, 9001);
        var score = satisfied ? 80 + (int)(unit * 20.999) : 30 + (int)(unit * 29.999);
        if (await Act(() => desk.ScoreAsync(c.Id, deputy, score, satisfied ? "办理满意" : "办理结果不满意")).ConfigureAwait(false) is not null)
        {
            metrics.DeputyScored(score);
        }
    }

    /// <summary>一格五员: where the profile has posts and the claiming worker holds one, the unit's first other post (the
    /// information officer who took the report) hands the case to the worker's post. Draws nothing from the random streams.</summary>
    private async Task HandOverToTheWorkersPostAsync(CaseProgress c, Case claimed)
    {
        if (profile.Posts.IsDefaultOrEmpty || claimed.Post is not null || claimed.HoldingUnit is not { } holder || tree.Find(holder) is not { } unit || unit.Members.IsDefaultOrEmpty)
        {
            return;
        }

        var worker = Worker(holder);
        if (unit.Members.FirstOrDefault(m => m.Id == worker.Id) is not { } me || profile.Posts.FirstOrDefault(p => me.Holds(p.Role)) is not { } post)
        {
            return;
        }

        var first = profile.Posts.FirstOrDefault(p => p.Role != post.Role && unit.Members.Any(m => m.Holds(p.Role)));
        var by = first is null ? worker : Member(holder, first.Role) ?? worker;
        if (await ActOn(c, () => desk.HandOverAsync(c.Id, by, post.Role, "岗位交接 the case passes to the post that handles it")).ConfigureAwait(false) is not null)
        {
            metrics.PostHandedOver();
        }
    }
}

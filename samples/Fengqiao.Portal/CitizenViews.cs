using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Hosting;
using Fengqiao.Hosting.Web;
using Fengqiao.Profiles;
using Microsoft.Extensions.Options;

namespace Fengqiao.Portal;

/// <summary>
/// Builds citizen views with staff names only when the county allows it (<c>Fengqiao:CitizenView:ShowStaffNames</c>,
/// default no); names come from the members of the county profile.
/// </summary>
internal sealed class CitizenViews(CountyDesk county, IOptions<FengqiaoOptions> options)
{
    private readonly Func<ActorId, string?>? names = options.Value.CitizenView.ShowStaffNames ? Lookup(county) : null;

    /// <summary>The view through <paramref name="code"/>: a joined report's own code follows the case but does not rate it.</summary>
    public CitizenCaseView From(Case c, QueryCode code, IReadOnlyList<CaseEvent> history)
    {
        var view = CitizenCaseView.From(c, code, history, names);
        return county.Desk.Citizen(code, c).QueryCodeDigest == c.QueryCodeDigest ? view : view.ForJoinedReport();
    }

    private static Func<ActorId, string?> Lookup(CountyDesk county)
    {
        var byId = new Dictionary<ActorId, string>();
        foreach (var member in county.Tree.Units.SelectMany(u => u.Members))
        {
            byId.TryAdd(member.Id, member.Name);
        }

        return id => byId.TryGetValue(id, out var name) ? name : null;
    }
}

using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Routing;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The county's org tree with the staff the simulation acts as: a worker in every unit, a dispatcher (also reviewer
/// and leader) at every root, and each mediation body as a unit under the first root so cases can be handed to it.
/// </summary>
internal static class SimulationOrg
{
    public static ActorId WorkerOf(OrgUnitId unit) => new($"worker@{unit}");

    public static ActorId DispatcherOf(OrgUnitId unit) => new($"dispatcher@{unit}");

    public static OrgTree Build(CountyProfile profile, MediationDirectory? mediation)
    {
        var source = profile.BuildOrgTree();
        var builder = new OrgTreeBuilder();
        foreach (var unit in source.Units)
        {
            builder.AddUnit(unit.Id, unit.Name, unit.Kind, unit.Parent, unit.Tags);
            foreach (var member in unit.Members)
            {
                builder.AddMember(unit.Id, member.Id, member.Name, [.. member.Roles]);
            }

            builder.AddMember(unit.Id, WorkerOf(unit.Id), "simulated worker", MemberRole.Worker);
            if (unit.Parent is null)
            {
                builder.AddMember(unit.Id, DispatcherOf(unit.Id), "simulated dispatcher", MemberRole.Dispatcher, MemberRole.Reviewer, MemberRole.Leader);
            }
        }

        if (mediation is not null)
        {
            var root = source.Roots[0].Id;
            foreach (var body in mediation.Bodies.Where(b => source.Find(b.Id) is null))
            {
                builder.AddUnit(body.Id, body.Name, OrgUnitKind.MediationBody, root);
                builder.AddMember(body.Id, WorkerOf(body.Id), "simulated mediator", MemberRole.Worker);
            }
        }

        return builder.Build();
    }
}

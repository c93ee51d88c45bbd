using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The county's org tree with the staff the simulation acts as: a worker in every unit, a dispatcher (also reviewer
/// and leader) at every root, with the profile's mediation bodies as units (see CountyProfile.BuildOrgTreeWithMediationBodies) so cases can be handed to them.
/// </summary>
internal static class SimulationOrg
{
    public static ActorId WorkerOf(OrgUnitId unit) => new($"worker@{unit}");

    public static ActorId DispatcherOf(OrgUnitId unit) => new($"dispatcher@{unit}");

    public static OrgTree Build(CountyProfile profile)
    {
        // The profile's own tree with its mediation bodies as units (under their areas) and mediators as their workers.
        var source = profile.BuildOrgTreeWithMediationBodies();
        var builder = new OrgTreeBuilder();
        foreach (var unit in source.Units)
        {
            builder.AddUnit(unit.Id, unit.Name, unit.Kind, unit.Parent, unit.Tags);
            foreach (var member in unit.Members)
            {
                builder.AddMember(unit.Id, member.Id, member.Name, [.. member.Roles]);
            }

            builder.AddMember(unit.Id, WorkerOf(unit.Id), unit.Kind == OrgUnitKind.MediationBody ? "simulated mediator" : "simulated worker", MemberRole.Worker);
            if (unit.Parent is null)
            {
                builder.AddMember(unit.Id, DispatcherOf(unit.Id), "simulated dispatcher", MemberRole.Dispatcher, MemberRole.Reviewer, MemberRole.Leader);
            }
        }

        return builder.Build();
    }
}

using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The county's org tree with the staff the simulation acts as: the profile's own members first; then a worker in every
/// unit, a head (reviewer and leader: 审核, extensions, 吹哨) in every unit of the ladder that has none of its own, and a
/// dispatcher (also reviewer and leader) at every root; with the profile's mediation bodies as units (see
/// CountyProfile.BuildOrgTreeWithMediationBodies) so cases can be handed to them.
/// </summary>
internal static class SimulationOrg
{
    public static ActorId WorkerOf(OrgUnitId unit) => new($"worker@{unit}");

    public static ActorId DispatcherOf(OrgUnitId unit) => new($"dispatcher@{unit}");

    public static ActorId HeadOf(OrgUnitId unit) => new($"head@{unit}");

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
            var ownHead = unit.Members.Any(m => m.Holds(MemberRole.Reviewer)) && unit.Members.Any(m => m.Holds(MemberRole.Leader));
            if (unit.Parent is not null && !ownHead && unit.Kind is not (OrgUnitKind.MediationBody or OrgUnitKind.OutsideBody))
            {
                builder.AddMember(unit.Id, HeadOf(unit.Id), "simulated head of unit", MemberRole.Reviewer, MemberRole.Leader);
            }

            if (unit.Parent is null)
            {
                builder.AddMember(unit.Id, DispatcherOf(unit.Id), "simulated dispatcher", MemberRole.Dispatcher, MemberRole.Reviewer, MemberRole.Leader);
            }
        }

        return builder.Build();
    }
}

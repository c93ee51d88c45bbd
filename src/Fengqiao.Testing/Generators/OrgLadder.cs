using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;

namespace Fengqiao.Testing;

/// <summary>
/// A generated county organisation and the escalation ladder that fits it: a secretary over streets, communities
/// under each street and grids under each community, with a ladder of grid → (community) → street → secretary.
/// </summary>
/// <remarks>
/// <para>Every grid resolves on the ladder to a path ending at the secretary (<c>ladder.Resolve(tree, grid)</c>).
/// Unit ids read <c>street-2</c>, <c>community-2-1</c>, <c>grid-2-1-3</c>; each unit has one worker member
/// (<c>worker-&lt;unit id&gt;</c>) and the secretary a leader (<c>leader</c>).</para>
/// <para><see cref="ToString"/> gives the shape (<c>2 streets × 1 community × 3 grids, ladder grid/community/street/secretary</c>),
/// which is all that is needed to rebuild it with <see cref="Create"/>.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class OrgLadder
{
    private OrgLadder(int streets, int communities, int grids, bool communityLevel, OrgTree tree, Ladder ladder, ImmutableArray<OrgUnitId> gridIds)
    {
        Streets = streets;
        CommunitiesPerStreet = communities;
        GridsPerCommunity = grids;
        HasCommunityLevel = communityLevel;
        Tree = tree;
        Ladder = ladder;
        Grids = gridIds;
    }

    /// <summary>Gets the id of the root unit (the county secretary, 书记).</summary>
    public static OrgUnitId Secretary { get; } = new("secretary");

    /// <summary>Gets the number of streets.</summary>
    public int Streets { get; }

    /// <summary>Gets the number of communities under each street.</summary>
    public int CommunitiesPerStreet { get; }

    /// <summary>Gets the number of grids under each community.</summary>
    public int GridsPerCommunity { get; }

    /// <summary>Gets whether the ladder has a community level (without it, a grid's case goes straight to its street).</summary>
    public bool HasCommunityLevel { get; }

    /// <summary>Gets the org tree.</summary>
    public OrgTree Tree { get; }

    /// <summary>Gets the ladder that fits the tree.</summary>
    public Ladder Ladder { get; }

    /// <summary>Gets the ids of the grids, where cases start.</summary>
    public ImmutableArray<OrgUnitId> Grids { get; }

    /// <summary>Builds an organisation of the given shape.</summary>
    /// <param name="streets">Streets under the secretary, 1 or more.</param>
    /// <param name="communitiesPerStreet">Communities under each street, 1 or more.</param>
    /// <param name="gridsPerCommunity">Grids under each community, 1 or more.</param>
    /// <param name="hasCommunityLevel">Whether the ladder has a community level.</param>
    /// <returns>The organisation and its ladder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1.</exception>
    public static OrgLadder Create(int streets, int communitiesPerStreet, int gridsPerCommunity, bool hasCommunityLevel = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(communitiesPerStreet, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridsPerCommunity, 1);
        var builder = new OrgTreeBuilder()
            .AddUnit(Secretary, "县委书记", OrgUnitKind.Secretary)
            .AddMember(Secretary, new ActorId("leader"), "书记", MemberRole.Leader);
        var grids = ImmutableArray.CreateBuilder<OrgUnitId>();
        for (var s = 1; s <= streets; s++)
        {
            var street = Add(builder, $"street-{s}", "街道", OrgUnitKind.Street, Secretary);
            for (var c = 1; c <= communitiesPerStreet; c++)
            {
                var community = Add(builder, $"community-{s}-{c}", "社区", OrgUnitKind.Community, street);
                for (var g = 1; g <= gridsPerCommunity; g++)
                {
                    grids.Add(Add(builder, $"grid-{s}-{c}-{g}", "网格", OrgUnitKind.Grid, community));
                }
            }
        }

        var levels = new List<LadderLevel> { new("grid", "网格", [OrgUnitKind.Grid]) };
        if (hasCommunityLevel)
        {
            levels.Add(new("community", "社区", [OrgUnitKind.Community]));
        }

        levels.Add(new("street", "街道", [OrgUnitKind.Street]));
        levels.Add(new("secretary", "书记", [OrgUnitKind.Secretary]));
        var ladder = new Ladder("generated", "Generated ladder", levels);
        return new OrgLadder(streets, communitiesPerStreet, gridsPerCommunity, hasCommunityLevel, builder.Build(), ladder, grids.ToImmutable());
    }

    /// <summary>Describes the shape, enough to rebuild it with <see cref="Create"/>.</summary>
    /// <returns>The shape as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"OrgLadder.Create(streets: {Streets}, communitiesPerStreet: {CommunitiesPerStreet}, gridsPerCommunity: {GridsPerCommunity}, hasCommunityLevel: {(HasCommunityLevel ? "true" : "false")})");

    private static OrgUnitId Add(OrgTreeBuilder builder, string id, string name, OrgUnitKind kind, OrgUnitId parent)
    {
        var unit = new OrgUnitId(id);
        builder.AddUnit(unit, name + " " + id, kind, parent).AddMember(unit, new ActorId("worker-" + id), "办理人 " + id, MemberRole.Worker);
        return unit;
    }
}

using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// Writes a small test county's org tree as a table: the command centre every test county has, then each unit and each
/// member once; the members are then looked up as the <see cref="CaseActor"/>s a test acts with. For a county a test
/// needs beside <see cref="BareCounty"/>'s own (another tree shape, a county kit of a package's tests).
/// </summary>
/// <remarks>
/// <para>The builder starts with <see cref="BareCounty.Centre"/> (<c>centre</c>, a command centre under the given name)
/// and its two members: <c>d1</c> (派单员: dispatcher and reviewer, <see cref="BareCounty.Dispatcher"/>) and
/// <c>leader</c> (书记, <see cref="BareCounty.Leader"/>). Units and members may be added in any order; the tree is
/// checked once, by <see cref="BuildTree"/>, as <see cref="OrgTreeBuilder.Build"/> checks it.</para>
/// <para>Use: <c>var county = new SmallCountyBuilder().AddUnit(Community, "和平社区", OrgUnitKind.Community, Centre)
/// .AddMember(Community, "w1", "办理人", MemberRole.Worker);</c> then <c>county.BuildTree()</c> for the desk's directory
/// and <c>county.Actor("w1")</c> for the worker.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: write the table on one thread (a static initialiser), then share the tree and actors,
/// which are immutable.</threadsafety>
public sealed class SmallCountyBuilder
{
    // The same id as BareCounty.Centre, kept here so that BareCounty's own table can start from this builder.
    private static readonly OrgUnitId Centre = new("centre");

    private readonly OrgTreeBuilder tree = new();
    private readonly Dictionary<string, CaseActor> actors = new(StringComparer.Ordinal);

    /// <summary>Starts the table with the command centre and its dispatcher <c>d1</c> and leader <c>leader</c>.</summary>
    /// <param name="centreName">The centre's display name; 综治中心 by default.</param>
    /// <exception cref="ArgumentException"><paramref name="centreName"/> is null or blank.</exception>
    public SmallCountyBuilder(string centreName = "综治中心")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(centreName);
        AddUnit(Centre, centreName, OrgUnitKind.CommandCentre, parent: null);
        AddMember(Centre, "d1", "派单员", MemberRole.Dispatcher, MemberRole.Reviewer);
        AddMember(Centre, "leader", "书记", MemberRole.Leader);
    }

    /// <summary>Adds a unit.</summary>
    /// <param name="unit">The unit id, unique in the county.</param>
    /// <param name="name">The display name.</param>
    /// <param name="kind">The kind of unit.</param>
    /// <param name="parent">The unit above it (which may be added later), or <see langword="null"/> for a second root.</param>
    /// <returns>This builder.</returns>
    /// <remarks>A duplicate id, a parent never added or a cycle is reported by <see cref="BuildTree"/>, all at once.</remarks>
    public SmallCountyBuilder AddUnit(OrgUnitId unit, string name, OrgUnitKind kind, OrgUnitId? parent)
    {
        tree.AddUnit(unit, name, kind, parent);
        return this;
    }

    /// <summary>Adds a member to a unit; <see cref="Actor"/> then gives the member as a case actor.</summary>
    /// <param name="unit">The unit (which may be added later).</param>
    /// <param name="actorId">The member's actor id, unique in the county.</param>
    /// <param name="name">The member's display name.</param>
    /// <param name="roles">The roles the member holds there; a member holding <see cref="MemberRole.Deputy"/> acts as a
    /// people's deputy (<see cref="CaseActor.Deputy(ActorId)"/>), any other as the unit's staff.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="actorId"/> is blank or was added before (the message names it).</exception>
    /// <remarks>A member of a unit never added, or without a role, is reported by <see cref="BuildTree"/>.</remarks>
    public SmallCountyBuilder AddMember(OrgUnitId unit, string actorId, string name, params MemberRole[] roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        var id = new ActorId(actorId);
        var actor = roles is not null && roles.Contains(MemberRole.Deputy) ? CaseActor.Deputy(id) : CaseActor.Staff(id, unit);
        if (!actors.TryAdd(actorId, actor))
        {
            throw new ArgumentException($"Member '{actorId}' is added twice to the test county.", nameof(actorId));
        }

        tree.AddMember(unit, id, name, roles!);
        return this;
    }

    /// <summary>Gets a member added so far as the case actor it acts as.</summary>
    /// <param name="actorId">The member's actor id.</param>
    /// <returns>The unit's staff, or a people's deputy for a member holding <see cref="MemberRole.Deputy"/>.</returns>
    /// <exception cref="ArgumentException">No member <paramref name="actorId"/> was added (the message names it).</exception>
    public CaseActor Actor(string actorId) =>
        actorId is not null && actors.TryGetValue(actorId, out var actor)
            ? actor
            : throw new ArgumentException($"The test county has no member '{actorId}'.", nameof(actorId));

    /// <summary>Checks and builds the tree of the units and members added so far.</summary>
    /// <returns>The tree.</returns>
    /// <exception cref="OrgTreeException">The table does not make a tree; the exception lists every problem.</exception>
    public OrgTree BuildTree() => tree.Build();

    /// <summary>Builds a policy with one rule for every category (<c>*</c>) and yellow/red warnings.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="limits">The rule's limits by name (<see cref="SlaLimitNames"/>).</param>
    /// <param name="yellowFraction">The fraction of a limit after which the yellow warning is raised (0 to 1).</param>
    /// <param name="redLeadTime">How long before a deadline the red warning is raised.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, <paramref name="limits"/> is null or empty or
    /// has a blank name, or a warning value is out of range (as <see cref="SlaPolicyBuilder"/>, <see cref="SlaRule"/> and
    /// <see cref="SlaPolicies.YellowRed"/> check them; the message names what).</exception>
    public static SlaPolicy OneRulePolicy(string name, IReadOnlyDictionary<string, TimeLimit> limits, double yellowFraction, Duration redLeadTime) =>
        new SlaPolicyBuilder(name).Add(new SlaRule("*", limits, SlaPolicies.YellowRed(yellowFraction, redLeadTime))).Build();
}

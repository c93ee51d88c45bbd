namespace Fengqiao.Cases.Organisation;

/// <summary>
/// A role a member holds in an org unit. Well-known roles are provided; a county may name its own
/// (Toutunhe's "一格五员" has five roles per grid).
/// </summary>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct MemberRole
{
    /// <summary>Creates a role.</summary>
    /// <param name="name">The role name, not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public MemberRole(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A member role needs a name.", nameof(name));
        }

        Name = name;
    }

    /// <summary>Gets the role name.</summary>
    public string Name { get; }

    /// <summary>Gets a worker who claims and handles cases held by the unit (办理人).</summary>
    public static MemberRole Worker { get; } = new("worker");

    /// <summary>Gets a dispatcher who accepts, declines and dispatches cases (派单员).</summary>
    public static MemberRole Dispatcher { get; } = new("dispatcher");

    /// <summary>Gets a leader who may instruct (批示) and supervise (督办).</summary>
    public static MemberRole Leader { get; } = new("leader");

    /// <summary>Gets a reviewer who approves or rejects replies (审核) and decides extensions.</summary>
    public static MemberRole Reviewer { get; } = new("reviewer");

    /// <summary>Gets a supervisor who oversees the whole cycle in a grid (监督员).</summary>
    public static MemberRole Supervisor { get; } = new("supervisor");

    /// <summary>Gets a people's deputy (人大代表) who follows cases in the unit's area: <see cref="InMemory.OrgCaseAuthorizer"/> registers every member holding it, with that unit as their area.</summary>
    public static MemberRole Deputy { get; } = new("deputy");

    /// <summary>Gets a member who may escalate (上报) a case in the unit's area to the next holder, without the dispatcher's other powers.</summary>
    /// <remarks>
    /// Toutunhe's grid manager: "網格管理員解決不了的向網格長反映". <see cref="InMemory.OrgCaseAuthorizer"/> lets the member
    /// escalate a case held in, or reported from, the unit's subtree; where it may go is the routing's check.
    /// </remarks>
    public static MemberRole Escalator { get; } = new("escalator");

    /// <summary>Returns the role name.</summary>
    public override string ToString() => Name ?? "";
}

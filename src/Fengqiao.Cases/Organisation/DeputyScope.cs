namespace Fengqiao.Cases.Organisation;

/// <summary>Which cases a people's deputy (人大代表) may rate and reopen under <see cref="InMemory.OrgCaseAuthorizer"/>.</summary>
/// <remarks>
/// Whatever the scope, a deputy the authoriser does not know (no registered area) is refused, and a deputy may only
/// rate and reopen. A county profile names the scope in <c>deputies: { scope: … }</c>; the default is
/// <see cref="AssignedOrArea"/>.
/// </remarks>
public enum DeputyScope
{
    /// <summary>Cases assigned to the deputy (<see cref="Events.CaseDeputyAssigned"/>) and cases reported in the deputy's area (the unit and its subtree). The default.</summary>
    AssignedOrArea = 0,

    /// <summary>Only cases assigned to the deputy (<see cref="Events.CaseDeputyAssigned"/>).</summary>
    Assigned = 1,

    /// <summary>Only cases reported in the deputy's area (the unit and its subtree); an assignment alone does not let the deputy act.</summary>
    Area = 2,
}

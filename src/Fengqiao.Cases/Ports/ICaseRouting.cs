using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases.Ports;

/// <summary>The port through which a county's routing (分拨) vets what the desk takes in and where cases may be sent.</summary>
/// <remarks>
/// <para>
/// Install one as <see cref="Desk.CaseDeskOptions.Routing"/>; without one the desk takes any report and sends cases
/// wherever the authoriser allows. Escalation's <c>RoutingAuthority</c> implements it from a county's routing table,
/// channels and categories; the profile composition root installs it.
/// </para>
/// <para>
/// Contract: return <see cref="CaseAuthorization.Allow"/> or a denial with a reason a user may read (naming the category,
/// channel or unit, no personal data). Called concurrently from any thread. Throw only for infrastructure failures.
/// </para>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe: the desk calls them concurrently from any thread.</threadsafety>
public interface ICaseRouting
{
    /// <summary>Decides whether the desk takes a report in: its channel and category are ones the county lists, and routing can say who owns it.</summary>
    /// <param name="report">The report about to be registered.</param>
    /// <param name="at">The instant of registration.</param>
    /// <returns>The decision; a denial makes the desk refuse the registration with <see cref="Desk.CaseReportRefusedException"/>.</returns>
    CaseAuthorization CheckReport(CaseReport report, Instant at);

    /// <summary>Decides whether a person may send a case to a unit (<see cref="CaseTrigger.Dispatch"/> or <see cref="CaseTrigger.Escalate"/>).</summary>
    /// <param name="actor">Who sends it (never the system actor: policies move cases by their own rules).</param>
    /// <param name="trigger">Dispatch or Escalate.</param>
    /// <param name="current">The case as it stands.</param>
    /// <param name="target">The unit it would go to.</param>
    /// <returns>The decision; a denial refuses the action as unauthorised.</returns>
    CaseAuthorization CheckTarget(CaseActor actor, CaseTrigger trigger, Case current, OrgUnitId target);
}

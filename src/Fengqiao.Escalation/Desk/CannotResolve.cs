using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Desk;

/// <summary>The convention by which a holding unit declares on the case desk that it cannot resolve a matter (无法解决).</summary>
/// <remarks>
/// <para>
/// The case lifecycle has no "cannot resolve" trigger. A worker of the holding unit declares it by returning the case
/// (<see cref="CaseTrigger.Return"/>, 退回) with a reason that starts with <see cref="Marker"/>, for example
/// <c>无法解决：涉及多个部门，本社区无权处理</c>. <see cref="EscalationCasePolicy"/> sees that return as the event just
/// accepted and, in the same desk call, escalates the case one level above the unit that returned it (rule
/// <c>cannot-resolve</c>). A return without the marker stays an ordinary return ("not ours") for the dispatcher.
/// </para>
/// <para>
/// Consequences of the convention: the case's <see cref="Case.ReturnCount"/> counts the declaration, and between the
/// return and the escalation (the same desk call) the case is briefly <see cref="CaseState.Returned"/> with no holding
/// unit. If no escalation policy is installed, or the unit is at the top of its ladder, the case simply stays returned.
/// </para>
/// </remarks>
/// <threadsafety>Static and stateless; thread-safe.</threadsafety>
public static class CannotResolve
{
    /// <summary>The text a return's reason starts with to declare the matter unresolvable: <c>无法解决</c>.</summary>
    public const string Marker = "无法解决";

    /// <summary>Makes the reason to return a case with, declaring it cannot be resolved.</summary>
    /// <param name="explanation">Why the unit cannot resolve it; not empty.</param>
    /// <returns><c>无法解决：</c> followed by the explanation.</returns>
    /// <exception cref="ArgumentException"><paramref name="explanation"/> is null or blank.</exception>
    public static string Reason(string explanation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(explanation);
        return Marker + "：" + explanation.Trim();
    }

    /// <summary>Tells whether a return's reason declares the matter unresolvable.</summary>
    /// <param name="reason">The reason, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the reason, trimmed, starts with <see cref="Marker"/>.</returns>
    internal static bool IsDeclaredIn(string? reason) =>
        reason is not null && reason.TrimStart().StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>Gets the unit that declared the matter unresolvable in an event, if it is such a declaration.</summary>
    /// <param name="e">An event, or <see langword="null"/>.</param>
    /// <returns>The declaring unit: the unit of the staff member who returned the case with the marker; otherwise <see langword="null"/>.</returns>
    internal static OrgUnitId? DeclaringUnit(CaseEvent? e) =>
        e is { Payload: CaseReturned returned, Actor: { Kind: CaseActorKind.Staff, Unit: { } unit } } && IsDeclaredIn(returned.Reason)
            ? unit
            : null;
}

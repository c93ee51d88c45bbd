using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases.Desk;

/// <summary>A department with a desk at a centre (入驻): stationed permanently (常驻) or by rotation (轮驻) — Korla's centre
/// “統籌10家單位常駐,10家單位輪駐”. A dispatch, an escalation or a summons (吹哨) naming the department reaches its desk at the
/// centre when the desk is staffed that day.</summary>
/// <remarks>
/// <para>With no rota days and no rota dates the department is stationed permanently: its desk is present every day. Otherwise
/// it is present on its rota days of the week and on its rota dates (local dates in the calendar's zone).</para>
/// <para>When the desk is not present, <see cref="WhenAbsent"/> decides: the dispatch reaches the department itself, or waits at
/// the desk for its next rota day. The desk records the unit the case reached (<see cref="Events.CaseDispatched.Unit"/>,
/// <see cref="Events.CaseEscalated.Unit"/>, <see cref="Events.CaseSummoned.Departments"/>), so the desk's members claim the case or
/// report in (报到).</para>
/// </remarks>
/// <param name="Department">The department a dispatch names.</param>
/// <param name="Desk">The department's desk at the centre (an org unit under the centre).</param>
/// <param name="RotaDays">The days of the week a rotating desk is staffed; empty for none.</param>
/// <param name="RotaDates">The dates a rotating desk is staffed (a dated rota); empty for none.</param>
/// <param name="WhenAbsent">Where a dispatch goes on a day the desk is not staffed.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record StationedDepartment(
    OrgUnitId Department, OrgUnitId Desk, ImmutableArray<IsoDayOfWeek> RotaDays, ImmutableArray<LocalDate> RotaDates, StationedAbsence WhenAbsent = StationedAbsence.Department)
{
    /// <summary>Gets whether the department rotates (轮驻) rather than being stationed permanently (常驻).</summary>
    public bool IsRotating => !RotaDays.IsDefaultOrEmpty || !RotaDates.IsDefaultOrEmpty;

    /// <summary>Gets whether the desk is staffed on <paramref name="date"/>.</summary>
    /// <param name="date">The local date at the centre.</param>
    /// <returns><see langword="true"/> every day for a stationed department; on rota days and dates for a rotating one.</returns>
    public bool IsPresentOn(LocalDate date) =>
        !IsRotating || (!RotaDays.IsDefault && RotaDays.Contains(date.DayOfWeek)) || (!RotaDates.IsDefault && RotaDates.Contains(date));

    /// <summary>Gets the unit a dispatch to <see cref="Department"/> reaches on <paramref name="date"/>.</summary>
    /// <param name="date">The local date at the centre.</param>
    /// <returns><see cref="Desk"/> when it is staffed or when absence waits at the desk; otherwise <see cref="Department"/>.</returns>
    public OrgUnitId Resolve(LocalDate date) => IsPresentOn(date) || WhenAbsent == StationedAbsence.Desk ? Desk : Department;
}

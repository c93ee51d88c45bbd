using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Desk;

/// <summary>A county's rule that a unit reports its cases in writing (书面报送) before they close: Saybagh's task force
/// “經專班人員書面報送至區委書記協調解決”.</summary>
/// <remarks>
/// The desk refuses to close a case that <paramref name="Unit"/> has held (<see cref="Case.HeldBy"/>) until the case carries
/// a written report from <paramref name="Unit"/> to <paramref name="Addressee"/> (<see cref="Events.CaseWrittenReportFiled"/>),
/// with <see cref="CaseRefusalKind.GuardFailed"/> naming both. Give them in <see cref="CaseDeskOptions.WrittenReports"/>.
/// </remarks>
/// <param name="Unit">The unit whose cases need the report (the task force).</param>
/// <param name="Addressee">Whom the report goes to (the secretary).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record WrittenReportRequirement(OrgUnitId Unit, OrgUnitId Addressee)
{
    /// <summary>Gets whether <paramref name="current"/> still lacks the report this requirement asks for.</summary>
    /// <param name="current">The case.</param>
    /// <returns><see langword="true"/> when the unit has held the case and has filed no report to the addressee.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="current"/> is null.</exception>
    public bool IsMissingOn(Case current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.HeldBy.Contains(Unit) && !current.WrittenReports.Any(r => r.From == Unit && r.Addressee == Addressee);
    }
}

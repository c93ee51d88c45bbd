using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A unit holding the case filed a written report (书面报送) on it to an addressee: Saybagh's task force reports
/// a hard matter in writing to the district party secretary (“經專班人員書面報送至區委書記協調解決”).</summary>
/// <remarks>
/// <para>Recorded through <see cref="Desk.CaseDesk.FileWrittenReportAsync"/>; the state does not change. The case keeps
/// every report filed in <see cref="Case.WrittenReports"/>. Where the desk is told that a unit's cases need one
/// (<see cref="Desk.CaseDeskOptions.WrittenReports"/>), a case that unit has held cannot be closed until that unit has
/// filed one to the addressee the requirement names.</para>
/// <para>Filing needs the authority to submit the holding unit's work for review (<see cref="CaseTrigger.SubmitForReview"/>:
/// a worker of the unit holding the case), and the desk checks that <paramref name="From"/> is the actor's unit and holds the case.</para>
/// </remarks>
/// <param name="From">The unit that reports: the holder of the case when it was filed.</param>
/// <param name="Addressee">The unit the report goes to (a secretary's post).</param>
/// <param name="Text">The report's text; may hold personal data.</param>
/// <exception cref="ArgumentException"><paramref name="Text"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseWrittenReportFiled(OrgUnitId From, OrgUnitId Addressee, string Text) : CaseRecord
{
    /// <summary>Gets the report's text; not empty.</summary>
    public string Text { get; init; } = string.IsNullOrWhiteSpace(Text) ? throw new ArgumentException("A written report (书面报送) needs its text.", nameof(Text)) : Text;

    internal override CaseTrigger AuthorizedAs => CaseTrigger.SubmitForReview;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{From} -> {Addressee}";
}

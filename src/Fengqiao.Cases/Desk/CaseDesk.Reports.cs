using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;

namespace Fengqiao.Cases.Desk;

// Records that report on a case without moving it: the task force's written report (书面报送) and a deputy's score (测评打分).
public sealed partial class CaseDesk
{
    /// <summary>Files a written report (书面报送) on the case from the unit holding it to an addressee; the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A worker of the unit holding the case, which is the reporting unit.</param>
    /// <param name="addressee">The unit the report goes to (the secretary); must be in the directory when one is configured.</param>
    /// <param name="text">The report's text; not empty.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case, with the report in <see cref="Case.WrittenReports"/>.</returns>
    /// <remarks>Where <see cref="CaseDeskOptions.WrittenReports"/> names the unit, this is what lets its cases close.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The actor may not (<see cref="CaseRefusalKind.Unauthorized"/>), or acts for a unit
    /// that does not hold the case, or the addressee is unknown or the unit itself (<see cref="CaseRefusalKind.InvalidArgument"/>); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> FileWrittenReportAsync(CaseId id, CaseActor actor, OrgUnitId addressee, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return actor.Unit is { } from
            ? RecordAsync(id, actor, new CaseWrittenReportFiled(from, addressee, text), null, cancellationToken)
            : RefuseAsync(id, actor, CaseLifecycle.CaseTrigger.SubmitForReview, $"a written report (书面报送) comes from the unit holding the case, and '{actor.Id}' acts for none", cancellationToken);
    }

    /// <summary>Records a people's deputy's score of a closed case (测评打分); the state does not change.</summary>
    /// <param name="id">The case; it must be closed.</param>
    /// <param name="deputy">The deputy (<see cref="CaseActor.Deputy(ActorId)"/>), who may rate the case under the authoriser.</param>
    /// <param name="score">The score, from <see cref="CaseDeputyScored.MinScore"/> to <see cref="CaseDeputyScored.MaxScore"/>.</param>
    /// <param name="remark">The deputy's remark or suggestion, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case, with the score in <see cref="Case.DeputyScores"/>.</returns>
    /// <remarks>A score does not reopen the case: a deputy unsatisfied with the result reopens it (<see cref="ReopenAsync"/>) and may
    /// supervise the new holder (监督调度) with a graded supervision, as Baiyin's deputies do.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="deputy"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..100.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The actor is no deputy or may not rate this case (<see cref="CaseRefusalKind.Unauthorized"/>),
    /// or the case is not closed (<see cref="CaseRefusalKind.InvalidArgument"/>); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ScoreAsync(CaseId id, CaseActor deputy, int score, string? remark = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deputy);
        return RecordAsync(id, deputy, new CaseDeputyScored(deputy.Id, score, remark), null, cancellationToken);
    }
}

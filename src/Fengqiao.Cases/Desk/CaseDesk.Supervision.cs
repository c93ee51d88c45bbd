using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Desk;

// Tracked supervision (督办) and whistle-and-report (吹哨报到): the desk calls and the checks particular to them.
public sealed partial class CaseDesk
{
    /// <summary>Supervises the case (督办) with a tracked supervision: the actor's unit presses a target unit to act within a limit; the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A leader or supervisor of a unit above the unit holding the case (or above its grid while no unit holds it); that unit issues the supervision.</param>
    /// <param name="targetUnit">The unit pressed, usually the holder; must be in the directory when one is configured.</param>
    /// <param name="limit">The supervision's own time limit; its deadline is counted from now on the case's calendar.</param>
    /// <param name="grade">The grade: yellow, red, or named (挂牌督办).</param>
    /// <param name="note">What is pressed for, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action, with the new entry in <see cref="Case.Supervisions"/>.</returns>
    /// <remarks>
    /// The supervision closes by itself when the case reaches Resolved or later, or when the target held the case and no
    /// longer does. When its deadline passes while it is open, the sweep records that once
    /// (<see cref="Events.CaseSupervisionOverdue"/>), and a policy may re-issue it higher.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="limit"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: an unknown unit, or an issuing unit not above the holder); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> SuperviseAsync(
        CaseId id, CaseActor actor, OrgUnitId targetUnit, TimeLimit limit, CaseSupervisionGrade grade, string? note = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(limit);
        return actor.Unit is { } issuer
            ? ActAsync(id, actor, new CaseSupervisionIssued(issuer, targetUnit, limit, grade, note), cancellationToken)
            : RefuseAsync(id, actor, CaseTrigger.Supervise, $"a tracked supervision of '{targetUnit}' needs an issuing unit, and '{actor.Id}' acts for none", cancellationToken);
    }

    /// <summary>Blows the whistle (吹哨): the actor's unit (a street or centre) summons departments to the case, each to report in (报到) within a limit; the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A leader or supervisor of the unit holding the case or of a unit above it (its street or centre); that unit is the caller.</param>
    /// <param name="departments">The departments summoned: at least one, no repeats, not the caller; each must be in the directory when one is configured.</param>
    /// <param name="limit">How long each department has to report in, counted from now on the case's calendar.</param>
    /// <param name="note">What the departments are summoned for, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action, with the new entry in <see cref="Case.Summonses"/>.</returns>
    /// <remarks>A department that has not reported in when its deadline passes is recorded once by the sweep (<see cref="Events.CaseSummonsOverdue"/>).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/>, <paramref name="departments"/> or <paramref name="limit"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: summoning nobody, a department twice or the caller itself, or an unknown unit); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> SummonAsync(
        CaseId id, CaseActor actor, IEnumerable<OrgUnitId> departments, TimeLimit limit, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(limit);
        return actor.Unit is { } caller
            ? ActAsync(id, actor, new CaseSummoned(caller, [.. departments], limit, note), cancellationToken)
            : RefuseAsync(id, actor, CaseTrigger.Summon, $"a summons (吹哨) needs a calling unit, and '{actor.Id}' acts for none", cancellationToken);
    }

    /// <summary>Reports a summoned department in (报到) on the case; the state does not change.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">A member of the department.</param>
    /// <param name="department">The department reporting in; an open summons on the case must name it, and it must not have reported in to it already.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action. A supervision issued because the department had not reported in closes.</returns>
    /// <remarks>A report after the deadline is recorded too; the no-show recorded before it stands.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also: the department was not summoned, has already reported in, or is not the actor's unit); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ReportInAsync(CaseId id, CaseActor actor, OrgUnitId department, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, new CaseReportedIn(department), cancellationToken);

    private static int CheckReportIn(Case current, CaseActor actor, OrgUnitId department, Func<CaseRefusalKind, string, CaseActionRefusedException> refuse)
    {
        if (actor.Kind == CaseActorKind.Staff && actor.Unit != department)
        {
            throw refuse(CaseRefusalKind.Unauthorized, $"'{actor.Id}' acts for '{actor.Unit}' and cannot report in for department '{department}'");
        }

        CaseSummonedDepartment? reported = null;
        for (var i = current.Summonses.Length - 1; i >= 0; i--)
        {
            var summons = current.Summonses[i];
            if (!summons.IsOpen || summons.Department(department) is not { } standing)
            {
                continue;
            }

            if (!standing.HasReported)
            {
                return summons.Sequence;
            }

            reported ??= standing;
        }

        // No summons waits for it: the unit a leader's instruction named may report back (回复批示).
        if (current.Supervisions.Any(s => s.IsOpen && s.Instruction is not null && s.TargetUnit == department))
        {
            return 0;
        }

        throw reported is { ReportedAt: { } at }
            ? refuse(CaseRefusalKind.InvalidArgument, $"department '{department}' already reported in at {at}")
            : refuse(CaseRefusalKind.InvalidArgument, $"department '{department}' was not summoned (吹哨) to this case by an open summons, and no open instruction (批示) names it");
    }

    private async Task CheckSupervisionAsync(
        Case current, CaseActor actor, CaseSupervisionIssued step, Func<CaseRefusalKind, string, CaseActionRefusedException> refuse, CancellationToken cancellationToken)
    {
        var issuer = step.Issuer;
        if (directory is null)
        {
            return;
        }

        if (await directory.FindUnitAsync(issuer, cancellationToken).ConfigureAwait(false) is null)
        {
            throw refuse(CaseRefusalKind.InvalidArgument, $"there is no issuing unit '{issuer}' in the directory");
        }

        if (actor.Kind == CaseActorKind.Staff)
        {
            var area = current.HoldingUnit ?? current.Report.Location.Grid;
            if (issuer == area || !await IsWithinAsync(area, issuer, cancellationToken).ConfigureAwait(false))
            {
                throw refuse(CaseRefusalKind.Unauthorized, $"unit '{issuer}' is not above '{area}', where the case is, and cannot issue a supervision (督办) on it");
            }
        }
    }

    private async Task CheckInstructionAsync(CaseInstructed step, Func<CaseRefusalKind, string, CaseActionRefusedException> refuse, CancellationToken cancellationToken)
    {
        if ((step.Unit is null) != (step.Limit is null))
        {
            throw refuse(CaseRefusalKind.InvalidArgument, step.Unit is { } unit
                ? $"the instruction names unit '{unit}' but no limit; an instruction names both a unit and a limit, or neither"
                : $"the instruction sets a limit of {step.Limit} but names no unit; an instruction names both a unit and a limit, or neither");
        }

        if (step.Unit is { } named && (named.Value is null
            || (directory is not null && await directory.FindUnitAsync(named, cancellationToken).ConfigureAwait(false) is null)))
        {
            throw refuse(CaseRefusalKind.InvalidArgument, $"the instruction names unit '{named}', which is not in the directory");
        }
    }

    private async Task CheckSummonsAsync(
        CaseSummoned step, Func<CaseRefusalKind, string, CaseActionRefusedException> refuse, CancellationToken cancellationToken)
    {
        var caller = step.Caller;
        var departments = step.Departments.IsDefault ? [] : step.Departments;
        if (departments.IsEmpty)
        {
            throw refuse(CaseRefusalKind.InvalidArgument, $"the summons by '{caller}' names no department: it would summon nobody");
        }

        if (step.Limit is null)
        {
            throw refuse(CaseRefusalKind.InvalidArgument, $"the summons by '{caller}' gives no report-in limit");
        }

        var seen = new HashSet<OrgUnitId>();
        foreach (var department in departments)
        {
            if (department.Value is null)
            {
                throw refuse(CaseRefusalKind.InvalidArgument, $"the summons by '{caller}' names an empty department id");
            }

            if (department == caller)
            {
                throw refuse(CaseRefusalKind.InvalidArgument, $"unit '{caller}' cannot summon itself");
            }

            if (!seen.Add(department))
            {
                throw refuse(CaseRefusalKind.InvalidArgument, $"department '{department}' is summoned twice");
            }

            if (directory is not null && await directory.FindUnitAsync(department, cancellationToken).ConfigureAwait(false) is null)
            {
                throw refuse(CaseRefusalKind.InvalidArgument, $"there is no unit '{department}' in the directory");
            }
        }

        if (directory is not null && await directory.FindUnitAsync(caller, cancellationToken).ConfigureAwait(false) is null)
        {
            throw refuse(CaseRefusalKind.InvalidArgument, $"there is no calling unit '{caller}' in the directory");
        }
    }

    private async Task<bool> IsWithinAsync(OrgUnitId unit, OrgUnitId ancestor, CancellationToken cancellationToken)
    {
        OrgUnitId? current = unit;
        for (var depth = 0; current is { } c && depth < 64; depth++)
        {
            if (c == ancestor)
            {
                return true;
            }

            current = (await directory!.FindUnitAsync(c, cancellationToken).ConfigureAwait(false))?.Parent;
        }

        return false;
    }
}

using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <content>Who does the desk work: each unit's own members (the profile's first, then the simulated ones), and the
/// leaders' instructions (批示), whistles (吹哨) and supervisions (督办) the profile's <c>simulation:</c> section asks for
/// each day.</content>
internal sealed partial class CountySimulation
{
    private readonly Dictionary<(OrgUnitId Unit, MemberRole Role), CaseActor?> staff = [];

    /// <summary>The unit's first member holding <paramref name="role"/> (the profile's own members come first), or null.</summary>
    private CaseActor? Member(OrgUnitId unit, MemberRole role)
    {
        if (!staff.TryGetValue((unit, role), out var actor))
        {
            actor = tree.Find(unit)?.Members.FirstOrDefault(m => m.Holds(role)) is { } member ? CaseActor.Staff(member.Id, unit) : null;
            staff[(unit, role)] = actor;
        }

        return actor;
    }

    /// <summary>The worker who signs for, handles and answers a work order in <paramref name="unit"/>: the unit's own
    /// worker (a mediation body's or outside body's simulated member, who the mediation desk knows), or the centre.</summary>
    private CaseActor Worker(OrgUnitId? unit)
    {
        if (unit is not { } u)
        {
            return dispatcher;
        }

        return tree.Find(u)?.Kind is OrgUnitKind.MediationBody or OrgUnitKind.OutsideBody
            ? CaseActor.Staff(SimulationOrg.WorkerOf(u), u)
            : Member(u, MemberRole.Worker) ?? CaseActor.Staff(SimulationOrg.WorkerOf(u), u);
    }

    /// <summary>Who reviews a unit's answer (审核) or decides its request: the unit's own reviewer, else the centre.</summary>
    private CaseActor Reviewer(OrgUnitId unit) => Member(unit, MemberRole.Reviewer) ?? dispatcher;

    /// <summary>The unit above <paramref name="unit"/> (it approves the unit's extension requests), or the unit itself at the top.</summary>
    private OrgUnitId Above(OrgUnitId unit) => tree.Find(unit)?.Parent ?? unit;

    /// <summary>Adds the day's instructions, whistles and supervisions to the agenda, at office hours, from their own
    /// generator (so a profile without them draws exactly what it drew before).</summary>
    private void ScheduleDeskWork(Instant dayStart)
    {
        Add(behaviour.InstructionsPerDay, InstructAsync);
        Add(behaviour.WhistlesPerDay, WhistleAsync);
        Add(behaviour.SupervisionsPerDay, SuperviseAsync);

        void Add(double perDay, Func<Task> act)
        {
            if (perDay <= 0)
            {
                return;
            }

            var count = (int)Math.Floor(perDay) + (deskWork.NextDouble() < perDay - Math.Floor(perDay) ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                agenda.Add(dayStart + Duration.FromMinutes((9 * 60) + deskWork.Next(9 * 60)), act);
            }
        }
    }

    /// <summary>An open case held by a unit of the ladder below the centre, drawn from the desk-work generator, or null.</summary>
    private CaseProgress? HeldCase(Func<CaseProgress, bool>? also = null)
    {
        var root = tree.Roots[0].Id;
        var held = open.Values.Where(c => c.Unit is { } u && u != root && !c.Mediated && tree.Find(u)?.Kind is not (OrgUnitKind.MediationBody or OrgUnitKind.OutsideBody) && (also?.Invoke(c) ?? true)).ToList();
        return held.Count == 0 ? null : held[deskWork.Next(held.Count)];
    }

    /// <summary>批示: the county's leader writes an instruction naming the unit holding a case and a limit (typed, as the
    /// desk records them); the offices follow it up as a tracked supervision of that unit with the same limit — the
    /// escalation policy's <c>leader-instruction</c> rule where it applies, else the dispatcher by hand.</summary>
    private async Task InstructAsync()
    {
        if (HeldCase() is not { Unit: { } unit } c)
        {
            metrics.DeskWorkSkipped("instruction");
            return;
        }

        var days = 1 + deskWork.Next(3);
        var name = tree.Find(unit)?.Name ?? unit.Value;
        var instructed = await Act(() => desk.InstructAsync(
            c.Id, dispatcher, $"请{name}{days}个工作日内办结并书面报告 — {name} to settle this within {days} working day(s) and report in writing", unit, TimeLimit.WorkingDays(days))).ConfigureAwait(false);
        // Followed up by the rule already (open, or closed at once on a case already resolved): no second follow-up.
        var now = clock.GetCurrentInstant();
        if (instructed is null || instructed.Supervisions.Any(s => s.Instruction is not null && s.TargetUnit == unit && s.IssuedAt == now))
        {
            return;
        }

        await Act(() => desk.SuperviseAsync(c.Id, dispatcher, unit, TimeLimit.WorkingDays(days), CaseSupervisionGrade.Named, "批示件跟踪督办 follow-up of the leader's instruction")).ConfigureAwait(false);
    }

    /// <summary>吹哨: the head of the street or township over the unit holding a case summons one or two departments,
    /// each of which reports in (报到) within hours.</summary>
    private async Task WhistleAsync()
    {
        var departments = tree.Units.Where(u => u.Kind == OrgUnitKind.Department).Select(u => u.Id).ToList();
        if (departments.Count == 0 || HeldCase(c => StreetOver(c.Unit!.Value) is not null) is not { Unit: { } unit } c || StreetOver(unit) is not { } street
            || Member(street, MemberRole.Leader) is not { } caller)
        {
            metrics.DeskWorkSkipped("whistle");
            return;
        }

        var summoned = departments.Where(d => d != street).OrderBy(_ => deskWork.Next()).Take(1 + deskWork.Next(2)).ToList();
        if (summoned.Count == 0 || await Act(() => desk.SummonAsync(c.Id, caller, summoned, TimeLimit.WorkingDays(1), "街道吹哨、部门报到 the street summons the departments")).ConfigureAwait(false) is not { } after)
        {
            return;
        }

        // A department with a desk at the centre (常驻/轮驻) is summoned to its desk when the desk is staffed: the desk reports in.
        foreach (var department in after.Summonses[^1].Departments.Select(d => d.Department))
        {
            var member = Worker(department);
            Step(c, calendar.AddWorkingTime(clock.GetCurrentInstant(), Duration.FromMinutes(20 + deskWork.Next(3 * 60))), async () =>
            {
                // The summons closes when the case is answered; a department still summoned then reports in.
                if (await desk.FindAsync(c.Id).ConfigureAwait(false) is { } now && now.Summonses.Any(s => s.IsOpen && s.Department(department) is { HasReported: false }))
                {
                    await Act(() => desk.ReportInAsync(c.Id, member, department)).ConfigureAwait(false);
                }
            });
        }
    }

    /// <summary>督办: the centre presses the unit holding a case, tracked against two working days.</summary>
    private async Task SuperviseAsync()
    {
        if (HeldCase() is not { Unit: { } unit } c)
        {
            metrics.DeskWorkSkipped("supervision");
            return;
        }

        await Act(() => desk.SuperviseAsync(c.Id, dispatcher, unit, TimeLimit.WorkingDays(2), CaseSupervisionGrade.Yellow, "请加快办理 press for handling")).ConfigureAwait(false);
    }

    /// <summary>The street or township at or above <paramref name="unit"/>, or null.</summary>
    private OrgUnitId? StreetOver(OrgUnitId unit)
    {
        for (var u = tree.Find(unit); u is not null; u = u.Parent is { } parent ? tree.Find(parent) : null)
        {
            if (u.Kind == OrgUnitKind.Street)
            {
                return u.Id;
            }
        }

        return null;
    }
}

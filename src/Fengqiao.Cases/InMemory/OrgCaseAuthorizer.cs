using System.Collections.Immutable;
using System.Collections.Frozen;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;

namespace Fengqiao.Cases.InMemory;

/// <summary>The default authoriser: decides from the actor's kind and, for staff, from their roles in the org directory.</summary>
/// <remarks>
/// <para>Rules:</para>
/// <list type="bullet">
/// <item>System (系统): any trigger, but only with a recorded cause.</item>
/// <item>Citizen: Withdraw and Rate, and only on the case whose query code they present; the code of a report joined to
/// the case (<see cref="Case.JoinedQueryCodeDigests"/>) finds the case but acts on nothing.</item>
/// <item>People's deputy (人大代表): Rate and Reopen (and Supervise when <see cref="DeputiesSupervise"/>) — never handle or resolve. A deputy not in the register is
/// refused: the register is the one given to the second constructor, else every member of an <see cref="OrgTree"/>
/// directory holding <see cref="MemberRole.Deputy"/>, with their unit as their area (a directory that is not an
/// <see cref="OrgTree"/> and no register: every deputy is refused). A registered deputy acts on the cases
/// <see cref="DeputyScope"/> allows: by default those assigned to them (<see cref="Case.AssignedDeputies"/>) or
/// whose grid lies within their area.</item>
/// <item>Intake channel (<see cref="CaseActor.Channel"/>): nothing; it only registers reports, which needs no authorisation.</item>
/// <item>Staff act for <see cref="CaseActor.Unit"/> and must be a member of it. A <see cref="MemberRole.Worker"/> may
/// Claim, Start, Resolve, SubmitForReview, Return and RequestExtension only on a case held by that unit (or, for
/// Resolve, SubmitForReview of the agreement it reached, and HandBack, handed off to it). In the unit's area — the case's holding unit, else its grid, lies within
/// the actor's unit — a <see cref="MemberRole.Dispatcher"/> may Accept, Decline, Dispatch, Merge, Escalate, HandOff,
/// HandBack, Suspend, Resume, CallBack, Rate (on the citizen's behalf at call-back), Close and Withdraw; a
/// <see cref="MemberRole.Reviewer"/> may Approve, Reject, GrantExtension and DenyExtension; a
/// <see cref="MemberRole.Leader"/> may Instruct, Supervise, Summon (吹哨), Reopen and AssignDeputy (a dispatcher may AssignDeputy too); a <see cref="MemberRole.Supervisor"/> may
/// Supervise and Summon; an <see cref="MemberRole.Escalator"/> may Escalate (上报). The desk further requires that a tracked supervision's issuing unit (the actor's) lies above
/// the holder.</item>
/// <item>ReportIn (报到): any member of a unit that an open summons on the case names, or that an open follow-up of a
/// leader's instruction (批示) names (reporting back).</item>
/// </list>
/// <para>Denials name the rule that failed, never personal data.</para>
/// </remarks>
/// <threadsafety>Thread-safe when the directory is (an <see cref="OrgTree"/> is).</threadsafety>
public sealed class OrgCaseAuthorizer : ICaseAuthorizer
{
    private static readonly FrozenSet<CaseTrigger> HoldingUnitWork = new[]
    {
        CaseTrigger.Claim, CaseTrigger.Start, CaseTrigger.Resolve, CaseTrigger.SubmitForReview, CaseTrigger.Return, CaseTrigger.RequestExtension,
    }.ToFrozenSet();

    private static readonly FrozenDictionary<MemberRole, FrozenSet<CaseTrigger>> AreaWork = new Dictionary<MemberRole, FrozenSet<CaseTrigger>>
    {
        [MemberRole.Dispatcher] = new[]
        {
            CaseTrigger.Accept, CaseTrigger.Decline, CaseTrigger.Dispatch, CaseTrigger.Merge, CaseTrigger.Escalate, CaseTrigger.HandOff,
            CaseTrigger.HandBack, CaseTrigger.Suspend, CaseTrigger.Resume, CaseTrigger.CallBack, CaseTrigger.Rate, CaseTrigger.Close,
            CaseTrigger.Withdraw, CaseTrigger.AssignDeputy,
        }.ToFrozenSet(),
        [MemberRole.Reviewer] = new[] { CaseTrigger.Approve, CaseTrigger.Reject, CaseTrigger.GrantExtension, CaseTrigger.DenyExtension }.ToFrozenSet(),
        [MemberRole.Leader] = new[] { CaseTrigger.Instruct, CaseTrigger.Supervise, CaseTrigger.Reopen, CaseTrigger.Summon, CaseTrigger.AssignDeputy }.ToFrozenSet(),
        [MemberRole.Supervisor] = new[] { CaseTrigger.Supervise, CaseTrigger.Summon }.ToFrozenSet(),
        [MemberRole.Escalator] = new[] { CaseTrigger.Escalate }.ToFrozenSet(),
    }.ToFrozenDictionary();

    private readonly IOrgDirectory directory;
    private readonly FrozenDictionary<ActorId, ImmutableArray<OrgUnitId>> deputyAreas;
    private readonly DeputyScope deputyScope;

    /// <summary>Creates the authoriser over a directory; the people's deputies are the members of an <see cref="OrgTree"/> directory holding <see cref="MemberRole.Deputy"/>, each with their unit as their area.</summary>
    /// <param name="directory">The org directory (units, parents, members and roles).</param>
    /// <remarks>A deputy who is a member of several units has all of them as their area. With a directory that is not an <see cref="OrgTree"/> no deputy is known, so every deputy is refused: use the second constructor.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public OrgCaseAuthorizer(IOrgDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        this.directory = directory;
        deputyAreas = directory is OrgTree tree
            ? tree.Units
                .SelectMany(u => (u.Members.IsDefault ? [] : u.Members).Where(m => m.Holds(MemberRole.Deputy)).Select(m => (m.Id, u.Id)))
                .GroupBy(p => p.Item1, p => p.Item2)
                .ToFrozenDictionary(g => g.Key, g => g.Distinct().ToImmutableArray())
            : FrozenDictionary<ActorId, ImmutableArray<OrgUnitId>>.Empty;
    }

    /// <summary>Creates the authoriser over a directory and a register of people's deputies (人大代表) with their areas.</summary>
    /// <param name="directory">The org directory (units, parents, members and roles).</param>
    /// <param name="deputyAreas">Each registered deputy's id and the unit whose subtree is their area (a street, a township, the county).</param>
    /// <remarks>A deputy not in the register is refused; a registered deputy acts only on a case whose grid lies within their area.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> or <paramref name="deputyAreas"/> is null.</exception>
    public OrgCaseAuthorizer(IOrgDirectory directory, IReadOnlyDictionary<ActorId, OrgUnitId> deputyAreas)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(deputyAreas);
        this.directory = directory;
        this.deputyAreas = deputyAreas.ToFrozenDictionary(p => p.Key, p => ImmutableArray.Create(p.Value));
    }

    /// <summary>Gets or initialises which cases a registered people's deputy may rate and reopen; <see cref="DeputyScope.AssignedOrArea"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Organisation.DeputyScope"/>.</exception>
    public DeputyScope DeputyScope
    {
        get => deputyScope;
        init => deputyScope = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a deputy scope.");
    }

    /// <summary>Gets or initialises whether a registered people's deputy may also supervise (监督调度, <see cref="CaseTrigger.Supervise"/>)
    /// the cases their scope lets them rate; <see langword="false"/> by default.</summary>
    /// <remarks>A deputy's tracked supervision is issued from the unit on the actor (<see cref="CaseActor.Deputy(ActorId, OrgUnitId)"/>),
    /// which must be one of the deputy's areas; the supervision shows the deputy as <see cref="CaseSupervision.IssuedBy"/>.</remarks>
    public bool DeputiesSupervise { get; init; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="current"/> is null.</exception>
    public async ValueTask<CaseAuthorization> AuthorizeAsync(
        CaseActor actor, CaseTrigger trigger, Case current, bool hasCause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(current);
        switch (actor.Kind)
        {
            case CaseActorKind.System:
                return hasCause ? CaseAuthorization.Allow : CaseAuthorization.Deny("the system acts only with a recorded cause (rule and facts)");
            case CaseActorKind.Citizen:
                if (actor.QueryCodeDigest is not { } digest || digest != current.QueryCodeDigest)
                {
                    return CaseAuthorization.Deny(actor.QueryCodeDigest is { } joined && current.HoldsQueryCode(joined)
                        ? "a joined report's query code follows the case but does not withdraw or rate it (the first reporter's code does)"
                        : "a citizen acts only on the case whose query code they present");
                }

                return trigger is CaseTrigger.Withdraw or CaseTrigger.Rate
                    ? CaseAuthorization.Allow
                    : CaseAuthorization.Deny($"a citizen may only withdraw or rate, not {trigger}");
            case CaseActorKind.Channel:
                return CaseAuthorization.Deny($"an intake channel only registers reports; it may not {trigger}");
            case CaseActorKind.Deputy:
                if (trigger is not (CaseTrigger.Rate or CaseTrigger.Reopen) && !(trigger == CaseTrigger.Supervise && DeputiesSupervise))
                {
                    return CaseAuthorization.Deny(DeputiesSupervise
                        ? $"a people's deputy may rate, reopen and supervise, not {trigger}"
                        : $"a people's deputy may rate and reopen, not {trigger}");
                }

                if (!deputyAreas.TryGetValue(actor.Id, out var areas))
                {
                    return CaseAuthorization.Deny($"'{actor.Id}' is not a registered people's deputy");
                }

                if (actor.Unit is { } from && !areas.Contains(from))
                {
                    return CaseAuthorization.Deny($"people's deputy '{actor.Id}' acts from '{string.Join("', '", areas)}', not from '{from}'");
                }

                if (DeputyScope != DeputyScope.Area && current.AssignedDeputies.Contains(actor.Id))
                {
                    return CaseAuthorization.Allow;
                }

                var grid = current.Report.Location.Grid;
                if (DeputyScope != DeputyScope.Assigned)
                {
                    foreach (var area in areas)
                    {
                        if (await IsWithinAsync(grid, area, cancellationToken).ConfigureAwait(false))
                        {
                            return CaseAuthorization.Allow;
                        }
                    }
                }

                return DeputyScope == DeputyScope.Assigned
                    ? CaseAuthorization.Deny($"people's deputy '{actor.Id}' acts only on cases assigned to them, and this case is not")
                    : CaseAuthorization.Deny($"people's deputy '{actor.Id}' acts in '{string.Join("', '", areas)}', and the case is in '{grid}', outside it{(DeputyScope == DeputyScope.AssignedOrArea ? ", and is not assigned to them" : "")}");
            default:
                return await AuthorizeStaffAsync(actor, trigger, current, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>Only staff acting for the unit holding the case, and members of it, pass work between its posts: while a post
    /// has the case, a member who holds that post (the post hands its own work on); before any post has it, any member
    /// of the unit (the information officer who registered it, the manager who took it). The system, citizens, deputies
    /// and intake channels never hand over (the sweep's own hand-over from a post whose limit passed is not asked about).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="current"/> is null.</exception>
    public async ValueTask<CaseAuthorization> AuthorizeHandOverAsync(CaseActor actor, Case current, MemberRole post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(current);
        if (current.HoldingUnit is not { } holder)
        {
            return CaseAuthorization.Deny("no unit holds the case, so no post within one can take it");
        }

        if (actor.Kind != CaseActorKind.Staff || actor.Unit != holder)
        {
            return CaseAuthorization.Deny($"only a member of unit '{holder}', which holds the case, may pass work between its posts");
        }

        var unit = await directory.FindUnitAsync(holder, cancellationToken).ConfigureAwait(false);
        var member = unit?.Members.IsDefault == false ? unit.Members.FirstOrDefault(m => m.Id == actor.Id) : null;
        if (member is null)
        {
            return CaseAuthorization.Deny($"'{actor.Id}' is not a member of unit '{holder}', which holds the case, and may not pass work between its posts");
        }

        return current.Post is { } now && !member.Holds(new MemberRole(now.Post))
            ? CaseAuthorization.Deny($"post '{now.Post}' has the case, and '{actor.Id}' does not hold it, so may not pass it to post '{post}'")
            : CaseAuthorization.Allow;
    }

    private async ValueTask<CaseAuthorization> AuthorizeStaffAsync(CaseActor actor, CaseTrigger trigger, Case current, CancellationToken cancellationToken)
    {
        var unitId = actor.Unit!.Value;
        var unit = await directory.FindUnitAsync(unitId, cancellationToken).ConfigureAwait(false);
        var member = unit?.Members.IsDefault == false ? unit.Members.FirstOrDefault(m => m.Id == actor.Id) : null;
        if (member is null)
        {
            return CaseAuthorization.Deny($"'{actor.Id}' is not a member of unit '{unitId}'");
        }

        if (HoldingUnitWork.Contains(trigger) && member.Holds(MemberRole.Worker))
        {
            var handedOffHere = current.HandedOffTo == unitId && trigger is CaseTrigger.Resolve or CaseTrigger.SubmitForReview;
            if (current.HoldingUnit == unitId || handedOffHere)
            {
                return CaseAuthorization.Allow;
            }
        }

        if (trigger == CaseTrigger.HandBack && current.HandedOffTo == unitId)
        {
            return CaseAuthorization.Allow;
        }

        if (trigger == CaseTrigger.ReportIn)
        {
            return current.Summonses.Any(s => s.IsOpen && s.Department(unitId) is not null)
                || current.Supervisions.Any(s => s.IsOpen && s.Instruction is not null && s.TargetUnit == unitId)
                ? CaseAuthorization.Allow
                : CaseAuthorization.Deny($"unit '{unitId}' was not summoned (吹哨) to this case by an open summons, nor named by an open instruction (批示), so it cannot report in");
        }

        var roles = AreaWork.Where(r => r.Value.Contains(trigger) && member.Holds(r.Key)).ToList();
        if (roles.Count > 0)
        {
            var area = current.HoldingUnit ?? current.Report.Location.Grid;
            if (await IsWithinAsync(area, unitId, cancellationToken).ConfigureAwait(false))
            {
                return CaseAuthorization.Allow;
            }

            return CaseAuthorization.Deny($"unit '{unitId}' is not responsible for '{area}', where the case is");
        }

        return HoldingUnitWork.Contains(trigger) && member.Holds(MemberRole.Worker)
            ? CaseAuthorization.Deny($"only a worker of the unit holding the case may {trigger}; it is held by '{current.HoldingUnit?.ToString() ?? "no unit"}'")
            : CaseAuthorization.Deny($"no role '{actor.Id}' holds in '{unitId}' permits {trigger}");
    }

    private async ValueTask<bool> IsWithinAsync(OrgUnitId unit, OrgUnitId ancestor, CancellationToken cancellationToken)
    {
        OrgUnitId? current = unit;
        for (var depth = 0; current is { } c && depth < 64; depth++)
        {
            if (c == ancestor)
            {
                return true;
            }

            var found = await directory.FindUnitAsync(c, cancellationToken).ConfigureAwait(false);
            current = found?.Parent;
        }

        return false;
    }
}

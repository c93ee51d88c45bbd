using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Testing;

/// <summary>
/// One desk call, as data: a trigger with its arguments, played on a case by an actor. Scripts and county scenarios are
/// lists of these; <see cref="InvokeAsync"/> makes the matching <see cref="CaseDesk"/> call.
/// </summary>
/// <remarks>Arguments a trigger does not use are ignored; a missing argument a trigger needs is filled with a plain
/// default (a reason "test", a reply "已办结", one working day) so that the desk, not this record, decides about it.</remarks>
/// <param name="Trigger">The action.</param>
/// <param name="Target">The unit for <c>dispatch</c>, <c>escalate</c>, <c>hand-off</c> and <c>report-in</c>, and the unit pressed by a tracked <c>supervise</c>; the departments' first for <c>summon</c>.</param>
/// <param name="Text">The reply, reason, note or instruction.</param>
/// <param name="Rating">The rating for <c>rate</c>.</param>
/// <param name="Into">The surviving case for <c>merge</c>.</param>
/// <param name="Limit">The limit for <c>request-extension</c>, <c>grant-extension</c>, <c>summon</c> and a tracked <c>supervise</c>.</param>
/// <param name="Departments">The departments for <c>summon</c>.</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record DeskAction(
    CaseTrigger Trigger,
    OrgUnitId? Target = null,
    string? Text = null,
    CaseRating Rating = CaseRating.Satisfied,
    CaseId? Into = null,
    TimeLimit? Limit = null,
    ImmutableArray<OrgUnitId> Departments = default)
{
    /// <summary>Gets or initialises the people's deputy for <c>assign-deputy</c>.</summary>
    public ActorId? Deputy { get; init; }

    /// <summary>Gets or initialises the grade of a tracked supervision (<c>supervise</c> with <see cref="Target"/> and <see cref="Limit"/>);
    /// <see cref="CaseSupervisionGrade.Yellow"/> when <see langword="null"/>.</summary>
    public CaseSupervisionGrade? Grade { get; init; }

    /// <summary>Gets every trigger a desk action can play (all of <see cref="CaseTrigger"/>).</summary>
    public static ImmutableArray<CaseTrigger> Triggers { get; } = [.. Enum.GetValues<CaseTrigger>().Order()];

    /// <summary>Gets the kebab-case name of a trigger, as scenarios write it (<c>request-extension</c>, <c>submit-for-review</c>).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns>The name.</returns>
    public static string NameOf(CaseTrigger trigger)
    {
        var text = trigger.ToString();
        var builder = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(text[i]));
        }

        return builder.ToString();
    }

    /// <summary>Finds the trigger a kebab-case name stands for.</summary>
    /// <param name="name">The name, such as <c>grant-extension</c>.</param>
    /// <param name="trigger">The trigger, when the name is known.</param>
    /// <returns>Whether the name is a trigger's.</returns>
    public static bool TryParseName(string? name, out CaseTrigger trigger)
    {
        foreach (var t in Triggers)
        {
            if (string.Equals(NameOf(t), name, StringComparison.Ordinal))
            {
                trigger = t;
                return true;
            }
        }

        trigger = default;
        return false;
    }

    /// <summary>Plays the action on a desk.</summary>
    /// <param name="desk">The desk.</param>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the action (and after the policies acted).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="desk"/> or <paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The action needs a unit (dispatch, escalate, hand-off, summon, report-in) or a case (merge) and has none.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused; nothing changed.</exception>
    /// <exception cref="CaseNotFoundException">No such case.</exception>
    public Task<Case> InvokeAsync(CaseDesk desk, CaseId id, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(actor);
        var reason = Text ?? "test";
        return Trigger switch
        {
            CaseTrigger.Accept => desk.AcceptAsync(id, actor, cancellationToken),
            CaseTrigger.Decline => desk.DeclineAsync(id, actor, reason, cancellationToken),
            CaseTrigger.Dispatch => desk.DispatchAsync(id, actor, Unit(), cancellationToken),
            CaseTrigger.Claim => desk.ClaimAsync(id, actor, cancellationToken),
            CaseTrigger.Start => desk.StartAsync(id, actor, cancellationToken),
            CaseTrigger.Resolve => desk.ResolveAsync(id, actor, Text ?? "已办结", cancellationToken),
            CaseTrigger.SubmitForReview => desk.SubmitForReviewAsync(id, actor, cancellationToken),
            CaseTrigger.Approve => desk.ApproveAsync(id, actor, cancellationToken),
            CaseTrigger.Reject => desk.RejectAsync(id, actor, reason, cancellationToken),
            CaseTrigger.CallBack => desk.CallBackAsync(id, actor, Text, cancellationToken),
            CaseTrigger.Rate => desk.RateAsync(id, actor, Rating, cancellationToken),
            CaseTrigger.Close => desk.CloseAsync(id, actor, cancellationToken),
            CaseTrigger.Return => desk.ReturnAsync(id, actor, reason, cancellationToken),
            CaseTrigger.Suspend => desk.SuspendAsync(id, actor, reason, cancellationToken),
            CaseTrigger.Resume => desk.ResumeAsync(id, actor, cancellationToken),
            CaseTrigger.RequestExtension => desk.RequestExtensionAsync(id, actor, reason, Limit, cancellationToken),
            CaseTrigger.GrantExtension => desk.GrantExtensionAsync(id, actor, Limit, cancellationToken),
            CaseTrigger.DenyExtension => desk.DenyExtensionAsync(id, actor, reason, cancellationToken),
            CaseTrigger.Escalate => desk.EscalateAsync(id, actor, Unit(), Text, cancellationToken),
            CaseTrigger.Reopen => desk.ReopenAsync(id, actor, reason, cancellationToken),
            CaseTrigger.Merge => desk.MergeAsync(id, actor, Into ?? throw new InvalidOperationException($"'merge' of case '{id}' needs the case to merge into."), reason, cancellationToken),
            CaseTrigger.Withdraw => desk.WithdrawAsync(id, actor, Text, cancellationToken),
            CaseTrigger.HandOff => desk.HandOffAsync(id, actor, Unit(), Text, cancellationToken),
            CaseTrigger.HandBack => desk.HandBackAsync(id, actor, Text, cancellationToken),
            CaseTrigger.Supervise => (Target, Limit) switch
            {
                // A tracked supervision (督办) of a unit within a limit, e.g. a deputy's 监督调度 from their area.
                ({ } unit, { } limit) => desk.SuperviseAsync(id, actor, unit, limit, Grade ?? CaseSupervisionGrade.Yellow, Text, cancellationToken),
                _ => desk.SuperviseAsync(id, actor, Text, cancellationToken),
            },
            CaseTrigger.Instruct => (Target, Limit) switch
            {
                // An instruction naming the unit instructed and its limit (请市住建局即刻处理) is followed up as a tracked supervision.
                ({ } unit, { } limit) => desk.InstructAsync(id, actor, Text ?? "抓紧办理", unit, limit, cancellationToken),
                (null, null) => desk.InstructAsync(id, actor, Text ?? "抓紧办理", cancellationToken),
                // One without the other: the desk refuses it, naming what is missing.
                _ => desk.ActAsync(id, actor, new Fengqiao.Cases.Events.CaseInstructed(Text ?? "抓紧办理") { Unit = Target, Limit = Limit }, null, cancellationToken),
            },
            CaseTrigger.Summon => desk.SummonAsync(id, actor, Departments.IsDefaultOrEmpty ? [Unit()] : Departments, Limit ?? TimeLimit.WorkingDays(1), Text, cancellationToken),
            CaseTrigger.ReportIn => desk.ReportInAsync(id, actor, Unit(), cancellationToken),
            CaseTrigger.AssignDeputy => desk.AssignDeputyAsync(id, actor, Deputy ?? throw new InvalidOperationException($"'assign-deputy' of case '{id}' needs a deputy."), Text, cancellationToken),
            _ => throw new InvalidOperationException($"{Trigger} is not a desk action."),
        };

        OrgUnitId Unit() => Target ?? throw new InvalidOperationException($"'{NameOf(Trigger)}' of case '{id}' needs a unit.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        NameOf(Trigger) + (Target is { } t ? $" to {t}" : "") + (Into is { } i ? $" into {i}" : "") +
        (Trigger == CaseTrigger.Rate ? $" {Rating}" : "") + (Limit is { } l ? $" ({l})" : "");
}

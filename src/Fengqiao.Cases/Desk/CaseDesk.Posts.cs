using System.Globalization;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cases.Desk;

// Posts within a unit (岗位): hand-overs between them, and the sweep's escalation from a post whose limit passed.
public sealed partial class CaseDesk
{
    private const string PostOverdueRuleId = "post.overdue";

    /// <summary>Passes the work on a case to a post within the unit holding it (岗位交接); the state does not change.</summary>
    /// <param name="id">The case; a unit must hold it.</param>
    /// <param name="actor">A member of the holding unit: while a post has the case, one who holds that post; before any
    /// post has it, any member of the unit (the information officer who registered it, the manager who took it).</param>
    /// <param name="post">The post to take the case: one of <see cref="CaseDeskOptions.Posts"/> that a member of the unit holds.</param>
    /// <param name="note">Why, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case, with the post in <see cref="Case.Post"/>.</returns>
    /// <remarks>
    /// <para>The post's limit and the post it escalates to are recorded on the event. When that limit passes while the post
    /// still has the case, the sweep hands the case to the post it escalates to (cause <c>post.overdue</c>), before anything
    /// moves the case out of the unit. The case leaves every post when it leaves the unit.</para>
    /// <para>The desk checks the case and the county's posts; who may hand over, from the post that has the case to
    /// <paramref name="post"/>, is decided by the authoriser (<see cref="ICaseAuthorizer.AuthorizeHandOverAsync"/>; the
    /// default <see cref="InMemory.OrgCaseAuthorizer"/> allows a member of the holding unit who holds the post that has
    /// the case, or any member before a post has it). Every refusal lists what the actor may do instead.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">No unit holds the case, the county has no such post or the unit no member
    /// holding it, or the case is not open (<see cref="CaseRefusalKind.InvalidArgument"/>); or the authoriser denies the
    /// hand-over (<see cref="CaseRefusalKind.Unauthorized"/>). The refusal lists the actor's permitted triggers; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> HandOverAsync(CaseId id, CaseActor actor, MemberRole post, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return HandOverCoreAsync(id, actor, post, note, cancellationToken);
    }

    private async Task<Case> HandOverCoreAsync(CaseId id, CaseActor actor, MemberRole post, string? note, CancellationToken cancellationToken)
    {
        var current = await LoadRequiredAsync(id, cancellationToken).ConfigureAwait(false);
        var (definition, refusal) = await CheckHandOverAsync(current, actor, post, cancellationToken).ConfigureAwait(false);
        if (refusal is { } r)
        {
            // Typed like every refusal: what was wrong, and what this actor may do on the case instead.
            throw new CaseActionRefusedException(r.Kind, current.Id, current.State, CaseTrigger.Claim, actor, $"hand-over to post '{post}': {r.Reason}",
                await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false));
        }

        var holder = current.HoldingUnit!.Value;
        var record = new CasePostHandedOver(holder, post.Name, definition!.Limit, definition.EscalatesTo?.Name, note);
        var at = Instant.Max(clock.GetCurrentInstant(), current.UpdatedAt);
        var e = new CaseEvent(current.Id, current.Version + 1, at, actor, current.State, current.State, record);
        var events = new List<CaseEvent>(2) { e };
        var next = current.Apply(e);
        (next, _) = await RunPoliciesAsync(next, e, at, events, cancellationToken).ConfigureAwait(false);
        await CommitAsync(current.Version, events, next, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>The desk's checks of a hand-over (the case, the county's posts, the unit's members), then the authoriser's
    /// decision on who may pass the work from the post that has it to <paramref name="post"/>.</summary>
    private async Task<(UnitPost? Definition, (CaseRefusalKind Kind, string Reason)? Refusal)> CheckHandOverAsync(
        Case current, CaseActor actor, MemberRole post, CancellationToken cancellationToken)
    {
        if (!IsOpen(current.State))
        {
            return (null, (CaseRefusalKind.InvalidArgument, $"the case is {current.State}"));
        }

        if (current.HoldingUnit is not { } holder)
        {
            return (null, (CaseRefusalKind.InvalidArgument, "no unit holds the case, so no post within one can take it"));
        }

        if (!posts.TryGetValue(post, out var definition))
        {
            return (null, (CaseRefusalKind.InvalidArgument, posts.Count == 0
                ? "the county has no posts"
                : $"the county's posts are '{string.Join("', '", posts.Keys.Select(k => k.Name).Order(StringComparer.Ordinal))}'"));
        }

        var unit = directory is null ? null : await directory.FindUnitAsync(holder, cancellationToken).ConfigureAwait(false);
        if (unit is null)
        {
            return (null, (CaseRefusalKind.InvalidArgument, $"unit '{holder}' is not in the directory, so its posts are unknown"));
        }

        if (!(unit.Members.IsDefault ? [] : unit.Members).Any(m => m.Holds(post)))
        {
            return (null, (CaseRefusalKind.InvalidArgument, $"no member of unit '{holder}' holds the post"));
        }

        // Who may pass work from the post that has it to this one is the authoriser's to decide (OrgCaseAuthorizer: a
        // member of the unit, holding the post that has the case).
        var decision = await authorizer.AuthorizeHandOverAsync(actor, current, post, cancellationToken).ConfigureAwait(false);
        return decision is { IsAllowed: true }
            ? (definition, null)
            : (null, (CaseRefusalKind.Unauthorized, decision?.Reason ?? "the authoriser gave no decision"));
    }

    /// <summary>The sweep's step for posts: a post that let its limit pass hands the case to the post it escalates to.</summary>
    private Case RecordPassedPostLimit(Case next, Instant at, List<CaseEvent> events)
    {
        if (next.Post is not { } post || !post.IsOverdueAt(at) || !IsOpen(next.State))
        {
            return next;
        }

        var to = new MemberRole(post.EscalatesTo!);
        posts.TryGetValue(to, out var definition);
        var e = new CaseEvent(next.Id, next.Version + 1, at, CaseActor.System, next.State, next.State,
            new CasePostHandedOver(post.Unit, to.Name, definition?.Limit, definition?.EscalatesTo?.Name, $"post '{post.Post}' let its limit pass"))
        {
            Cause = new CaseEventCause(PostOverdueRuleId, new Dictionary<string, string>
            {
                ["unit"] = post.Unit.Value,
                ["from-post"] = post.Post,
                ["to-post"] = to.Name,
                ["deadline"] = InstantPattern.ExtendedIso.Format(post.Deadline!.Value),
                ["since"] = InstantPattern.ExtendedIso.Format(post.Since),
                ["posts-known"] = posts.Count.ToString(CultureInfo.InvariantCulture),
            }),
        };
        events.Add(e);
        return next.Apply(e);
    }
}

using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>Work on the case passed to a post within the unit holding it (岗位交接): Toutunhe's 一格五员, where the
/// information officer registers, the grid manager handles and the co-manager helps — “居民遇到問題可以向網格管理員反映”.</summary>
/// <remarks>
/// <para>Recorded through <see cref="Desk.CaseDesk.HandOverAsync"/>, or by the sweep when the post holding the case lets
/// its limit pass and the county's post names one to escalate to (cause <c>post.overdue</c>); the state does not change.
/// The case shows the post now holding it in <see cref="Case.Post"/>; a post belongs to its unit, so the case leaves the
/// post when it leaves the unit.</para>
/// <para>The limit and the post to escalate to are resolved from the county's posts (<see cref="Desk.CaseDeskOptions.Posts"/>)
/// when the hand-over is decided and recorded here, so a replay needs no options.</para>
/// </remarks>
/// <param name="Unit">The unit holding the case, whose post takes it.</param>
/// <param name="Post">The post (the role its members hold, e.g. <c>grid-manager</c>); not empty.</param>
/// <param name="Limit">How long the post may keep the case, or <see langword="null"/> for no limit of its own.</param>
/// <param name="EscalatesTo">The post the case goes to when <paramref name="Limit"/> passes, or <see langword="null"/>.</param>
/// <param name="Note">Why, or <see langword="null"/>.</param>
/// <exception cref="ArgumentException"><paramref name="Post"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePostHandedOver(OrgUnitId Unit, string Post, TimeLimit? Limit = null, string? EscalatesTo = null, string? Note = null) : CaseRecord
{
    /// <summary>Gets the post; not empty.</summary>
    public string Post { get; init; } = string.IsNullOrWhiteSpace(Post) ? throw new ArgumentException("A post hand-over names the post.", nameof(Post)) : Post;

    internal override CaseTrigger AuthorizedAs => CaseTrigger.Claim;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Unit} {Post}";
}

using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Desk;

/// <summary>A post a county's units may have (岗位): a role their members hold, with its own limit and the post a case goes
/// to when that limit passes, before the case leaves the unit (Toutunhe's 一格五员: 网格长、网格管理员、网格协管员、网格信息员、网格监督员).</summary>
/// <remarks>A unit has the post when one of its members holds <paramref name="Role"/>. Give the county's posts in
/// <see cref="CaseDeskOptions.Posts"/>; <see cref="CaseDesk.HandOverAsync"/> passes work between them.</remarks>
/// <param name="Role">The role that is the post (e.g. <c>grid-co-manager</c>).</param>
/// <param name="Limit">How long the post may keep a case, or <see langword="null"/> for no limit of its own.</param>
/// <param name="EscalatesTo">The post a case goes to when <paramref name="Limit"/> passes, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record UnitPost(MemberRole Role, TimeLimit? Limit = null, MemberRole? EscalatesTo = null);

using System.Collections.Immutable;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Loading;
using Fengqiao.Sla;

namespace Fengqiao.Profiles;

/// <content>Posts within a unit (<c>posts:</c>).</content>
public static partial class CountyProfileLoader
{
    /// <summary>Reads <c>posts:</c>: each a role the county's units have as a post, with its own limit and the post a case goes
    /// to when that limit passes. A post must be held by some member of the org tree.</summary>
    private static ImmutableArray<UnitPost> ReadPosts(Node node, OrgProfile? org)
    {
        if (node.IsMissing)
        {
            return [];
        }

        var heldRoles = org is null
            ? []
            : AllUnits(org).SelectMany(u => u.Members.IsDefault ? [] : u.Members).SelectMany(m => m.Roles.IsDefault ? [] : m.Roles).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var read = new List<(UnitPost Post, Node Role, Node EscalatesTo)>();
        foreach (var item in node.Items())
        {
            var map = item.Map();
            var roleNode = map.Required("role", "the role whose holders are the post, e.g. grid-manager");
            var limitNode = map.Optional("limit");
            var escalatesNode = map.Optional("escalates-to");
            map.Provenance();
            map.Done();
            if (!roleNode.TryRead("a role", t => new MemberRole(t), out var role))
            {
                continue;
            }

            TimeLimit? limit = null;
            if (!limitNode.IsMissing && limitNode.TryRead("a time limit such as \"1 working day\" or \"4 working hours\"", TimeLimit.Parse, out var parsed))
            {
                limit = parsed;
            }

            MemberRole? escalatesTo = null;
            if (!escalatesNode.IsMissing && escalatesNode.TryRead("a post's role", t => new MemberRole(t), out var to))
            {
                escalatesTo = to;
            }

            if (org is not null && !heldRoles.Contains(role.Name))
            {
                roleNode.Problem($"no member of the org tree holds role '{role}', so no unit has this post{Suggest.DidYouMean(role.Name, heldRoles)}");
            }

            if (read.Any(r => r.Post.Role == role))
            {
                roleNode.Problem($"post '{role}' is listed twice");
                continue;
            }

            read.Add((new UnitPost(role, limit, escalatesTo), roleNode, escalatesNode));
        }

        var roles = read.Select(r => r.Post.Role.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (post, _, escalatesNode) in read)
        {
            if (post.EscalatesTo is not { } to)
            {
                continue;
            }

            if (!roles.Contains(to.Name))
            {
                escalatesNode.Problem($"post '{post.Role}' escalates to '{to}', which is not a post listed here{Suggest.DidYouMean(to.Name, roles)}");
            }
            else if (to == post.Role)
            {
                escalatesNode.Problem($"post '{post.Role}' escalates to itself");
            }
            else if (post.Limit is null)
            {
                escalatesNode.Problem($"post '{post.Role}' escalates to '{to}' but has no 'limit' after which it would");
            }
        }

        return [.. read.Select(r => r.Post)];
    }
}

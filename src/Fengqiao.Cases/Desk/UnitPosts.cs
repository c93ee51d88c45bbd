using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Desk;

/// <summary>Checks a county's posts (<see cref="CaseDeskOptions.Posts"/>) once, when the desk is built.</summary>
internal static class UnitPosts
{
    public static IEnumerable<string> Problems(IEnumerable<UnitPost> posts)
    {
        var list = posts.ToList();
        if (list.Any(p => p is null))
        {
            yield return "Posts contains a null post";
            yield break;
        }

        foreach (var twice in list.GroupBy(p => p.Role).Where(g => g.Count() > 1))
        {
            yield return $"Posts lists post '{twice.Key}' {twice.Count()} times";
        }

        var roles = list.Select(p => p.Role).ToHashSet();
        foreach (var post in list)
        {
            if (post.EscalatesTo is { } to && !roles.Contains(to))
            {
                yield return $"Posts: post '{post.Role}' escalates to '{to}', which is not a post";
            }
            else if (post.EscalatesTo == post.Role)
            {
                yield return $"Posts: post '{post.Role}' escalates to itself";
            }
            else if (post.EscalatesTo is not null && post.Limit is null)
            {
                yield return $"Posts: post '{post.Role}' escalates to '{post.EscalatesTo}' but has no limit after which it would";
            }
        }
    }
}

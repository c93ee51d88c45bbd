using System.Text;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>People's deputies (<c>deputies:</c>), posts (<c>posts:</c>) and written reports (<c>written-reports:</c>).</content>
public static partial class CountyProfileWriter
{
    private static void WriteDeputiesAndReports(StringBuilder w, CountyProfile profile, Func<string, ProvenanceEntry?> of)
    {
        if (profile.DeputyScope != DeputyScope.AssignedOrArea || profile.DeputiesSupervise || of("deputies") is not null)
        {
            Line(w, 0, "deputies:");
            Line(w, 1, $"scope: {KebabNames.Of(profile.DeputyScope)}");
            Line(w, 1, $"supervise: {(profile.DeputiesSupervise ? "true" : "false")}");
            WriteProvenance(w, 1, "", of("deputies"));
        }

        var posts = profile.Posts.IsDefault ? [] : profile.Posts;
        if (!posts.IsEmpty)
        {
            Line(w, 0, "posts:");
            for (var i = 0; i < posts.Length; i++)
            {
                Line(w, 1, $"- role: {Quote(posts[i].Role.Name)}");
                if (posts[i].Limit is { } limit)
                {
                    Line(w, 1, $"  limit: {Quote(limit.ToString())}");
                }

                if (posts[i].EscalatesTo is { } to)
                {
                    Line(w, 1, $"  escalates-to: {Quote(to.Name)}");
                }

                WriteProvenance(w, 1, "  ", of(Inv($"posts[{i}]")));
            }
        }

        var reports = profile.WrittenReports.IsDefault ? [] : profile.WrittenReports;
        if (reports.IsEmpty)
        {
            return;
        }

        Line(w, 0, "written-reports:");
        for (var i = 0; i < reports.Length; i++)
        {
            Line(w, 1, $"- unit: {Quote(reports[i].Unit.Value)}");
            Line(w, 1, $"  to: {Quote(reports[i].Addressee.Value)}");
            WriteProvenance(w, 1, "  ", of(Inv($"written-reports[{i}]")));
        }
    }
}

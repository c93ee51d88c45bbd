using System.Text;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>People's deputies (<c>deputies:</c>), posts (<c>posts:</c>), stationed departments (<c>stationed:</c>) and written reports (<c>written-reports:</c>).</content>
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

        var stationed = profile.Stationed.IsDefault ? [] : profile.Stationed;
        if (!stationed.IsEmpty)
        {
            Line(w, 0, "stationed:");
            for (var i = 0; i < stationed.Length; i++)
            {
                var d = stationed[i];
                Line(w, 1, $"- department: {Quote(d.Department.Value)}");
                Line(w, 1, $"  desk: {Quote(d.Desk.Value)}");
                if (!d.RotaDays.IsDefaultOrEmpty)
                {
                    Line(w, 1, $"  rota: [{string.Join(", ", d.RotaDays.Select(x => KebabNames.Of(x)))}]");
                }

                if (!d.RotaDates.IsDefaultOrEmpty)
                {
                    Line(w, 1, $"  rota-dates: [{string.Join(", ", d.RotaDates.Select(x => NodaTime.Text.LocalDatePattern.Iso.Format(x)))}]");
                }

                if (d.WhenAbsent != Fengqiao.Cases.Desk.StationedAbsence.Department)
                {
                    Line(w, 1, $"  when-absent: {KebabNames.Of(d.WhenAbsent)}");
                }

                WriteProvenance(w, 1, "  ", of(Inv($"stationed[{i}]")));
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

using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Cli.Commands;

/// <summary>What <c>profile check</c> prints for <c>stationed:</c>: where a dispatch to each department reaches on each of the next seven days.</summary>
internal static class StationedCheck
{
    public static void Write(TextWriter output, CountyProfile profile, OrgTree tree, LocalDate today)
    {
        foreach (var d in profile.Stationed.IsDefault ? [] : profile.Stationed)
        {
            var centre = tree.Find(d.Desk)?.Parent?.Value ?? "?";
            var how = d.IsRotating
                ? $"rotating 轮驻 ({string.Join(", ", [.. d.RotaDays.Select(x => x.ToString()), .. d.RotaDates.Select(x => x.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))])})"
                : "stationed 常驻";
            var week = Enumerable.Range(0, 7).Select(i => today.PlusDays(i))
                .Select(day => $"{day.DayOfWeek.ToString()[..3]} → {d.Resolve(day)}");
            output.WriteLine($"  {d.Department} at {centre}, {how}: {string.Join(", ", week)}");
        }
    }
}

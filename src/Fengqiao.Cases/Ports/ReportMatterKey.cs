using System.Collections.Immutable;

namespace Fengqiao.Cases.Ports;

/// <summary>A key under which a report is the same matter as another (the rule of
/// <see cref="InMemory.RecentReportDuplicateDetector"/>), for stores that detect duplicates durably.</summary>
/// <param name="Text">The key text. It holds personal data (a phone number or name): a store keeps only a keyed digest of it.</param>
/// <param name="IsWindowed">Whether the match holds only within the duplicate window (the reporter key) or always (the external reference).</param>
/// <remarks>
/// <para>A report has up to two keys: its <see cref="CaseReport.ExternalReference"/> (the same matter forwarded again,
/// whenever) and, when the reporter is named, the reporter (phone, or name when there is no phone) with the category
/// and grid (within the window). Anonymous reports without a reference have none.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public readonly record struct ReportMatterKey(string Text, bool IsWindowed)
{
    /// <summary>Gets the keys of a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Zero to two keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static ImmutableArray<ReportMatterKey> Of(CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var keys = ImmutableArray.CreateBuilder<ReportMatterKey>(2);
        if (report.ExternalReference is { } reference)
        {
            keys.Add(new("reference\n" + reference, IsWindowed: false));
        }

        if (!report.Reporter.IsAnonymous)
        {
            var who = report.Reporter.Phone is { } phone ? "phone\n" + phone : "name\n" + report.Reporter.Name;
            keys.Add(new($"reporter\n{who}\n{report.Category.Key}\n{report.Location.Grid.Value}", IsWindowed: true));
        }

        return keys.ToImmutable();
    }

    /// <summary>Describes the key without its text (which holds personal data).</summary>
    /// <returns>For example <c>ReportMatterKey(windowed)</c>.</returns>
    public override string ToString() => IsWindowed ? "ReportMatterKey(windowed)" : "ReportMatterKey(reference)";
}

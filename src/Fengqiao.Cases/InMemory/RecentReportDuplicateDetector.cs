using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Cases.InMemory;

/// <summary>The default duplicate intake rule: the same external reference, or the same reporter, category and grid within a window.</summary>
/// <remarks>
/// <para>
/// Two reports are the same matter when both carry the same <see cref="CaseReport.ExternalReference"/> (the 12345
/// hotline forwarding a matter already reported), or when a named reporter (<see cref="Reporter.Equals(Reporter?)"/>:
/// same phone, or same name when neither has a phone) reports the same category in the same grid within
/// <see cref="Window"/> of the remembered case's registration. Anonymous reports never match by reporter. The most
/// recently remembered matching case wins.
/// </para>
/// <para>
/// Look-ups are two dictionary probes. Memory holds one entry per external reference and one per reporter, category
/// and grid (the latest case); nothing is persisted, so a restarted host forgets — implement
/// <see cref="IDuplicateDetector"/> over your store to remember across restarts and nodes.
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe: every member may be called concurrently.</threadsafety>
public sealed class RecentReportDuplicateDetector : IDuplicateDetector
{
    private readonly object gate = new();
    private readonly Dictionary<string, CaseId> byReference = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Reporter, CaseCategory Category, OrgUnitId Grid), (CaseId Id, Instant At)> byReporter = [];

    /// <summary>Creates the detector.</summary>
    /// <param name="window">How long after a registration a report by the same reporter about the same category and grid counts as the same matter; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive.</exception>
    public RecentReportDuplicateDetector(Duration window)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The duplicate window must be positive.");
        }

        Window = window;
    }

    /// <summary>Gets the window.</summary>
    public Duration Window { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public ValueTask<CaseId?> FindDuplicateAsync(CaseReport report, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (report.ExternalReference is { } reference && byReference.TryGetValue(reference, out var byRef))
            {
                return ValueTask.FromResult<CaseId?>(byRef);
            }

            if (Key(report) is { } key && byReporter.TryGetValue(key, out var known) && at >= known.At && at - known.At <= Window)
            {
                return ValueTask.FromResult<CaseId?>(known.Id);
            }
        }

        return ValueTask.FromResult<CaseId?>(null);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="registered"/> is null.</exception>
    public ValueTask RememberAsync(Case registered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (registered.Report.ExternalReference is { } reference)
            {
                byReference[reference] = registered.Id;
            }

            if (Key(registered.Report) is { } key)
            {
                byReporter[key] = (registered.Id, registered.RegisteredAt);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Removes the reporter's entry (phone or name, category and grid) when it still names this case; an entry
    /// that names a later case of the same reporter (one not erased) stays. The external reference is not personal
    /// data and stays too.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="erased"/> is null.</exception>
    public ValueTask ForgetAsync(Case erased, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erased);
        lock (gate)
        {
            foreach (var report in erased.JoinedReports.Prepend(erased.Report))
            {
                if (Key(report) is { } key && byReporter.TryGetValue(key, out var known) && known.Id == erased.Id)
                {
                    byReporter.Remove(key);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    // Consistent with Reporter.Equals: the phone when there is one, else the name; anonymous reports have no key.
    private static (string, CaseCategory, OrgUnitId)? Key(CaseReport report) =>
        report.Reporter.IsAnonymous
            ? null
            : (report.Reporter.Phone is { } phone ? "phone:" + phone : "name:" + report.Reporter.Name, report.Category, report.Location.Grid);
}

using System.Collections.Immutable;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Cases.InMemory;

/// <summary>The default duplicate intake rule: the same external reference, or the same reporter, category and grid within a window.</summary>
/// <remarks>
/// <para>
/// Two reports are the same matter when both carry the same <see cref="CaseReport.ExternalReference"/> (the 12345
/// hotline forwarding a matter already reported), or when a named reporter (<see cref="Reporter.Equals(Reporter?)"/>:
/// same phone, or same name without phones) reports the same category in the same grid within
/// <see cref="Window"/> of the remembered case's registration. Anonymous reports never match by reporter.
/// The most recent matching case wins.
/// </para>
/// <para>Memory grows with every registered case; entries older than the window are dropped as new ones arrive
/// (those with an external reference are kept).</para>
/// </remarks>
/// <threadsafety>Thread-safe: every member may be called concurrently.</threadsafety>
public sealed class RecentReportDuplicateDetector : IDuplicateDetector
{
    private readonly object gate = new();
    private ImmutableList<(CaseId Id, Instant At, CaseReport Report)> remembered = [];

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
        var list = Volatile.Read(ref remembered);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var (id, registeredAt, known) = list[i];
            if (report.ExternalReference is { } reference && string.Equals(reference, known.ExternalReference, StringComparison.Ordinal))
            {
                return ValueTask.FromResult<CaseId?>(id);
            }

            if (!report.Reporter.IsAnonymous && report.Reporter.Equals(known.Reporter)
                && report.Category == known.Category && report.Location.Grid == known.Location.Grid
                && at >= registeredAt && at - registeredAt <= Window)
            {
                return ValueTask.FromResult<CaseId?>(id);
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
            var horizon = registered.RegisteredAt - Window;
            var kept = remembered.RemoveAll(r => r.At < horizon && r.Report.ExternalReference is null);
            Volatile.Write(ref remembered, kept.Add((registered.Id, registered.RegisteredAt, registered.Report)));
        }

        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;

namespace Fengqiao.EarlyWarning;

/// <summary>A ledger of acted warning occurrences kept in memory; forgotten when the process ends.</summary>
/// <threadsafety>Safe to call concurrently.</threadsafety>
public sealed class InMemoryWarningLedger : IWarningLedger
{
    private readonly ConcurrentDictionary<string, RaisedWarning> acted = new(StringComparer.Ordinal);

    /// <summary>Gets the warnings recorded so far, in no particular order.</summary>
    public IReadOnlyCollection<RaisedWarning> Acted => [.. acted.Values];

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    public ValueTask<bool> HasActedAsync(RaisedWarning warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return ValueTask.FromResult(acted.ContainsKey(warning.OccurrenceId));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    public ValueTask RecordAsync(RaisedWarning warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        acted.TryAdd(warning.OccurrenceId, warning);
        return ValueTask.CompletedTask;
    }
}

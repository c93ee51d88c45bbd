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
    public ValueTask<bool> HasActedAsync(string occurrenceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(acted.ContainsKey(occurrenceId));

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    public ValueTask RecordAsync(RaisedWarning warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        acted.TryAdd(warning.OccurrenceId, warning);
        return ValueTask.CompletedTask;
    }
}

namespace Fengqiao.EarlyWarning;

/// <summary>A port: remembers which warning occurrences have acted on the desk, so that each acts once.</summary>
/// <remarks>
/// <para><see cref="WarningResponder"/> asks <see cref="HasActedAsync"/> before acting and calls <see cref="RecordAsync"/>
/// after the desk accepted the action. Occurrence ids are deterministic (<see cref="RaisedWarning.OccurrenceId"/>), so a
/// host that keeps this ledger durable and, after a restart, replays the store's events through a new engine in the order
/// they were accepted acts on no occurrence twice. <see cref="InMemoryWarningLedger"/> forgets on restart: use it in tests
/// and in a host that rebuilds the engine only from events after its last run.</para>
/// <para>If the process stops after the desk accepted an action and before <see cref="RecordAsync"/>, that one action is
/// taken again on the next run: the gap is one call wide, and the note on the case names the occurrence.</para>
/// </remarks>
/// <threadsafety>Implementations must be safe to call concurrently.</threadsafety>
public interface IWarningLedger
{
    /// <summary>Tells whether an occurrence has already acted.</summary>
    /// <param name="occurrenceId">The occurrence.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the occurrence was recorded.</returns>
    ValueTask<bool> HasActedAsync(string occurrenceId, CancellationToken cancellationToken);

    /// <summary>Records that an occurrence has acted.</summary>
    /// <param name="warning">The warning that acted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is kept.</returns>
    ValueTask RecordAsync(RaisedWarning warning, CancellationToken cancellationToken);
}

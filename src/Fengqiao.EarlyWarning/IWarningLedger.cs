namespace Fengqiao.EarlyWarning;

/// <summary>A port: remembers which warning occurrences have acted on the desk, so that each acts once.</summary>
/// <remarks>
/// <para><see cref="WarningResponder"/> asks <see cref="HasActedAsync"/> before acting and calls <see cref="RecordAsync"/>
/// after the desk accepted the action. Occurrence ids are deterministic (<see cref="RaisedWarning.OccurrenceId"/>), so a
/// host that keeps this ledger durable and, after a restart, replays the store's events through a new engine in the order
/// they were accepted acts on no occurrence twice.</para>
/// <para>Two implementations: <see cref="InMemoryWarningLedger"/> forgets on restart (tests, and hosts that rebuild the
/// engine only from events after their last run); <see cref="CaseHistoryWarningLedger"/> is durable wherever the case
/// store is, because the record is a typed <see cref="Fengqiao.Cases.Events.CaseWarningActed"/> event on the case,
/// written in the same append as the action.</para>
/// </remarks>
/// <threadsafety>Implementations must be safe to call concurrently.</threadsafety>
public interface IWarningLedger
{
    /// <summary>Tells whether an occurrence has already acted.</summary>
    /// <param name="warning">The warning whose occurrence (<see cref="RaisedWarning.OccurrenceId"/>, on <see cref="RaisedWarning.Target"/>) to look for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the occurrence has acted.</returns>
    ValueTask<bool> HasActedAsync(RaisedWarning warning, CancellationToken cancellationToken);

    /// <summary>Records that an occurrence has acted (called after the desk accepted the action).</summary>
    /// <param name="warning">The warning that acted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is kept.</returns>
    ValueTask RecordAsync(RaisedWarning warning, CancellationToken cancellationToken);
}

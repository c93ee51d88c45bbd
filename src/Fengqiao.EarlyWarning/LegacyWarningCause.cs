using Fengqiao.Cases.Events;

namespace Fengqiao.EarlyWarning;

/// <summary>LEGACY READER — for histories written before <see cref="CaseWarningActed"/> existed (written before this release).
/// Then a warning appended its action alone and the occurrence was named only in the action's cause; this recognises
/// such an action by its cause so that an upgrade does not act on the occurrence again.</summary>
/// <remarks>
/// Only a warning action (a supervision, an instruction, a summons) not preceded by a <see cref="CaseWarningActed"/> is
/// considered: an action written since carries its record, and its cause is never read. Remove this reader when no
/// store holds histories from before the record.
/// </remarks>
internal static class LegacyWarningCause
{
    public static bool Acted(IReadOnlyList<CaseEvent> history, RaisedWarning warning)
    {
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            if (e.Payload is not (CaseSupervisionIssued or CaseInstructed or CaseSummoned)
                || (i > 0 && history[i - 1].Payload is CaseWarningActed)
                || e.Cause is not { } cause)
            {
                continue;
            }

            if (cause.RuleId == warning.RuleId
                && cause.Facts.TryGetValue(WarningResponder.OccurrenceFact, out var occurrence) && occurrence == warning.OccurrenceId)
            {
                return true;
            }
        }

        return false;
    }
}

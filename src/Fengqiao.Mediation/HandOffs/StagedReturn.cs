using System.Collections.Immutable;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>A return hand-off the mediation desk has decided and validated, waiting for the case desk to commit it:
/// the ledger request, the case event's cause facts and its text.</summary>
/// <param name="Request">The ledger request (already validated).</param>
/// <param name="CauseFacts">The facts recorded in the case event's cause.</param>
/// <param name="Text">The hand-off event's text.</param>
internal sealed record StagedReturn(HandOffRequest Request, ImmutableSortedDictionary<string, string> CauseFacts, string Text);

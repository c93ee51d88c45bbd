using Fengqiao.Cases.Events;

namespace Fengqiao.Cases.Ports;

/// <summary>One append of a group (<see cref="ICaseGroupCommit.AppendGroupAsync"/>): the arguments of
/// <see cref="ICaseStore.AppendAsync"/>.</summary>
/// <param name="ExpectedVersion">The version the events were decided on; 0 for a new case.</param>
/// <param name="Events">The events, numbered from <paramref name="ExpectedVersion"/> + 1; at least one.</param>
/// <param name="Snapshot">The case after the events.</param>
/// <remarks>Checked by the store as a lone append is (<see cref="CaseAppendValidation"/>); a bad one is refused on its own.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseAppend(long ExpectedVersion, IReadOnlyList<CaseEvent> Events, Case Snapshot);

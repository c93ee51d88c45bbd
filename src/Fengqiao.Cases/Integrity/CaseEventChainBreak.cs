namespace Fengqiao.Cases.Integrity;

/// <summary>Where and how a stored case history first fails its hash chain.</summary>
/// <param name="Version">The first version that fails: the missing, unlinked or edited event, or one past the last
/// stored event when the head or the recorded version does not match.</param>
/// <param name="Kind">What failed.</param>
/// <param name="Description">One English sentence saying what failed, naming versions only: it never quotes stored
/// content, so it may be logged and shown to an operator.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseEventChainBreak(long Version, CaseEventChainBreakKind Kind, string Description);

namespace Fengqiao.Cases.Desk;

/// <summary>What registering a report produced: a new case, or the existing case the report joined as a duplicate.</summary>
/// <param name="Case">The new case, or the existing one the report joined.</param>
/// <param name="JoinedExisting"><see langword="true"/> when the report was recognised as a duplicate and joined <paramref name="Case"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseRegistrationResult(Case Case, bool JoinedExisting);

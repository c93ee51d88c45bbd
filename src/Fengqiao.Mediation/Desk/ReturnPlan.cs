using Fengqiao.Mediation.HandOffs;

namespace Fengqiao.Mediation.Desk;

/// <summary>What the mediation desk decided to do after a conclusion: the return to stage (if any), the rule that
/// names the return (for the note), and the returns it could not carry out.</summary>
/// <param name="Staged">The validated return hand-off, or <see langword="null"/>.</param>
/// <param name="RuleId">The first return rule that matched, or <see langword="null"/>.</param>
/// <param name="Skipped">Returns skipped (e.g. the confirmation window closed), as text for the case note; empty when none.</param>
internal sealed record ReturnPlan(StagedReturn? Staged, string? RuleId, string Skipped);

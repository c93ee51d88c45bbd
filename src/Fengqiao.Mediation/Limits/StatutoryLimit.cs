using Fengqiao.Sla;

namespace Fengqiao.Mediation.Limits;

/// <summary>A time limit fixed by law or a judicial rule for one step of dispute handling, with its source.</summary>
/// <param name="Key">A stable key, e.g. <c>labour-mediation</c>.</param>
/// <param name="Name">The display name, with the Chinese term.</param>
/// <param name="Limit">The limit, counted by Fengqiao.Sla's rules (start day excluded, roll-forward, close of business).</param>
/// <param name="RunsFrom">The event the limit runs from, e.g. "acceptance" or "the agreement takes effect".</param>
/// <param name="Extension">Whether and how it may be extended.</param>
/// <param name="ExtensionLimit">The extension allowed once (for <see cref="ExtensionRule.OnceWithApproval"/>), else <see langword="null"/>.</param>
/// <param name="PausesFor">What stops the clock (e.g. "appraisal 鉴定"), or <see langword="null"/> when nothing does.</param>
/// <param name="LapseMeansFailure">Whether running out counts as a failed mediation (medical mediation: it does).</param>
/// <param name="Source">The law, article or rule the limit comes from.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record StatutoryLimit(
    string Key,
    string Name,
    TimeLimit Limit,
    string RunsFrom,
    ExtensionRule Extension,
    TimeLimit? ExtensionLimit,
    string? PausesFor,
    bool LapseMeansFailure,
    string Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Limit} from {RunsFrom} ({Source})";
}

using System.Collections.Immutable;
using Fengqiao.Sla;

namespace Fengqiao.Cases;

/// <summary>The SLA limits a case was registered under, resolved once from the county's policy and recorded in the registration event.</summary>
/// <remarks>
/// Recording the resolved limits (not a reference to the policy) is what lets a county change its policy without
/// rewriting open cases: <see cref="Case.Replay"/> needs only the events and the calendar.
/// </remarks>
/// <param name="PolicyName">The name of the <see cref="SlaPolicy"/> the limits came from.</param>
/// <param name="Handle">The handling limit (<see cref="SlaLimitNames.Handle"/>): the citizen and unit clocks.</param>
/// <param name="SignFor">The sign-for limit (<see cref="SlaLimitNames.SignFor"/>), or <see langword="null"/> when the policy has none.</param>
/// <param name="Callback">The callback limit (<see cref="SlaLimitNames.Callback"/>), or <see langword="null"/>.</param>
/// <param name="Extension">The largest single extension (<see cref="SlaLimitNames.Extension"/>), or <see langword="null"/> when the policy grants none by name.</param>
/// <param name="Thresholds">The warning thresholds (红黄牌) every clock of the case uses.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSlaTerms(
    string PolicyName, TimeLimit Handle, TimeLimit? SignFor, TimeLimit? Callback, TimeLimit? Extension, ImmutableArray<WarningThreshold> Thresholds);

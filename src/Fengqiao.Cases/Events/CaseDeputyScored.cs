using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A people's deputy (人大代表) scored the handling of a closed case (测评打分): Baiyin's deputies “对办理情况测评打分”.</summary>
/// <remarks>
/// <para>Recorded through <see cref="Desk.CaseDesk.ScoreAsync"/>; the state does not change. The case keeps every score
/// in <see cref="Case.DeputyScores"/>; a deputy who scores again adds a score (the latest is theirs). Only a deputy may
/// score, only their own score, only on a closed case, and only where the authoriser lets them rate
/// (<see cref="CaseTrigger.Rate"/>).</para>
/// </remarks>
/// <param name="Deputy">The deputy who scores.</param>
/// <param name="Score">The score, from <see cref="MinScore"/> to <see cref="MaxScore"/>.</param>
/// <param name="Remark">The deputy's remark or suggestion (合理化建议), or <see langword="null"/>.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Score"/> is outside <see cref="MinScore"/>..<see cref="MaxScore"/>.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseDeputyScored(ActorId Deputy, int Score, string? Remark = null) : CaseRecord
{
    /// <summary>The lowest score: 0.</summary>
    public const int MinScore = 0;

    /// <summary>The highest score: 100.</summary>
    public const int MaxScore = 100;

    /// <summary>Gets the score, from <see cref="MinScore"/> to <see cref="MaxScore"/>.</summary>
    public int Score { get; init; } = Score is >= MinScore and <= MaxScore
        ? Score
        : throw new ArgumentOutOfRangeException(nameof(Score), Score, $"A deputy's score runs from {MinScore} to {MaxScore}.");

    internal override CaseTrigger AuthorizedAs => CaseTrigger.Rate;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Deputy} {Score}";
}

using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Rules;

/// <summary>A leader's instruction (批示) on one case that has not yet been turned into a supervision (督办): the
/// ladder level that instructed, the instruction's own time limit and the grade of supervision it calls for.</summary>
/// <remarks>
/// <para>Baiyin's leaders instruct on individual cases and the instruction is followed up (白银 "码上反映·马上办理"). The
/// default rule <c>leader-instruction</c> turns a pending instruction into a supervision by the instructing level with
/// this limit. Once the host has issued that supervision it should drop the instruction from the case's next
/// <see cref="EscalationFacts"/>, so the rule does not fire twice.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class LeaderInstruction
{
    /// <summary>Creates an instruction.</summary>
    /// <param name="level">The ladder level key of the instructing leader, e.g. <c>secretary</c> or
    /// <c>county-head</c>.</param>
    /// <param name="limit">The time limit the instruction sets for the follow-up.</param>
    /// <param name="issuedAt">When the instruction was given.</param>
    /// <param name="grade">The grade of supervision it calls for; <see cref="CaseSupervisionGrade.Named"/> (挂牌督办) when
    /// not given, as an instructed case is named and followed up.</param>
    /// <param name="issuedBy">The instructing leader, if the host knows them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="level"/> or <paramref name="limit"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="level"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grade"/> is not a defined grade.</exception>
    public LeaderInstruction(string level, TimeLimit limit, Instant issuedAt, CaseSupervisionGrade grade = CaseSupervisionGrade.Named, ActorId? issuedBy = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(limit);
        if (string.IsNullOrWhiteSpace(level))
        {
            throw new ArgumentException("A leader's instruction needs the ladder level key of the instructing leader; got an empty one.", nameof(level));
        }

        if (!Enum.IsDefined(grade))
        {
            throw new ArgumentOutOfRangeException(nameof(grade), grade, "Not a defined supervision grade.");
        }

        Level = level;
        Limit = limit;
        IssuedAt = issuedAt;
        Grade = grade;
        IssuedBy = issuedBy;
    }

    /// <summary>Gets the ladder level key of the instructing leader.</summary>
    public string Level { get; }

    /// <summary>Gets the time limit of the follow-up.</summary>
    public TimeLimit Limit { get; }

    /// <summary>Gets when the instruction was given.</summary>
    public Instant IssuedAt { get; }

    /// <summary>Gets the grade of supervision the instruction calls for.</summary>
    public CaseSupervisionGrade Grade { get; }

    /// <summary>Gets the instructing leader, or null.</summary>
    public ActorId? IssuedBy { get; }

    /// <summary>Returns the level, limit and grade, e.g. <c>批示 by 'secretary' within 3 working days (Named)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"批示 by '{Level}' within {Limit} ({Grade})";
}

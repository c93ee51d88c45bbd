using Fengqiao.Escalation.Supervision;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// What an escalation rule decides, before it is bound to a case's ladder path: go up one level, go to a named level
/// or department, start at a level, reopen above the closer, supervise (督办), or stay.
/// </summary>
/// <remarks>
/// <para>A decision names ladder levels by key, never org units: <see cref="EscalationPolicy"/> binds it to the
/// case's <see cref="Ladders.LadderPath"/> and refuses a decision that would move a case down or to a level the ladder
/// does not have.</para>
/// <para>Decisions that do not depend on the facts are created once and shared, so evaluating the default rules
/// allocates no decisions.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class EscalationDecision
{
    private EscalationDecision(EscalationDecisionKind kind, string? targetLevel, string? department, SupervisionTerms? supervision)
    {
        Kind = kind;
        TargetLevel = targetLevel;
        Department = department;
        Supervision = supervision;
    }

    /// <summary>Gets the decision to stay: no move, no supervision.</summary>
    public static EscalationDecision None { get; } = new(EscalationDecisionKind.None, null, null, null);

    /// <summary>Gets what kind of decision this is.</summary>
    public EscalationDecisionKind Kind { get; }

    /// <summary>Gets the ladder level key the decision names (for <see cref="EscalationDecisionKind.ToLevel"/> and
    /// <see cref="EscalationDecisionKind.StartAt"/>), or null.</summary>
    public string? TargetLevel { get; }

    /// <summary>Gets the key of a functional department the case must go to (e.g. <c>labour</c>), or null. A routing
    /// hint for the host: the ladder path binds one department per case, so the host resolves the path with this
    /// department chosen (see <see cref="Ladders.Ladder.Resolve"/>).</summary>
    public string? Department { get; }

    /// <summary>Gets the supervision (督办) the decision asks for, or null.</summary>
    public SupervisionTerms? Supervision { get; }

    /// <summary>Creates a decision to escalate (升级) one level up.</summary>
    /// <param name="supervision">Supervision to attach; with a null <see cref="SupervisionTerms.IssuerLevel"/> the new
    /// level issues it.</param>
    /// <returns>The decision.</returns>
    public static EscalationDecision NextLevel(SupervisionTerms? supervision = null) =>
        new(EscalationDecisionKind.NextLevel, null, null, supervision);

    /// <summary>Creates a decision to escalate to a named level, skipping the levels between.</summary>
    /// <param name="level">The ladder level key, e.g. <c>task-force</c>.</param>
    /// <param name="department">A department key the case must go to at that level, or null.</param>
    /// <param name="supervision">Supervision to attach, or null.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="level"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="level"/> or <paramref name="department"/> is empty or white space.</exception>
    public static EscalationDecision ToLevel(string level, string? department = null, SupervisionTerms? supervision = null) =>
        new(EscalationDecisionKind.ToLevel, CheckLevel(level), CheckDepartment(department), supervision);

    /// <summary>Creates a decision to start the case at a named level.</summary>
    /// <param name="level">The ladder level key.</param>
    /// <param name="department">A department key the case must go to at that level, or null.</param>
    /// <param name="supervision">Supervision to attach, or null.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="level"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="level"/> or <paramref name="department"/> is empty or white space.</exception>
    public static EscalationDecision StartAt(string level, string? department = null, SupervisionTerms? supervision = null) =>
        new(EscalationDecisionKind.StartAt, CheckLevel(level), CheckDepartment(department), supervision);

    /// <summary>Creates a decision to reopen the case one level above the unit that closed it.</summary>
    /// <param name="supervision">Supervision to attach, or null.</param>
    /// <returns>The decision.</returns>
    public static EscalationDecision ReopenAboveCloser(SupervisionTerms? supervision = null) =>
        new(EscalationDecisionKind.ReopenAboveCloser, null, null, supervision);

    /// <summary>Creates a decision to supervise (督办) the case where it is.</summary>
    /// <param name="terms">The terms; their <see cref="SupervisionTerms.IssuerLevel"/> names the issuing level.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="terms"/> names no issuer level (a supervision of a case
    /// that does not move must say who issues it).</exception>
    public static EscalationDecision Supervise(SupervisionTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.IssuerLevel is null)
        {
            throw new ArgumentException("A supervision decision must name the issuing level: the case does not move, so there is no new level to issue it.", nameof(terms));
        }

        return new(EscalationDecisionKind.Supervise, null, null, terms);
    }

    /// <summary>Returns the decision, e.g. <c>next level + yellow supervision within 3 working days by the new level</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = Kind switch
        {
            EscalationDecisionKind.None => "stay",
            EscalationDecisionKind.NextLevel => "next level",
            EscalationDecisionKind.ToLevel => $"to level '{TargetLevel}'",
            EscalationDecisionKind.StartAt => $"start at level '{TargetLevel}'",
            EscalationDecisionKind.ReopenAboveCloser => "reopen one level above the closer",
            _ => "supervise",
        };
        if (Department is not null)
        {
            text += $" (department '{Department}')";
        }

        return Supervision is null ? text : Kind == EscalationDecisionKind.Supervise ? $"{text}: {Supervision}" : $"{text} + {Supervision}";
    }

    private static string CheckLevel(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return !string.IsNullOrWhiteSpace(level)
            ? level
            : throw new ArgumentException("An escalation decision must name a ladder level key; got an empty one.", nameof(level));
    }

    private static string? CheckDepartment(string? department) =>
        department is null || !string.IsNullOrWhiteSpace(department)
            ? department
            : throw new ArgumentException("A department key must be null or non-empty; got an empty one.", nameof(department));
}

namespace Fengqiao.Cases.CaseLifecycle;

/// <summary>
/// The arguments passed with every trigger of the default case lifecycle: the parameters a trigger needs (reason,
/// target unit, reply, rating, state to return to).
/// </summary>
/// <remarks>
/// <para>What each trigger of <see cref="CaseLifecycles.Default"/> requires (its guards refuse it otherwise):</para>
/// <list type="bullet">
/// <item><see cref="Reason"/>: Decline, Return, Reject, Suspend, Reopen, Merge, RequestExtension, DenyExtension.</item>
/// <item><see cref="TargetUnit"/>: Dispatch, Escalate, HandOff.</item>
/// <item><see cref="Reply"/>: Resolve.</item>
/// <item><see cref="Rating"/>: Rate.</item>
/// <item><see cref="ReturnTo"/>: Resume (a handling state) and HandBack (Registered or a handling state).</item>
/// </list>
/// <para>
/// This is the single arguments type of the default lifecycle, so a county that extends it writes guards against
/// this type. The case desk also sets <see cref="Actor"/> and <see cref="Case"/> (a snapshot of the case before the
/// step); every property is optional and set by initializer, so guards written without them keep working.
/// </para>
/// <para>The text properties may hold personal data: this type's <see cref="object.ToString"/> does not print them.</para>
/// </remarks>
/// <threadsafety>Immutable after initialization; thread-safe.</threadsafety>
public sealed class CaseTransitionArgs
{
    /// <summary>Gets arguments with nothing set, for triggers that need none (Accept, Claim, Start, …).</summary>
    public static CaseTransitionArgs None { get; } = new();

    /// <summary>Gets the reason given (理由): why declined, returned, rejected, suspended, reopened, merged, or why more time is needed.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the identifier of the unit the case is dispatched, escalated or handed off to.</summary>
    public Organisation.OrgUnitId? TargetUnit { get; init; }

    /// <summary>Gets the reply (答复) given to the citizen when the case is resolved.</summary>
    public string? Reply { get; init; }

    /// <summary>Gets the rating given with <see cref="CaseTrigger.Rate"/>; <see cref="CaseRating.NotRated"/> by default.</summary>
    public CaseRating Rating { get; init; }

    /// <summary>
    /// Gets the state to return to on Resume or HandBack: the state the case was in when it was suspended or handed
    /// off, which the host reads from the case's history. <see langword="null"/> by default.
    /// </summary>
    public CaseState? ReturnTo { get; init; }

    /// <summary>Gets who fires the trigger, when the case desk fires it; <see langword="null"/> otherwise.</summary>
    /// <remarks>For county guards such as "only a reviewer of the street may approve"; the desk's authoriser has already allowed the actor.</remarks>
    public CaseActor? Actor { get; init; }

    /// <summary>Gets the case as it stands before the trigger, when the case desk fires it; <see langword="null"/> otherwise.</summary>
    public Case? Case { get; init; }

    /// <summary>Lists which arguments are set, without their (possibly personal) content.</summary>
    /// <returns>For example <c>CaseTransitionArgs(Reason, TargetUnit)</c>.</returns>
    public override string ToString()
    {
        var set = new List<string>();
        if (Reason is not null)
        {
            set.Add(nameof(Reason));
        }

        if (TargetUnit is not null)
        {
            set.Add(nameof(TargetUnit));
        }

        if (Reply is not null)
        {
            set.Add(nameof(Reply));
        }

        if (Rating != CaseRating.NotRated)
        {
            set.Add($"{nameof(Rating)}={Rating}");
        }

        if (ReturnTo is { } returnTo)
        {
            set.Add($"{nameof(ReturnTo)}={returnTo}");
        }

        return $"{nameof(CaseTransitionArgs)}({string.Join(", ", set)})";
    }
}

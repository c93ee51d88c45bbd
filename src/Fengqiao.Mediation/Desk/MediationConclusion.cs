using Fengqiao.Mediation.HandOffs;
using NodaTime;

namespace Fengqiao.Mediation.Desk;

/// <summary>How a mediation (or the outside body's handling of a return hand-off) ended, as the body reports it to
/// <see cref="MediationDesk.ConcludeAsync(CorrelationKey, Fengqiao.Cases.CaseActor, MediationConclusion, CancellationToken)"/>:
/// agreement (调解成功) with its terms and the date it takes effect, partial agreement (部分达成协议), failure (调解不成)
/// or withdrawal (撤回申请), with the mediation record.</summary>
/// <remarks>
/// <para>Build it with <see cref="Agreement"/>, <see cref="PartialAgreement"/>, <see cref="Failure"/> or
/// <see cref="Withdrawal"/>; each checks its input and names the field it refuses.</para>
/// <para>The two requests feed the return rules of <see cref="Rules.HandOffRules"/>:
/// <see cref="ConfirmationRequested"/> (the parties apply for judicial confirmation 司法确认,
/// <see cref="Rules.HandOffRules.CourtConfirmAgreement"/>) and <see cref="PoliceMediationRequested"/> (a party asks to
/// switch a traffic-accident dispute to police mediation, <see cref="Rules.HandOffRules.PoliceTrafficSwitch"/>).
/// Left <see langword="null"/>, they follow the route: a court-referred agreement goes for confirmation, a terminated
/// traffic-accident mediation switches to the police; otherwise neither.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record MediationConclusion
{
    private MediationConclusion(HandOffOutcome outcome, string text, Instant? takesEffect, bool? confirmation, bool? police)
    {
        Outcome = outcome;
        Text = text;
        AgreementTakesEffect = takesEffect;
        ConfirmationRequested = confirmation;
        PoliceMediationRequested = police;
    }

    /// <summary>Gets the outcome.</summary>
    public HandOffOutcome Outcome { get; }

    /// <summary>Gets the agreement's terms (for an agreement) or the mediation record (调解记录); never empty.</summary>
    public string Text { get; }

    /// <summary>Gets when the (partial) agreement takes effect (生效); <see langword="null"/> for a failure or withdrawal.
    /// The 30-day window to apply for judicial confirmation runs from it (人民调解法 art.33).</summary>
    public Instant? AgreementTakesEffect { get; }

    /// <summary>Gets whether the parties apply for judicial confirmation, or <see langword="null"/> to follow the route
    /// (yes for a court-referred mediation).</summary>
    public bool? ConfirmationRequested { get; }

    /// <summary>Gets whether a party asks to switch to police mediation, or <see langword="null"/> to follow the route
    /// (yes for a traffic-accident dispute).</summary>
    public bool? PoliceMediationRequested { get; }

    /// <summary>An agreement (调解成功) with its terms and the date it takes effect.</summary>
    /// <param name="terms">The terms; not empty.</param>
    /// <param name="takesEffect">When the agreement takes effect (usually when the parties sign); not after it is reported.</param>
    /// <param name="confirmationRequested">Whether the parties apply for judicial confirmation; <see langword="null"/> to follow the route.</param>
    /// <returns>The conclusion.</returns>
    /// <exception cref="ArgumentException"><paramref name="terms"/> is empty.</exception>
    public static MediationConclusion Agreement(string terms, Instant takesEffect, bool? confirmationRequested = null) =>
        new(HandOffOutcome.Agreement, Checked(terms, nameof(terms)), takesEffect, confirmationRequested, false);

    /// <summary>A partial agreement (部分达成协议): the settled part's terms and the record of the rest.</summary>
    /// <param name="termsAndRecord">The settled terms and the record of what stays open; not empty.</param>
    /// <param name="takesEffect">When the partial agreement takes effect.</param>
    /// <param name="confirmationRequested">Whether the parties apply for judicial confirmation of the settled part; <see langword="null"/> to follow the route.</param>
    /// <returns>The conclusion.</returns>
    /// <exception cref="ArgumentException"><paramref name="termsAndRecord"/> is empty.</exception>
    public static MediationConclusion PartialAgreement(string termsAndRecord, Instant takesEffect, bool? confirmationRequested = null) =>
        new(HandOffOutcome.PartialAgreement, Checked(termsAndRecord, nameof(termsAndRecord)), takesEffect, confirmationRequested, false);

    /// <summary>A failed mediation (调解不成; 调解终止) with the mediation record.</summary>
    /// <param name="record">The mediation record; not empty.</param>
    /// <param name="policeMediationRequested">Whether a party asks to switch to police mediation; <see langword="null"/> to follow the route.</param>
    /// <returns>The conclusion.</returns>
    /// <exception cref="ArgumentException"><paramref name="record"/> is empty.</exception>
    public static MediationConclusion Failure(string record, bool? policeMediationRequested = null) =>
        new(HandOffOutcome.Failure, Checked(record, nameof(record)), null, false, policeMediationRequested);

    /// <summary>The applicant withdrew (撤回申请); the record says when and why.</summary>
    /// <param name="record">The mediation record; not empty.</param>
    /// <param name="policeMediationRequested">Whether a party asks to switch to police mediation; <see langword="null"/> to follow the route.</param>
    /// <returns>The conclusion.</returns>
    /// <exception cref="ArgumentException"><paramref name="record"/> is empty.</exception>
    public static MediationConclusion Withdrawal(string record, bool? policeMediationRequested = null) =>
        new(HandOffOutcome.Withdrawal, Checked(record, nameof(record)), null, false, policeMediationRequested);

    /// <summary>Describes the conclusion without its text.</summary>
    /// <returns>For example <c>Agreement (takes effect 2026-11-05T01:00:00Z)</c>.</returns>
    public override string ToString() => $"{Outcome}{(AgreementTakesEffect is { } at ? $" (takes effect {at})" : "")}";

    private static string Checked(string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"A mediation conclusion needs its {name}: it goes on the case record.", name);
        }

        return text;
    }
}

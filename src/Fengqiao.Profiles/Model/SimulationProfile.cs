using System.Collections.Immutable;

namespace Fengqiao.Profiles;

/// <summary>
/// How the county's people behave in <c>fengqiao simulate</c> (the profile's <c>simulation:</c> section): how citizens
/// rate, how often units decline, return, extend and run late, how often mediation succeeds, the mix of complexity tiers
/// and of where disputes come from. Every field has a default, and the defaults are the behaviour the simulation had
/// before the section existed, so a profile without it simulates as before.
/// </summary>
/// <remarks>
/// <para>Every rate is a share from 0 to 1. <c>fengqiao simulate --calibrate</c> fits the fields to the county's
/// <see cref="PublishedFigure"/>s and writes the fitted section back (see <c>docs/profiles.md</c> and
/// <c>docs/indicators.md</c>).</para>
/// <para>The satisfaction shares must not sum to more than 1 (the rest is unsatisfied), nor may the origin or tier shares
/// (the rest are citizens' reports and ordinary complex matters); the loader reports a larger sum with the file, line
/// and column.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SimulationProfile
{
    /// <summary>Gets the defaults: the behaviour the simulation fixed in code before profiles could set it.</summary>
    public static SimulationProfile Default { get; } = new();

    /// <summary>Gets the county's own volume of reports a day, against which published counts are compared
    /// (a run with another <c>--cases-per-day</c> scales its counts by this ratio); null when unknown (no scaling).</summary>
    public int? ReportsPerDay { get; init; }

    /// <summary>Gets the share of ratings that are satisfied (满意); default 0.80.</summary>
    public double Satisfied { get; init; } = 0.80;

    /// <summary>Gets the share of ratings that are basically satisfied (基本满意); default 0.12. The rest are unsatisfied.</summary>
    public double BasicallySatisfied { get; init; } = 0.12;

    /// <summary>Gets the factor on the satisfied shares for a case answered after its citizen deadline
    /// (handling time lowers satisfaction); default 1 (no effect).</summary>
    public double LateSatisfactionFactor { get; init; } = 1.0;

    /// <summary>Gets the factor on the satisfied shares for a case whose mediation failed; default 1 (no effect).</summary>
    public double FailedMediationSatisfactionFactor { get; init; } = 1.0;

    /// <summary>Gets the share of mediations that end in agreement (调解成功), for bodies of a kind not listed in
    /// <see cref="MediationSuccessByBody"/>; default 0.80.</summary>
    public double MediationSuccess { get; init; } = 0.80;

    /// <summary>Gets the success share by body kind (key: the kebab-case kind such as <c>professional-committee</c>);
    /// empty by default.</summary>
    public ImmutableDictionary<string, double> MediationSuccessByBody { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>Gets the share of cases the centre declines as outside its remit (不予受理); default 0.02.</summary>
    public double Decline { get; init; } = 0.02;

    /// <summary>Gets the share of work orders a unit returns as not its matter (退回); default 0.03.</summary>
    public double Return { get; init; } = 0.03;

    /// <summary>Gets the share of work orders for which the unit requests an extension (延期); default 0.04.</summary>
    public double Extension { get; init; } = 0.04;

    /// <summary>Gets the share of extension requests granted; default 0.80.</summary>
    public double ExtensionGranted { get; init; } = 0.80;

    /// <summary>Gets the share of reports that repeat an earlier matter through another channel (重复件); default 0.04.</summary>
    public double Repeat { get; init; } = 0.04;

    /// <summary>Gets the share of closed cases a people's deputy reviews (代表评议), where the profile has deputies; default 0.04.</summary>
    public double DeputyReview { get; init; } = 0.04;

    /// <summary>Gets the share of deputies' reviews that are satisfied; default 0.70.</summary>
    public double DeputySatisfied { get; init; } = 0.70;

    /// <summary>Gets the share of reports that are urgent; default 0.05.</summary>
    public double Urgent { get; init; } = 0.05;

    /// <summary>Gets the share of work orders signed for late (hours rather than minutes after dispatch); default 0.05.</summary>
    public double LateClaim { get; init; } = 0.05;

    /// <summary>Gets the share of work orders answered after the unit's limit (the overdue tail); default 0.12.</summary>
    public double LateHandling { get; init; } = 0.12;

    /// <summary>Gets the most an answer in time takes, as a share of the unit's limit (answers in time take from a tenth
    /// of the limit up to this share; late ones from the whole limit to twice it); default 0.8, from 0.1 to 1.</summary>
    public double AnswerShareOfLimit { get; init; } = 0.8;

    /// <summary>Gets the share of work orders the lowest level declares it cannot resolve (无法解决); each level up
    /// declares it 0.02 less often, never below 0.02; default 0.10.</summary>
    public double CannotResolve { get; init; } = 0.10;

    /// <summary>Gets the share of citizens' disputes the centre judges suitable for mediation (适宜调解); default 0.60.</summary>
    public double SuitableForMediation { get; init; } = 0.60;

    /// <summary>Gets the share of court filings the court judges suitable for pre-filing mediation (诉调); default 0.60.</summary>
    public double CourtSuitable { get; init; } = 0.60;

    /// <summary>Gets the share of disputes met on a police call that need follow-up by the local committee after the
    /// police's on-site mediation (警调 后续联合化解); default 1.</summary>
    public double PoliceFollowUp { get; init; } = 1.0;

    /// <summary>Gets the share of hand-offs a mediation body declines (e.g. already in court); default 0.04.</summary>
    public double MediationDecline { get; init; } = 0.04;

    /// <summary>Gets the most working days an ordinary mediation takes (each takes half a working day up to this; one in
    /// twenty runs 12 to 30 working days); default 6.25. Shorter mediations free mediators sooner, so more disputes find
    /// one free.</summary>
    public double MediationDays { get; init; } = 6.25;

    /// <summary>Gets the share of outside bodies' answers that settle a returned matter; default 0.70.</summary>
    public double OutsideSettled { get; init; } = 0.70;

    /// <summary>Gets the share of origins: court filings (诉调), police calls (警调), petitions (访调) and procuratorate
    /// matters (检调) among disputes; the rest are citizens' own reports. Empty by default (all citizens').</summary>
    /// <remarks>Keys: <c>court</c>, <c>police</c>, <c>petition-office</c>, <c>procuratorate</c>.</remarks>
    public ImmutableDictionary<string, double> Origins { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>Gets the share of simple matters answered at once (简单·即时); default 0 (no tiers).</summary>
    public double SimpleTier { get; init; }

    /// <summary>Gets the share of difficult matters that need linkage across units (疑难·会诊); default 0 (no tiers).</summary>
    public double DifficultTier { get; init; }

    /// <summary>Gets how many times the unit's limit a difficult matter takes; default 10.</summary>
    public double DifficultFactor { get; init; } = 10.0;

    /// <summary>Gets what the simulated reports say: employers, threats, returning reporters (<c>texts:</c>); <see cref="SimulationTexts.None"/> by default.</summary>
    public SimulationTexts Texts { get; init; } = SimulationTexts.None;

    /// <summary>Gets the most minutes a prompt sign-for (签收) takes after dispatch: prompt ones take from 5 minutes up
    /// to this; default 120.</summary>
    public int ClaimMinutes { get; init; } = 120;

    /// <summary>Gets the most hours a late sign-for takes (see <see cref="LateClaim"/>): late ones take from 4 hours up
    /// to this; default 15.</summary>
    public int LateClaimHours { get; init; } = 15;

    /// <summary>Gets the share of mediations that drag on for 12 to 30 working days, past the statutory limit (the sweep
    /// flags them); default 0.05.</summary>
    public double MediationOverrun { get; init; } = 0.05;

    /// <summary>Gets the most working days a court filing or police call that a hand-off rule sends to mediation waits
    /// for a mediator with room (排队等候调解) before the centre gives it to the units instead; default 0 (it goes to the
    /// units at once when no mediator is free).</summary>
    public double MediationWaitDays { get; init; }

    /// <summary>Gets how many leaders' instructions (批示) a day are written on open cases, each naming the unit holding
    /// the case and a limit that the offices follow up; default 0.</summary>
    public double InstructionsPerDay { get; init; }

    /// <summary>Gets how many whistles (吹哨) a day a street or township blows on a case it holds, summoning departments
    /// to report in (报到); default 0.</summary>
    public double WhistlesPerDay { get; init; }

    /// <summary>Gets how many manual supervisions (督办) a day the centre issues on open cases, each tracked against a
    /// limit; default 0.</summary>
    public double SupervisionsPerDay { get; init; }

    /// <summary>Gets the keys of the origins the section may name.</summary>
    public static ImmutableArray<string> OriginKeys { get; } = ["court", "police", "petition-office", "procuratorate"];

    /// <summary>The success share of mediation by a body of kind <paramref name="bodyKind"/> (kebab-case).</summary>
    /// <param name="bodyKind">The body kind, such as <c>professional-committee</c>.</param>
    /// <returns>The kind's share, or <see cref="MediationSuccess"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bodyKind"/> is null.</exception>
    internal double MediationSuccessOf(string bodyKind)
    {
        ArgumentNullException.ThrowIfNull(bodyKind);
        return MediationSuccessByBody.TryGetValue(bodyKind, out var share) ? share : MediationSuccess;
    }

    /// <summary>The share of disputes from <paramref name="origin"/>, or 0.</summary>
    /// <param name="origin">One of <see cref="OriginKeys"/>.</param>
    /// <returns>The share from 0 to 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="origin"/> is null.</exception>
    internal double OriginShare(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return Origins.TryGetValue(origin, out var share) ? share : 0;
    }
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Limits;
using Fengqiao.Sla;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>The hand-off flows of the four-way docking (四调对接) with their limits, and the county defaults where the
/// law sets none.</summary>
/// <remarks>
/// <para>Statutory limits come from <see cref="MediationLimits"/> and cite their source there. Two limits here are
/// county practice, not law, and say so in their <see cref="StatutoryLimit.Source"/>:
/// <see cref="DefaultAnswerLimit"/> (3 working days to sign for or decline a hand-off) and
/// <see cref="DefaultMediationLimit"/> (30 days for a people's mediation the law gives no limit). A county replaces
/// them by passing its own limits to <see cref="HandOffRequest"/>.</para>
/// <para>The flows: 诉调 — <see cref="HandOffPurpose.CourtPreFilingDiversion"/> (30 days from the mediator signing for
/// the file, extended without cap by consent), <see cref="HandOffPurpose.CourtJudicialConfirmation"/> (court accepts
/// within 3 days, decides within 15 + 10), <see cref="HandOffPurpose.CourtReturnToFiling"/>; 警调 —
/// <see cref="HandOffPurpose.PoliceFollowUpMediation"/>, <see cref="HandOffPurpose.PoliceTrafficSwitch"/> (police
/// mediation in 10 working days); 访调 — <see cref="HandOffPurpose.PetitionMediationFirst"/>,
/// <see cref="HandOffPurpose.PetitionReturn"/> (15 days to accept, 60 + 30 to handle); 检调 —
/// <see cref="HandOffPurpose.ProcuratorateReferral"/>, <see cref="HandOffPurpose.ProcuratorateReturn"/>; and
/// <see cref="HandOffPurpose.CentreReferral"/>.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal static class HandOffFlows
{
    /// <summary>Gets the county default for signing for or declining a hand-off: 3 working days from the sending.</summary>
    /// <remarks>County practice, not law; the closest statutory figure is 信访工作条例 (2022) art.23 (5 working days to
    /// object that a forwarded item is outside the remit).</remarks>
    public static StatutoryLimit DefaultAnswerLimit { get; } = new(
        "hand-off-answer", "Sign for or decline a hand-off 签收或退回", TimeLimit.WorkingDays(3), "the sending",
        ExtensionRule.None, null, null, false, "county practice (no statute; cf. 信访工作条例 (2022) art.23)");

    /// <summary>Gets the county default for a people's mediation the law gives no limit: 30 days from acceptance,
    /// extended by agreement.</summary>
    /// <remarks>County practice: 司法部《人民调解工作若干规定》(2002) asks committees to conclude a mediation generally
    /// within one month; it is guidance, not a statutory limit. Verify against your province's rules.</remarks>
    public static StatutoryLimit DefaultMediationLimit { get; } = new(
        "peoples-mediation-default", "People's mediation (county default) 人民调解", TimeLimit.CalendarDays(30), "acceptance",
        ExtensionRule.ByAgreement, null, "appraisal 鉴定", false, "county practice (司法部 人民调解工作若干规定 (2002): generally within one month)");

    /// <summary>Gets the petition office's limit for accepting a petition returned from mediation: 15 days from
    /// receipt. Source: 信访工作条例 (2022) art.22/23.</summary>
    public static StatutoryLimit PetitionAcceptance { get; } = new(
        "petition-acceptance", "Register and accept a petition 登记受理信访事项", Fengqiao.Sla.StatutoryLimits.PetitionRegister, "receipt",
        ExtensionRule.None, null, null, false, "信访工作条例 (2022) art.22, art.23");

    /// <summary>Gets every flow by purpose.</summary>
    public static ImmutableArray<HandOffFlow> All { get; } =
    [
        new(HandOffPurpose.CourtPreFilingDiversion, HandOffRoute.Court, HandOffDirection.ToMediation,
            "Pre-filing mediation 诉前委派调解", DefaultAnswerLimit, MediationLimits.CourtReferredMediation, false),
        new(HandOffPurpose.CourtJudicialConfirmation, HandOffRoute.Court, HandOffDirection.FromMediation,
            "Judicial confirmation 司法确认", MediationLimits.JudicialConfirmationAcceptance, MediationLimits.JudicialConfirmationDecision, false),
        new(HandOffPurpose.CourtReturnToFiling, HandOffRoute.Court, HandOffDirection.FromMediation,
            "Return to filing 调解不成转立案", DefaultAnswerLimit, null, true),
        new(HandOffPurpose.PoliceFollowUpMediation, HandOffRoute.Police, HandOffDirection.ToMediation,
            "Follow-up joint mediation 警调联动", DefaultAnswerLimit, null, false),
        new(HandOffPurpose.PoliceTrafficSwitch, HandOffRoute.Police, HandOffDirection.FromMediation,
            "Switch to police traffic mediation 转公安交通事故调解", DefaultAnswerLimit, MediationLimits.TrafficPoliceMediation, false),
        new(HandOffPurpose.PetitionMediationFirst, HandOffRoute.Petition, HandOffDirection.ToMediation,
            "Mediation first 访调对接", DefaultAnswerLimit, null, false),
        new(HandOffPurpose.PetitionReturn, HandOffRoute.Petition, HandOffDirection.FromMediation,
            "Return to petition handling 转回信访办理", PetitionAcceptance, MediationLimits.PetitionHandling, false),
        new(HandOffPurpose.ProcuratorateReferral, HandOffRoute.Procuratorate, HandOffDirection.ToMediation,
            "Procuratorate referral 检调对接委托调解", DefaultAnswerLimit, null, false),
        new(HandOffPurpose.ProcuratorateReturn, HandOffRoute.Procuratorate, HandOffDirection.FromMediation,
            "Outcome to the procuratorate 结果反馈检察院", DefaultAnswerLimit, null, true),
        new(HandOffPurpose.CentreReferral, HandOffRoute.Centre, HandOffDirection.ToMediation,
            "Centre referral 中心分流", DefaultAnswerLimit, null, false),
    ];

    private static readonly FrozenDictionary<HandOffPurpose, HandOffFlow> ByPurpose = All.ToFrozenDictionary(f => f.Purpose);

    /// <summary>Gets the flow of a purpose.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The flow.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purpose"/> is not a defined purpose.</exception>
    public static HandOffFlow For(HandOffPurpose purpose) =>
        ByPurpose.TryGetValue(purpose, out var flow) ? flow : throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a defined hand-off purpose.");

    /// <summary>Gets the limit within which an accepted hand-off of <paramref name="purpose"/> must conclude for a
    /// dispute of <paramref name="type"/>.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <param name="type">The dispute type.</param>
    /// <returns>The flow's own limit if it has one; for a flow to mediation without one, the statutory limit of the
    /// dispute type (<see cref="MediationLimits.ForMediation"/>) or else <see cref="DefaultMediationLimit"/>;
    /// <see langword="null"/> for a flow that concludes on acceptance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purpose"/> is not a defined purpose.</exception>
    public static StatutoryLimit? ConclusionLimitFor(HandOffPurpose purpose, DisputeType type)
    {
        var flow = For(purpose);
        return flow.ConcludesOnAcceptance ? null
            : flow.ConclusionLimit ?? MediationLimits.ForMediation(type) ?? DefaultMediationLimit;
    }
}

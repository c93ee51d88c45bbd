using System.Collections.Immutable;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Sla;
using Sla = Fengqiao.Sla;

namespace Fengqiao.Mediation.Limits;

/// <summary>The statutory limits of mediation, hand-offs and the legal road map, each with its source and its
/// procedural rules (what it runs from, what pauses it, how it extends, whether a lapse is a failure).</summary>
/// <remarks>The time limits themselves come from <see cref="Fengqiao.Sla.StatutoryLimits"/>, the one table of
/// statutory limits; this type adds the procedure around each. Presets of national law and judicial rules; county practice that is stricter goes into the county's
/// profile. All day counts follow the civil code's counting rules as implemented by Fengqiao.Sla.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal static class MediationLimits
{
    /// <summary>Gets labour dispute mediation (劳动争议调解): 15 days from receipt of the application; if no agreement
    /// by then, a party may apply for arbitration. Source: 劳动争议调解仲裁法 art.14.</summary>
    public static StatutoryLimit LabourMediation { get; } = new(
        "labour-mediation", "Labour dispute mediation 劳动争议调解", Sla.StatutoryLimits.LabourMediation, "receipt of the application",
        ExtensionRule.None, null, null, true, "劳动争议调解仲裁法 art.14");

    /// <summary>Gets the labour arbitration award (劳动争议仲裁裁决): 45 days from acceptance, +15 days with the
    /// commission chair's approval. Source: 劳动争议调解仲裁法 art.43.</summary>
    public static StatutoryLimit LabourArbitration { get; } = new(
        "labour-arbitration", "Labour arbitration award 劳动争议仲裁", Sla.StatutoryLimits.LabourArbitrationAward, "acceptance",
        ExtensionRule.OnceWithApproval, TimeLimit.CalendarDays(15), null, false, "劳动争议调解仲裁法 art.43");

    /// <summary>Gets police mediation of a road traffic accident (交通事故调解): 10 working days from the start of
    /// mediation. Source: 道路交通事故处理程序规定 (2018) art.90 and art.112.</summary>
    public static StatutoryLimit TrafficPoliceMediation { get; } = new(
        "traffic-police-mediation", "Traffic accident police mediation 交通事故公安调解", Sla.StatutoryLimits.TrafficAccidentMediation, "the start of mediation",
        ExtensionRule.None, null, null, true, "道路交通事故处理程序规定 (2018) art.90, art.112");

    /// <summary>Gets medical dispute people's mediation (医疗纠纷人民调解): 30 working days from acceptance; appraisal
    /// time is not counted; extension by agreement of the parties; a lapse counts as a failed mediation.
    /// Source: 医疗纠纷预防和处理条例 art.38.</summary>
    public static StatutoryLimit MedicalMediation { get; } = new(
        "medical-mediation", "Medical dispute mediation 医疗纠纷人民调解", Sla.StatutoryLimits.MedicalMediation, "acceptance",
        ExtensionRule.ByAgreement, null, "appraisal 鉴定", true, "医疗纠纷预防和处理条例 art.38");

    /// <summary>Gets court-referred pre-filing mediation (诉前委派调解): 30 days from the mediator signing for the
    /// file; extended without cap while all parties consent. Source: 最高人民法院关于人民法院特邀调解的规定 (2016)
    /// art.27; 人民法院在线调解规则 (2022) art.24.</summary>
    public static StatutoryLimit CourtReferredMediation { get; } = new(
        "court-referred-mediation", "Court-referred pre-filing mediation 诉前委派调解", Sla.StatutoryLimits.CourtReferredMediation, "the mediator signing for the file",
        ExtensionRule.UnlimitedByConsentOfAllParties, null, "appraisal 鉴定 (online mediation)", true, "特邀调解规定 (2016) art.27; 在线调解规则 (2022) art.24");

    /// <summary>Gets mediation after filing, ordinary procedure (立案后委托调解): 15 days from receipt of the file,
    /// extended by consent. Source: 特邀调解规定 (2016) art.27.</summary>
    public static StatutoryLimit MediationAfterFiling { get; } = new(
        "mediation-after-filing", "Mediation after filing 立案后委托调解", Sla.StatutoryLimits.MediationAfterFiling, "receipt of the file",
        ExtensionRule.ByAgreement, null, null, true, "特邀调解规定 (2016) art.27");

    /// <summary>Gets mediation after filing, simple procedure: 7 days from receipt of the file, extended by consent.
    /// Source: 特邀调解规定 (2016) art.27.</summary>
    public static StatutoryLimit MediationAfterFilingSimple { get; } = new(
        "mediation-after-filing-simple", "Mediation after filing, simple procedure 简易程序委托调解", Sla.StatutoryLimits.MediationAfterFilingSimple, "receipt of the file",
        ExtensionRule.ByAgreement, null, null, true, "特邀调解规定 (2016) art.27");

    /// <summary>Gets the parties' window to apply for judicial confirmation (司法确认) of a mediation agreement: 30
    /// days from the agreement taking effect. Source: 人民调解法 art.33.</summary>
    public static StatutoryLimit JudicialConfirmationApplication { get; } = new(
        "judicial-confirmation-application", "Apply for judicial confirmation 申请司法确认", Sla.StatutoryLimits.JudicialConfirmationApplication, "the agreement taking effect",
        ExtensionRule.None, null, null, false, "人民调解法 art.33");

    /// <summary>Gets the court's acceptance of a judicial confirmation application: 3 days from the application.
    /// Source: 最高人民法院关于人民调解协议司法确认程序的若干规定 (2011).</summary>
    public static StatutoryLimit JudicialConfirmationAcceptance { get; } = new(
        "judicial-confirmation-acceptance", "Court accepts the confirmation application 受理司法确认", Sla.StatutoryLimits.JudicialConfirmationAcceptance, "the application",
        ExtensionRule.None, null, null, false, "司法确认程序若干规定 (2011)");

    /// <summary>Gets the court's decision on judicial confirmation: 15 days from acceptance, +10 days with the court
    /// president's approval. Source: 最高人民法院关于人民调解协议司法确认程序的若干规定 (2011).</summary>
    public static StatutoryLimit JudicialConfirmationDecision { get; } = new(
        "judicial-confirmation-decision", "Court decides on confirmation 作出确认决定", Sla.StatutoryLimits.JudicialConfirmationDecision, "acceptance",
        ExtensionRule.OnceWithApproval, TimeLimit.CalendarDays(10), null, false, "司法确认程序若干规定 (2011)");

    /// <summary>Gets handling of a request-type petition (信访事项办理): 60 days from acceptance, +30 days approved by
    /// the organ's head with the petitioner told why. Source: 信访工作条例 (2022) art.34.</summary>
    public static StatutoryLimit PetitionHandling { get; } = new(
        "petition-handling", "Petition handling 信访事项办理", Sla.StatutoryLimits.PetitionHandle, "acceptance",
        ExtensionRule.OnceWithApproval, Sla.StatutoryLimits.PetitionHandleExtension, null, false, "信访工作条例 (2022) art.34");

    /// <summary>Gets the petition review (复查) answer: 30 days from the request; hearing time not counted.
    /// Source: 信访工作条例 (2022) art.35.</summary>
    public static StatutoryLimit PetitionReview { get; } = new(
        "petition-review", "Petition review 信访复查", Sla.StatutoryLimits.PetitionReview, "the review request",
        ExtensionRule.None, null, "hearing 听证", false, "信访工作条例 (2022) art.35");

    /// <summary>Gets the petition re-review (复核) answer: 30 days from the request; hearing time not counted.
    /// Source: 信访工作条例 (2022) art.36.</summary>
    public static StatutoryLimit PetitionReReview { get; } = new(
        "petition-re-review", "Petition re-review 信访复核", Sla.StatutoryLimits.PetitionReview, "the re-review request",
        ExtensionRule.None, null, "hearing 听证", false, "信访工作条例 (2022) art.36");

    /// <summary>Gets the administrative reconsideration decision (行政复议决定): 60 days from acceptance, +30 days.
    /// Source: 行政复议法 (2023) art.62.</summary>
    public static StatutoryLimit AdministrativeReconsideration { get; } = new(
        "administrative-reconsideration", "Administrative reconsideration 行政复议", Sla.StatutoryLimits.AdministrativeReconsideration, "acceptance",
        ExtensionRule.OnceWithApproval, TimeLimit.CalendarDays(30), null, false, "行政复议法 (2023) art.62");

    /// <summary>Gets the window for switching from people's mediation to police mediation of a traffic accident: 3
    /// working days from the termination of the people's mediation.</summary>
    /// <remarks>The reference counties' 警调 (police ↔ mediation) practice; it is not a statutory limit of national law,
    /// so verify it against your province's rules before relying on it.</remarks>
    public static StatutoryLimit TrafficSwitchToPolice { get; } = new(
        "traffic-switch-to-police", "Switch to police mediation 转公安调解", TimeLimit.WorkingDays(3), "termination of the people's mediation",
        ExtensionRule.None, null, null, false, "county 警调 practice (not in the statutory table)");

    /// <summary>Gets every preset by key.</summary>
    public static ImmutableDictionary<string, StatutoryLimit> All { get; } = new[]
    {
        LabourMediation, LabourArbitration, TrafficPoliceMediation, MedicalMediation, CourtReferredMediation,
        MediationAfterFiling, MediationAfterFilingSimple, JudicialConfirmationApplication, JudicialConfirmationAcceptance,
        JudicialConfirmationDecision, PetitionHandling, PetitionReview, PetitionReReview, AdministrativeReconsideration,
        TrafficSwitchToPolice,
    }.ToImmutableDictionary(l => l.Key, StringComparer.Ordinal);

    /// <summary>Gets the statutory limit of a people's mediation of <paramref name="type"/>, if the law sets one.</summary>
    /// <returns>Labour: 15 days; traffic (police): 10 working days; medical: 30 working days; otherwise <see langword="null"/>:
    /// ordinary people's mediation has no statutory limit, and counties set their own in the profile.</returns>
    public static StatutoryLimit? ForMediation(DisputeType type) =>
        type == DisputeType.Labour ? LabourMediation
        : type == DisputeType.Traffic ? TrafficPoliceMediation
        : type == DisputeType.Medical ? MedicalMediation
        : null;
}

namespace Fengqiao.Mediation.HandOffs;

/// <summary>The concrete hand-off flows of the four-way docking; each has a route, a direction and limits
/// (see <see cref="HandOffFlows"/>).</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffPurpose
{
    /// <summary>诉调: the court diverts a suitable filed dispute to pre-filing mediation (诉前委派调解).</summary>
    CourtPreFilingDiversion = 0,

    /// <summary>诉调: a mediation agreement goes to the court for judicial confirmation (司法确认).</summary>
    CourtJudicialConfirmation = 1,

    /// <summary>诉调: a failed pre-filing mediation returns the dispute to the court's filing (调解不成转立案).</summary>
    CourtReturnToFiling = 2,

    /// <summary>警调: a civil dispute met on a police call, mediated on site first, goes to the local committee for
    /// follow-up joint mediation (警调联动).</summary>
    PoliceFollowUpMediation = 3,

    /// <summary>警调: a traffic-accident dispute switches from people's mediation to police mediation (转公安调解).</summary>
    PoliceTrafficSwitch = 4,

    /// <summary>访调: a petition that seeks a remedy (申诉求决类) goes to mediation first (诉求先行调解).</summary>
    PetitionMediationFirst = 5,

    /// <summary>访调: a failed mediation returns to petition handling with the mediation record attached.</summary>
    PetitionReturn = 6,

    /// <summary>检调: the procuratorate refers a suitable case (criminal reconciliation, civil supervision, judicial
    /// assistance) to mediation with social forces (检调对接委托调解).</summary>
    ProcuratorateReferral = 7,

    /// <summary>检调: the outcome of a referred mediation returns to the procuratorate.</summary>
    ProcuratorateReturn = 8,

    /// <summary>The centre refers a dispute it registered to a mediation body (中心分流).</summary>
    CentreReferral = 9,
}

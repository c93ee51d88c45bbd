namespace Fengqiao.Mediation.RoadMap;

/// <summary>The steps of the legal road map (法治化路线图) a dispute follows, in their general order.</summary>
public enum RoadMapStepKind
{
    /// <summary>Mediation (调解): people's, administrative, judicial or professional.</summary>
    Mediation = 0,

    /// <summary>Arbitration (仲裁), e.g. labour arbitration, required before a labour lawsuit.</summary>
    Arbitration = 1,

    /// <summary>Administrative adjudication (行政裁决), e.g. land and forest ownership decided by the people's government.</summary>
    AdministrativeAdjudication = 2,

    /// <summary>Administrative reconsideration (行政复议) of an administrative act.</summary>
    AdministrativeReconsideration = 3,

    /// <summary>Petition handling (信访办理), the first of the petition's three levels.</summary>
    Petition = 4,

    /// <summary>Petition review (信访复查), the second level.</summary>
    PetitionReview = 5,

    /// <summary>Petition re-review (信访复核), the third and last level.</summary>
    PetitionReReview = 6,

    /// <summary>Litigation (诉讼).</summary>
    Litigation = 7,

    /// <summary>Legal supervision by the procuratorate (法律监督).</summary>
    LegalSupervision = 8,
}

namespace Fengqiao.Mediation.Rules;

/// <summary>The kind of body a hand-off rule sends the matter to; the host (or the <see cref="Routing.MediationRouter"/>
/// for a mediation body) names the concrete unit.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffTarget
{
    /// <summary>A mediation body, chosen by the router.</summary>
    MediationBody = 0,

    /// <summary>The court.</summary>
    Court = 1,

    /// <summary>The police station (traffic police for traffic accidents).</summary>
    PoliceStation = 2,

    /// <summary>The petition office.</summary>
    PetitionOffice = 3,

    /// <summary>The procuratorate.</summary>
    Procuratorate = 4,
}

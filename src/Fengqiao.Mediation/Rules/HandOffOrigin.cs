namespace Fengqiao.Mediation.Rules;

/// <summary>Where a matter stands when the hand-off rules look at it: with an outside body, or with a mediation body.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffOrigin
{
    /// <summary>With the court (a filed or filing dispute).</summary>
    Court = 0,

    /// <summary>With the police (met on a police call 警情).</summary>
    Police = 1,

    /// <summary>With the petition office (a petition 信访事项).</summary>
    PetitionOffice = 2,

    /// <summary>With the procuratorate.</summary>
    Procuratorate = 3,

    /// <summary>With the centre (registered at the 综治中心).</summary>
    Centre = 4,

    /// <summary>With a mediation body (mediating, or just concluded).</summary>
    Mediation = 5,
}

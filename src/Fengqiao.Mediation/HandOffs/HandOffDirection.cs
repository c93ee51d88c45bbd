namespace Fengqiao.Mediation.HandOffs;

/// <summary>Which way a hand-off moves a dispute.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffDirection
{
    /// <summary>From the outside body (court, police, petition office, procuratorate, centre) to a mediation body.</summary>
    ToMediation = 0,

    /// <summary>From a mediation body back to the outside body (for confirmation, for filing, for handling, with the outcome).</summary>
    FromMediation = 1,
}

namespace Fengqiao.Mediation.Rules;

/// <summary>The procuratorate's matters that may be referred to mediation with social forces (检调对接).</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum ProcuratorateMatter
{
    /// <summary>Not a procuratorate matter.</summary>
    None = 0,

    /// <summary>Criminal reconciliation (刑事和解) in a minor case.</summary>
    CriminalReconciliation = 1,

    /// <summary>Civil supervision (民事检察监督) where the parties may settle.</summary>
    CivilSupervision = 2,

    /// <summary>Judicial assistance (司法救助) to a victim in hardship.</summary>
    JudicialAssistance = 3,
}

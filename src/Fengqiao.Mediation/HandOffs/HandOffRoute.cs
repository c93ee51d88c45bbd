namespace Fengqiao.Mediation.HandOffs;

/// <summary>The outside body a hand-off connects mediation with: the four-way docking (四调对接) and the centre.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffRoute
{
    /// <summary>Court ↔ mediation (诉调对接).</summary>
    Court = 0,

    /// <summary>Police ↔ mediation (警调对接).</summary>
    Police = 1,

    /// <summary>Petition office ↔ mediation (访调对接).</summary>
    Petition = 2,

    /// <summary>Procuratorate ↔ mediation (检调对接).</summary>
    Procuratorate = 3,

    /// <summary>The county's comprehensive governance centre (综治中心) referring a dispute to a mediation body.</summary>
    Centre = 4,
}

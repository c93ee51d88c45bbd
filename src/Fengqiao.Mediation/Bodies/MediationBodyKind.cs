namespace Fengqiao.Mediation.Bodies;

/// <summary>The kinds of mediation body a county runs.</summary>
public enum MediationBodyKind
{
    /// <summary>A village or community people's mediation committee (村/社区人民调解委员会).</summary>
    CommunityCommittee = 0,

    /// <summary>A street or township people's mediation committee (街道/乡镇人民调解委员会).</summary>
    TownshipCommittee = 1,

    /// <summary>A professional committee for one kind of dispute (行业性专业性调解委员会): medical, traffic, labour…</summary>
    ProfessionalCommittee = 2,

    /// <summary>A mediation room of the county centre (矛盾纠纷调处中心调解室), including named mediators' rooms.</summary>
    CentreRoom = 3,

    /// <summary>An expert pool the parties may choose from (专家库): appointment, on call, or remote by video.</summary>
    ExpertPool = 4,
}

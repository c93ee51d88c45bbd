namespace Fengqiao.Mediation.HandOffs;

/// <summary>How a hand-off ended.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffOutcome
{
    /// <summary>An agreement was reached (调解成功); for judicial confirmation: the court confirmed the agreement.</summary>
    Agreement = 0,

    /// <summary>Part of the dispute was settled (部分达成协议).</summary>
    PartialAgreement = 1,

    /// <summary>No agreement (调解不成); for judicial confirmation: the court refused to confirm.</summary>
    Failure = 2,

    /// <summary>The applicant withdrew (撤回申请).</summary>
    Withdrawal = 3,

    /// <summary>The outside body took the dispute back (filing, petition or procuratorate received it): the end of a
    /// return hand-off whose flow concludes on acceptance.</summary>
    Received = 4,
}

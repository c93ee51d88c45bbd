namespace Fengqiao.Mediation.Process;

/// <summary>How a mediation ended.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum MediationOutcomeKind
{
    /// <summary>A full agreement (调解协议): it opens the 30-day window for judicial confirmation.</summary>
    Agreement = 0,

    /// <summary>An agreement on part of the dispute (部分达成协议); the rest follows the road map.</summary>
    PartialAgreement = 1,

    /// <summary>No agreement (调解不成), including a statutory limit that lapsed where the law counts that as failure.</summary>
    Failure = 2,

    /// <summary>The applicant withdrew (撤回).</summary>
    Withdrawal = 3,
}

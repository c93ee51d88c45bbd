namespace Fengqiao.Cases;

/// <summary>How urgent a case is; SLA policies may give urgent matters shorter limits.</summary>
public enum CasePriority
{
    /// <summary>An ordinary matter (一般).</summary>
    Normal = 0,

    /// <summary>An urgent matter (紧急), e.g. a safety risk.</summary>
    Urgent = 1,

    /// <summary>An emergency (特急), e.g. a mass incident in the making.</summary>
    Emergency = 2,
}

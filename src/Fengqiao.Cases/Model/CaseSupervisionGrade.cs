namespace Fengqiao.Cases;

/// <summary>How pressing a tracked supervision (督办) on a case is: the yellow and red cards of county platforms, and 挂牌督办 for named cases.</summary>
/// <remarks>The numeric values are stable and may be stored; they are ordered, so a supervision re-issued after going overdue is one grade higher.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseSupervisionGrade
{
    /// <summary>Yellow-card supervision (黄牌督办): the ordinary grade.</summary>
    Yellow = 0,

    /// <summary>Red-card supervision (红牌督办): for risks, and for a yellow supervision that itself went overdue.</summary>
    Red = 1,

    /// <summary>Named supervision (挂牌督办): the case is listed by name and followed up by the issuing leadership.</summary>
    Named = 2,
}

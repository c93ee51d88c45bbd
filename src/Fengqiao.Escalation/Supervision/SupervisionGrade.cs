namespace Fengqiao.Escalation.Supervision;

/// <summary>How pressing a supervision (督办) is: the yellow and red cards of county platforms, and 挂牌督办 for
/// named cases.</summary>
/// <remarks>The values are ordered: a supervision that goes overdue is re-issued one grade higher (see
/// <see cref="SupervisionOrder.CheckOverdue"/>), and <see cref="Listed"/> stays <see cref="Listed"/>.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum SupervisionGrade
{
    /// <summary>Yellow-card supervision (黄牌督办): the ordinary grade, e.g. for an overdue handling clock.</summary>
    Yellow = 0,

    /// <summary>Red-card supervision (红牌督办): for risks and for a yellow supervision that itself went overdue.</summary>
    Red = 1,

    /// <summary>Listed supervision (挂牌督办): the case is named and followed up by the issuing leadership.</summary>
    Listed = 2,
}

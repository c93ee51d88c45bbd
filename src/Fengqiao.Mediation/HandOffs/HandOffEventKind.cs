namespace Fengqiao.Mediation.HandOffs;

/// <summary>What happened to a hand-off.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffEventKind
{
    /// <summary>The hand-off was sent (移交).</summary>
    Sent = 0,

    /// <summary>The receiving body signed for it (签收).</summary>
    Accepted = 1,

    /// <summary>The receiving body declined it with a reason; the dispute returns to the sender (退回).</summary>
    Declined = 2,

    /// <summary>It concluded with an outcome (办结).</summary>
    Concluded = 3,

    /// <summary>Its limit ran out while it was pending: flagged overdue (逾期).</summary>
    FlaggedOverdue = 4,

    /// <summary>Its limit was extended as the law allows (延期).</summary>
    Extended = 5,

    /// <summary>Its clock was paused for excluded time, e.g. an appraisal (鉴定).</summary>
    Paused = 6,

    /// <summary>Its clock resumed after the excluded time.</summary>
    Resumed = 7,
}

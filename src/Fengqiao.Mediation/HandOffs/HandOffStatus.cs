namespace Fengqiao.Mediation.HandOffs;

/// <summary>Where a hand-off stands: sent → accepted | declined; accepted → concluded.</summary>
/// <remarks>Being overdue is not a status but a flag (<see cref="HandOff.OverdueFlaggedAt"/>) on a pending hand-off:
/// an overdue hand-off is still sent or accepted, and can still be answered.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffStatus
{
    /// <summary>Sent (已移交); waiting for the receiving body to sign for it or decline it.</summary>
    Sent = 0,

    /// <summary>Accepted (已签收) by the receiving body; waiting for the outcome.</summary>
    Accepted = 1,

    /// <summary>Declined (退回) by the receiving body with a reason: the dispute returns to the sender. Final.</summary>
    Declined = 2,

    /// <summary>Concluded (办结) with an outcome. Final.</summary>
    Concluded = 3,
}

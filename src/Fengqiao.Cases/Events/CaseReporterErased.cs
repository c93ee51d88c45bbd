namespace Fengqiao.Cases.Events;

/// <summary>The reporter's personal data was erased from the case (个人信息删除, 个人信息保护法 第四十七条); the state does not change.</summary>
/// <remarks>
/// <para>
/// From this event on, the case's registration and joined reports carry <see cref="Reporter.Erased"/>, a location
/// with the grid only (no address, no coordinates) and <see cref="CaseReport.ErasedText"/> in place of what the reporter
/// wrote. Stores that keep personal data apart from the event log delete it when they append this event, so the history
/// (and its hash chain) stays whole while the personal data is gone. The free texts the staff wrote into earlier events
/// (replies, reasons, notes, instructions, remarks, hand-off reasons and mediation texts; the full list is in the
/// operations guide) read back as <see cref="CaseReport.ErasedText"/> too, since they can quote the reporter. What
/// stays: the query code, every event's kind, time, actor, states, units and limits, a rule's cause (id and facts), and
/// the texts the system wrote (policy failures, warning names, notices, keys, outcomes).
/// </para>
/// <para>Recorded through <c>CaseDesk.EraseReporterAsync</c>; the event's actor is the staff member who carried the erasure out.</para>
/// </remarks>
/// <param name="RequestedBy">Who asked for the erasure, as a role rather than a name (for example <c>reporter</c>,
/// <c>guardian</c>, <c>regulator</c>, <c>retention-schedule</c>); not empty. It must not itself be personal data.</param>
/// <param name="LegalGround">The legal ground (for example <c>个人信息保护法 第四十七条 第一款 第二项</c>); not empty.</param>
/// <exception cref="ArgumentException"><paramref name="RequestedBy"/> or <paramref name="LegalGround"/> is empty or white space.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReporterErased(string RequestedBy, string LegalGround) : CaseEventPayload
{
    /// <summary>Gets who asked for the erasure (a role, not a name).</summary>
    public string RequestedBy { get; init; } = string.IsNullOrWhiteSpace(RequestedBy)
        ? throw new ArgumentException("An erasure names who asked for it (a role such as 'reporter').", nameof(RequestedBy))
        : RequestedBy;

    /// <summary>Gets the legal ground of the erasure.</summary>
    public string LegalGround { get; init; } = string.IsNullOrWhiteSpace(LegalGround)
        ? throw new ArgumentException("An erasure names its legal ground (for example 个人信息保护法 第四十七条).", nameof(LegalGround))
        : LegalGround;

    private protected override string? Details() => RequestedBy;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}

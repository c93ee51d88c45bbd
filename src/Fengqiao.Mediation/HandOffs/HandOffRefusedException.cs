using Fengqiao.Cases.Organisation;
using Fengqiao.Cases;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>Thrown when a hand-off, or an answer to one, is refused; nothing was changed. The message names the
/// hand-off's flow, the correlation key, the case id, the bodies and the status.</summary>
/// <remarks>A refused answer is never applied and never dropped silently: the caller learns why here and may log or
/// return it to the outside body.</remarks>
/// <threadsafety>Immutable after construction; safe to share across threads.</threadsafety>
public sealed class HandOffRefusedException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="refusal">Why.</param>
    /// <param name="key">The correlation key.</param>
    /// <param name="handOff">The hand-off concerned, or <see langword="null"/> when the key is unknown.</param>
    /// <param name="message">The full message.</param>
    public HandOffRefusedException(HandOffRefusal refusal, CorrelationKey key, HandOff? handOff, string message)
        : base(FengqiaoErrorKind.Refusal, message)
    {
        Refusal = refusal;
        Key = key;
        CaseId = handOff?.CaseId;
        Purpose = handOff?.Purpose;
        From = handOff?.From;
        To = handOff?.To;
        Status = handOff?.Status;
    }

    /// <summary>Gets why the hand-off or answer was refused.</summary>
    public HandOffRefusal Refusal { get; }

    /// <summary>Gets the correlation key.</summary>
    public CorrelationKey Key { get; }

    /// <summary>Gets the case id, or <see langword="null"/> when the key is unknown.</summary>
    public CaseId? CaseId { get; }

    /// <summary>Gets the hand-off's flow, or <see langword="null"/> when the key is unknown.</summary>
    public HandOffPurpose? Purpose { get; }

    /// <summary>Gets the sending body, or <see langword="null"/> when the key is unknown.</summary>
    public OrgUnitId? From { get; }

    /// <summary>Gets the receiving body, or <see langword="null"/> when the key is unknown.</summary>
    public OrgUnitId? To { get; }

    /// <summary>Gets the hand-off's status when it was refused, or <see langword="null"/> when the key is unknown.</summary>
    public HandOffStatus? Status { get; }
}

namespace Fengqiao.Mediation.HandOffs;

/// <summary>Why a hand-off or an answer to one was refused.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HandOffRefusal
{
    /// <summary>No hand-off has the answer's correlation key.</summary>
    UnknownKey = 0,

    /// <summary>The hand-off is already concluded or declined: the answer would apply twice.</summary>
    AlreadyClosed = 1,

    /// <summary>The answer does not fit the hand-off's status (e.g. an outcome before acceptance, a second acceptance).</summary>
    NotPermitted = 2,

    /// <summary>A new hand-off reuses a correlation key the ledger already holds.</summary>
    DuplicateKey = 3,

    /// <summary>The hand-off is sent outside its statutory window (judicial confirmation, switch to police mediation).</summary>
    OutsideWindow = 4,

    /// <summary>Something the flow requires is missing or wrong (the mediation record, a reason, the agreement date…).</summary>
    Incomplete = 5,

    /// <summary>The answer is dated before the hand-off's last step.</summary>
    OutOfOrder = 6,
}

namespace Fengqiao.Cases.Integrity;

/// <summary>How a stored case history fails its hash chain (<see cref="CaseEventChain.Verify"/>).</summary>
public enum CaseEventChainBreakKind
{
    /// <summary>An event is missing from the stored sequence: versions do not run 1, 2, 3… without a gap.</summary>
    MissingEvent = 0,

    /// <summary>An event has no stored link: it was written outside the store.</summary>
    Unlinked = 1,

    /// <summary>An event's stored text or link does not match the link computed from it: it was edited after it was
    /// written, or the chain key differs.</summary>
    Edited = 2,

    /// <summary>The case's head is not the link of its last stored event: later events were deleted (or the head was
    /// changed).</summary>
    Truncated = 3,

    /// <summary>The version the case row records differs from the number of stored events.</summary>
    VersionMismatch = 4,
}

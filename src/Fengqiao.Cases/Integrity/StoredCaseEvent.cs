namespace Fengqiao.Cases.Integrity;

/// <summary>One event as a store keeps it: its version, the exact text written, and the hash link written beside it.</summary>
/// <param name="Version">The event's version (1 for a case's first event).</param>
/// <param name="Body">The stored text exactly as written (the text the link covers, not a re-serialised event).</param>
/// <param name="Link">The link stored with the event (<see cref="CaseEventChain.LinkLength"/> bytes), or empty when
/// the store holds none.</param>
/// <remarks>Equality compares <paramref name="Link"/> as <see cref="ReadOnlyMemory{T}"/> does: by the memory it refers
/// to, not by its bytes. Compare links with <see cref="MemoryExtensions.SequenceEqual{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</remarks>
/// <threadsafety>An immutable value; safe to share as long as nobody writes to the memory behind <paramref name="Link"/>.</threadsafety>
public readonly record struct StoredCaseEvent(long Version, string Body, ReadOnlyMemory<byte> Link);

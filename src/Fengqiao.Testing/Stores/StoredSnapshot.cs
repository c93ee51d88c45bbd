using System.Collections.Immutable;
using Fengqiao.Cases;

namespace Fengqiao.Testing;

/// <summary>A store's snapshot row of one case as the snapshot checks read and rewrite it (<see cref="ISnapshotTamper"/>).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case version the snapshot is the fold at.</param>
/// <param name="Format">The snapshot format the row says its body has.</param>
/// <param name="Calendar">The fingerprint of the calendar the fold counted on.</param>
/// <param name="Seal">The seal that binds the body to the case's hash chain, as stored.</param>
/// <param name="Body">The body's JSON text, decoded as the store reads it (a compressed body decompressed).</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record StoredSnapshot(CaseId CaseId, long Version, int Format, string Calendar, ImmutableArray<byte> Seal, string Body);

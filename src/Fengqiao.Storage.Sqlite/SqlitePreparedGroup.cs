using Fengqiao.Storage.Internal;

namespace Fengqiao.Storage.Sqlite;

/// <summary>A group of appends checked and encoded by <see cref="SqliteCaseStore.PrepareGroup"/> on one thread, to be
/// appended by <see cref="SqliteCaseStore.AppendPreparedAsync"/> (once) on another.</summary>
/// <remarks>Opaque outside the store. Immutable once made, but appending it completes its appends' outcomes: append it once.</remarks>
internal sealed class SqlitePreparedGroup
{
    internal SqlitePreparedGroup(PreparedGroup group) => Group = group;

    /// <summary>Gets the prepared appends and the refusals of those that did not pass the check.</summary>
    internal PreparedGroup Group { get; }
}

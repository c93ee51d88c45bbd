namespace Fengqiao.Cases.Organisation;

/// <summary>The port through which Fengqiao looks up org units and their members.</summary>
/// <remarks>
/// <para>The host implements it over its own staff directory, or uses <see cref="OrgTree"/> (in memory, immutable).</para>
/// <para>Contract: both methods may be called concurrently from any thread. An unknown id is not an error here:
/// <see cref="FindUnitAsync"/> returns <see langword="null"/> and <see cref="GetChildrenAsync"/> an empty list; the
/// caller decides whether that is a configuration error. Implementations throw only for infrastructure failures and
/// honour cancellation with <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public interface IOrgDirectory
{
    /// <summary>Finds a unit by id.</summary>
    /// <param name="id">The unit id.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The unit, or <see langword="null"/> when there is none with that id.</returns>
    ValueTask<OrgUnit?> FindUnitAsync(OrgUnitId id, CancellationToken cancellationToken);

    /// <summary>Lists the units directly below a unit.</summary>
    /// <param name="id">The parent unit id.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The child units, in a stable order; empty when there are none or the id is unknown.</returns>
    ValueTask<IReadOnlyList<OrgUnit>> GetChildrenAsync(OrgUnitId id, CancellationToken cancellationToken);
}

using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases;

/// <summary>Where a matter arose: the grid that owns it, and the address and coordinates when known.</summary>
/// <param name="Grid">The grid (网格) the location falls in; escalation ladders start from it.</param>
/// <param name="Address">The address as reported, or <see langword="null"/>.</param>
/// <param name="Latitude">WGS-84 latitude in degrees, or <see langword="null"/>.</param>
/// <param name="Longitude">WGS-84 longitude in degrees, or <see langword="null"/>.</param>
/// <remarks>The address and coordinates are personal data (个人信息): <see cref="ToString"/> names only the grid and
/// whether they are known, so a log line or exception message that prints a location never carries them.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseLocation(OrgUnitId Grid, string? Address = null, double? Latitude = null, double? Longitude = null)
{
    /// <summary>Describes the location without its address or coordinates.</summary>
    /// <returns>For example <c>CaseLocation(grid-1, address withheld, coordinates withheld)</c>.</returns>
    public override string ToString() =>
        $"CaseLocation({Grid}{(Address is null ? "" : ", address withheld")}{(Latitude is null && Longitude is null ? "" : ", coordinates withheld")})";
}

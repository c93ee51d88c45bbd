namespace Fengqiao.Cases.Organisation;

/// <summary>Thrown when an org unit id that must exist is not in the directory.</summary>
public sealed class UnknownOrgUnitException : FengqiaoException
{
    /// <summary>Creates the exception for <paramref name="unit"/>.</summary>
    public UnknownOrgUnitException(OrgUnitId unit)
        : base(FengqiaoErrorKind.NotFound, $"There is no org unit '{unit}' in the directory.")
    {
        Unit = unit;
    }

    /// <summary>Gets the id that was not found.</summary>
    public OrgUnitId Unit { get; }
}

namespace Fengqiao.EarlyWarning.Facts;

/// <summary>What a <see cref="CaseGroup"/> gathers cases by.</summary>
public enum CaseGroupKind
{
    /// <summary>The grid the report names.</summary>
    Grid = 0,

    /// <summary>The township or street above the grid.</summary>
    Township = 1,

    /// <summary>The reporter (phone, else name).</summary>
    Person = 2,

    /// <summary>The employer named in the report.</summary>
    Employer = 3,

    /// <summary>One case on its own (a signal in a single report, such as a violent-risk word).</summary>
    Case = 4,
}

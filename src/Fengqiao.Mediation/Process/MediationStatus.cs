namespace Fengqiao.Mediation.Process;

/// <summary>Where a mediation stands: applied → accepted | rejected; accepted → concluded.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
internal enum MediationStatus
{
    /// <summary>Applied for (申请), waiting for the body to accept it.</summary>
    Applied = 0,

    /// <summary>Accepted (受理): sessions run and the statutory clock, if any, counts.</summary>
    Accepted = 1,

    /// <summary>Not accepted (不予受理) with a reason. Final.</summary>
    Rejected = 2,

    /// <summary>Concluded with an outcome. Final.</summary>
    Concluded = 3,
}

namespace Fengqiao.Profiles;

/// <summary>The built-in early-warning patterns a county profile's <c>warnings:</c> section configures.</summary>
/// <remarks>Each value is written in kebab case in the profile (<c>grid-cluster</c>, <c>wage-arrears</c>, …).</remarks>
public enum WarningKind
{
    /// <summary>At least <c>count</c> disputes registered in one grid within <c>days</c> days.</summary>
    GridCluster = 0,

    /// <summary>At least <c>count</c> cases against one employer (found in the report text by <c>employer-pattern</c>) within <c>days</c> days.</summary>
    EmployerCluster = 1,

    /// <summary>The same person (by phone, else name) petitioning at least <c>count</c> times within <c>days</c> days.</summary>
    RepeatPetition = 2,

    /// <summary>A report whose text carries a violent-risk (民转刑) signal word from <c>keywords</c>.</summary>
    ViolentRisk = 3,

    /// <summary>At least <c>count</c> wage-arrears cases in one township within <c>days</c> days before the Spring Festival (taken from the calendar).</summary>
    WageArrears = 4,
}

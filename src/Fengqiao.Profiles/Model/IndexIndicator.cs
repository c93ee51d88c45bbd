namespace Fengqiao.Profiles;

/// <summary>The indicators of the 平安指数 (safety index) per township, as <c>warnings.index.indicators</c> names them in kebab case.</summary>
public enum IndexIndicator
{
    /// <summary>Cases registered in the window per 1,000 residents (needs the township's population).</summary>
    DisputesPerThousand = 0,

    /// <summary>Repeat-petition warnings raised in the window.</summary>
    RepeatPetitions = 1,

    /// <summary>The share of the township's open cases whose clock is overdue, from 0 to 1.</summary>
    OverdueShare = 2,

    /// <summary>Violent-risk (民转刑) warnings raised in the window.</summary>
    ViolentRisk = 3,

    /// <summary>Cases handed back from mediation in the window (a hand-back means mediation did not conclude the case).</summary>
    MediationFailures = 4,
}

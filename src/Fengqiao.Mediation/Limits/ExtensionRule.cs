namespace Fengqiao.Mediation.Limits;

/// <summary>Whether and how a statutory mediation or handling limit may be extended (延长).</summary>
public enum ExtensionRule
{
    /// <summary>The limit cannot be extended.</summary>
    None = 0,

    /// <summary>Extended by the stated amount once, with the approval the source names (e.g. the organ's head).</summary>
    OnceWithApproval = 1,

    /// <summary>Extended by agreement of the parties, by any amount and any number of times (e.g. medical mediation).</summary>
    ByAgreement = 2,

    /// <summary>Extended without cap while every party consents (court-referred pre-filing mediation).</summary>
    UnlimitedByConsentOfAllParties = 3,
}

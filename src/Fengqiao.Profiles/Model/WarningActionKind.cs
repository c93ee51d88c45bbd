namespace Fengqiao.Profiles;

/// <summary>What an early warning does on the desk, as the warning actor of the profile's <c>warnings:</c> section.</summary>
public enum WarningActionKind
{
    /// <summary>A tracked supervision (督办) of the unit holding the case (or of its grid), with the rule's limit and grade.</summary>
    Supervise = 0,

    /// <summary>A leader's instruction (批示) recorded on the case.</summary>
    Instruct = 1,

    /// <summary>A summons (吹哨) of the rule's departments, each to report in within the rule's limit.</summary>
    Summon = 2,
}

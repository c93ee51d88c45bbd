namespace Fengqiao.Cases.CaseLifecycle;

/// <summary>A citizen's or people's deputy's rating of how a case was handled — 评价.</summary>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseRating
{
    /// <summary>No rating given; the <see cref="CaseTrigger.Rate"/> trigger refuses it.</summary>
    NotRated = 0,

    /// <summary>Satisfied — 满意.</summary>
    Satisfied = 1,

    /// <summary>Basically satisfied — 基本满意.</summary>
    BasicallySatisfied = 2,

    /// <summary>Unsatisfied — 不满意: usually followed by <see cref="CaseTrigger.Reopen"/>.</summary>
    Unsatisfied = 3,
}

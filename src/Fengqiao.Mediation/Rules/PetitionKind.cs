namespace Fengqiao.Mediation.Rules;

/// <summary>The kinds of petition (信访事项分类) that matter for 访调 hand-offs.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum PetitionKind
{
    /// <summary>Not a petition.</summary>
    None = 0,

    /// <summary>A petition that seeks a remedy (申诉求决类): it goes to mediation first.</summary>
    SeeksRemedy = 1,

    /// <summary>A suggestion or opinion (建议意见类).</summary>
    Suggestion = 2,

    /// <summary>A report or accusation (检举控告类): handled by the competent organ, not mediated.</summary>
    Accusation = 3,
}

namespace Fengqiao.Mediation.Process;

/// <summary>How a mediation session is held.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
internal enum SessionMode
{
    /// <summary>In person in a mediation room (调解室).</summary>
    InPerson = 0,

    /// <summary>At a neighbourhood talk point (百姓说事点).</summary>
    TalkPoint = 1,

    /// <summary>By video (远程视频调解): allowed on a rest day.</summary>
    Video = 2,
}

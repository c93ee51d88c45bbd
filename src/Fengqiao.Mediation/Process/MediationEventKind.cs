namespace Fengqiao.Mediation.Process;

/// <summary>What happened in a mediation.</summary>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
internal enum MediationEventKind
{
    /// <summary>Applied for.</summary>
    Applied = 0,

    /// <summary>Accepted by the body, with a mediator.</summary>
    Accepted = 1,

    /// <summary>Not accepted, with a reason.</summary>
    Rejected = 2,

    /// <summary>A session was scheduled.</summary>
    SessionScheduled = 3,

    /// <summary>Psychological counselling was attached.</summary>
    CounsellingAttached = 4,

    /// <summary>The clock paused for an appraisal.</summary>
    Paused = 5,

    /// <summary>The clock resumed after the appraisal.</summary>
    Resumed = 6,

    /// <summary>The limit was extended.</summary>
    Extended = 7,

    /// <summary>The mediation concluded.</summary>
    Concluded = 8,
}

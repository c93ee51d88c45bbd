namespace Fengqiao.Cases;

/// <summary>What kind of party acts on a case; the authoriser decides what each kind may do.</summary>
/// <remarks>The numeric values are stable and may be stored.</remarks>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum CaseActorKind
{
    /// <summary>A member of an org unit (worker, dispatcher, reviewer, leader, supervisor): their roles come from the directory.</summary>
    Staff = 0,

    /// <summary>The citizen who reported the matter, acting only through the case's query code (查询码).</summary>
    Citizen = 1,

    /// <summary>A people's deputy (人大代表), who may rate and reopen but never handle.</summary>
    Deputy = 2,

    /// <summary>The system itself (the sweep, an escalation or mediation policy); it acts only with a recorded cause.</summary>
    System = 3,

    /// <summary>An intake channel (a QR code, the 12345 hotline bridge, a portal) registering a citizen's report: it
    /// registers reports and does nothing else (see <see cref="CaseActor.Channel"/>).</summary>
    Channel = 4,
}

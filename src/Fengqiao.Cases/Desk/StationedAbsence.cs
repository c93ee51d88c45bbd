namespace Fengqiao.Cases.Desk;

/// <summary>Where a dispatch to a rotating department (轮驻) goes on a day its desk at the centre is not staffed.</summary>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum StationedAbsence
{
    /// <summary>To the department itself (the default).</summary>
    Department = 0,

    /// <summary>To the desk anyway: the case waits there for the desk's next rota day.</summary>
    Desk = 1,
}

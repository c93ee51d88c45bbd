namespace Fengqiao.Escalation.Rules;

/// <summary>Who gave a case's latest rating (评价): the citizen who reported it, or a people's deputy (人大代表) who
/// follows it.</summary>
/// <remarks>Baiyin gives deputies their own accounts to rate handling; a deputy's unsatisfied rating sends a closed
/// case back (白银 "码上反映·马上办理").</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum RaterKind
{
    /// <summary>The reporting citizen (or the reporter's representative).</summary>
    Citizen = 0,

    /// <summary>A people's deputy (人大代表).</summary>
    Deputy = 1,
}

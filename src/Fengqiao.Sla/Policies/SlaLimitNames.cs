namespace Fengqiao.Sla;

/// <summary>The usual names of the limits an <see cref="SlaRule"/> carries. Hosts may use any other names too.</summary>
/// <threadsafety>Constants: safe to share.</threadsafety>
public static class SlaLimitNames
{
    /// <summary>Handle the case (办理/办结), counted from receipt or acceptance.</summary>
    public const string Handle = "handle";

    /// <summary>Call the citizen back (回访), counted from completion.</summary>
    public const string Callback = "callback";

    /// <summary>Accept (受理) a registered case, counted from registration; a case nobody accepts within it escalates from the unit that registered it.</summary>
    public const string Accept = "accept";

    /// <summary>Sign for (签收) a case dispatched to a department, counted from dispatch.</summary>
    public const string SignFor = "sign-for";

    /// <summary>Register and forward, or notify acceptance (登记/受理告知).</summary>
    public const string Register = "register";

    /// <summary>An extension (延期) that may be granted on top of <see cref="Handle"/>.</summary>
    public const string Extension = "extension";

    /// <summary>The prefix of a relay budget's limit name (接力时限): <c>relay.street</c> is the street level's cumulative share of the handling time.</summary>
    /// <remarks>What follows the prefix is a relay level key; a county desk reads ladder level keys there.</remarks>
    public const string RelayPrefix = "relay.";
}

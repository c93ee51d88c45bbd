using NRules.RuleModel;

namespace Fengqiao.EarlyWarning;

/// <summary>Lets an NRules rule's action raise a warning in the engine that runs it.</summary>
/// <threadsafety>Called from the session's actions, which the engine runs on one thread at a time.</threadsafety>
public static class WarningContextExtensions
{
    /// <summary>Raises a warning from a rule's action; the rule's NRules name becomes the warning's rule id.</summary>
    /// <param name="context">The rule's action context.</param>
    /// <param name="request">What the warning asks for.</param>
    /// <remarks>Raising the same occurrence again (the matched cases overlap the previous ones of this rule and group) is ignored.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="request"/> is null.</exception>
    /// <exception cref="EarlyWarningException">The request names no case, has no message, or a summons names no department; or the session does not belong to an <see cref="EarlyWarningEngine"/>.</exception>
    public static void RaiseWarning(this IContext context, WarningRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (context.Resolve(typeof(WarningCollector)) is not WarningCollector collector)
        {
            throw new EarlyWarningException($"rule '{context.Rule.Name}' raised a warning in a session that no EarlyWarningEngine runs");
        }

        collector.Add(context.Rule.Name, request);
    }
}

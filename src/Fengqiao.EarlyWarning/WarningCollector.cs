using NRules.Extensibility;

namespace Fengqiao.EarlyWarning;

/// <summary>Gathers the warnings the session's actions raise during one <c>Fire</c>; the engine drains it.</summary>
internal sealed class WarningCollector : IDependencyResolver
{
    private readonly List<(string RuleId, WarningRequest Request)> raised = [];

    public void Add(string ruleId, WarningRequest request)
    {
        if (request.Matched.IsDefaultOrEmpty)
        {
            throw new EarlyWarningException($"rule '{ruleId}' raised a warning that names no matched case");
        }

        if (string.IsNullOrWhiteSpace(request.Message))
        {
            throw new EarlyWarningException($"rule '{ruleId}' raised a warning without a message");
        }

        if (request.Action == Profiles.WarningActionKind.Summon && request.Departments.IsDefaultOrEmpty)
        {
            throw new EarlyWarningException($"rule '{ruleId}' asked to summon (吹哨) but names no department");
        }

        raised.Add((ruleId, request));
    }

    public List<(string RuleId, WarningRequest Request)> Drain()
    {
        var result = new List<(string, WarningRequest)>(raised);
        raised.Clear();
        return result;
    }

    public object Resolve(IResolutionContext context, Type serviceType) =>
        serviceType == typeof(WarningCollector) ? this : throw new EarlyWarningException($"the early-warning session resolves no service of type {serviceType}");
}

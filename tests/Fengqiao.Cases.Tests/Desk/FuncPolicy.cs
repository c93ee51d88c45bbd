using Fengqiao.Cases.Policies;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>A policy made of a function, for tests.</summary>
internal sealed class FuncPolicy(string name, Func<CasePolicyArguments, IReadOnlyList<CasePolicyAction>> evaluate) : ICasePolicy
{
    public string Name => name;

    public ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult(evaluate(arguments));
}

using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Policies;

namespace Fengqiao.Testing;

/// <summary>A batch policy for sweep tests and benchmarks: asks for one 督办 note (<see cref="CaseSupervised"/>) on a
/// case whose clock stage the sweep just recorded, unless the case has been supervised already.</summary>
/// <remarks>
/// <para>It decides from the case alone (<see cref="ICaseBatchPolicy"/>), so the desk evaluates it on the sweep's
/// batches of due cases and keeps its notes in the sweep's group commit: with it a sweep appends two events to each
/// case whose stage it moves (the stage change and the note) in as many commits as without it. Add it to
/// <see cref="CaseDeskOptions.Policies"/>.</para>
/// <para>It acts only on a system step (no <see cref="CasePolicyArguments.RequestedBy"/>) whose last event is a
/// <see cref="CaseClockStageChanged"/>, and only while <see cref="Case.SupervisionCount"/> is zero, so each case gets at
/// most one note; the note's cause is the rule <see cref="RuleId"/>.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to evaluate from any thread, for any number of batches at once.</threadsafety>
public sealed class SuperviseOnStagePolicy : ICaseBatchPolicy
{
    /// <summary>The policy's name, and the rule id its notes' cause names.</summary>
    public const string RuleId = "testing.supervise-on-stage";

    /// <inheritdoc/>
    public string Name => RuleId;

    /// <summary>Asks for a 督办 note when the case's clock stage was just recorded by the sweep and the case has none.</summary>
    /// <param name="arguments">The case, the instant, and the event just accepted.</param>
    /// <param name="cancellationToken">Not used: the decision reads only the arguments.</param>
    /// <returns>One supervision action, or none.</returns>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is the default value, with no case.</exception>
    public ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Decide(arguments));

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="arguments"/> is null.</exception>
    public ValueTask<IReadOnlyList<IReadOnlyList<CasePolicyAction>>> EvaluateManyAsync(IReadOnlyList<CasePolicyArguments> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return ValueTask.FromResult<IReadOnlyList<IReadOnlyList<CasePolicyAction>>>([.. arguments.Select(Decide)]);
    }

    private static IReadOnlyList<CasePolicyAction> Decide(CasePolicyArguments arguments)
    {
        if (arguments.Case is null)
        {
            throw new ArgumentException("The policy arguments are the default value, with no case.", nameof(arguments));
        }

        return arguments is { RequestedBy: null, LastEvent.Payload: CaseClockStageChanged } && arguments.Case.SupervisionCount == 0
            ? [new CasePolicyAction(new CaseSupervised("督办"), new CaseEventCause(RuleId))]
            : [];
    }
}

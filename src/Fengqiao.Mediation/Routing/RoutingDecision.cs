using System.Collections.Immutable;
using Fengqiao.Mediation.Bodies;

namespace Fengqiao.Mediation.Routing;

/// <summary>The router's answer: the body and mediator chosen (if any) and why every other candidate was passed over.</summary>
/// <param name="Body">The body chosen, or <see langword="null"/> when no body takes the dispute.</param>
/// <param name="Mediator">The mediator assigned, or <see langword="null"/> when none is eligible.</param>
/// <param name="Notes">One line per body or mediator considered, in the order considered.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RoutingDecision(MediationBody? Body, Mediator? Mediator, ImmutableArray<string> Notes)
{
    /// <summary>Gets whether a mediator was assigned.</summary>
    public bool Assigned => Mediator is not null;

    /// <summary>Renders the decision and its notes, one per line.</summary>
    public string Explain() =>
        (Assigned ? $"assigned {Mediator!.Name} ({Mediator.Id}) of {Body!.Name}" : "no mediator assigned")
        + Environment.NewLine + string.Join(Environment.NewLine, Notes.Select(n => "  " + n));
}

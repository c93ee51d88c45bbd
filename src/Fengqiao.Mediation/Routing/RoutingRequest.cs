using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using NodaTime;

namespace Fengqiao.Mediation.Routing;

/// <summary>What the router needs to know about a dispute to choose a body and a mediator.</summary>
/// <param name="Type">The dispute type.</param>
/// <param name="Location">Where the dispute arose (the case's grid or community); <see langword="null"/> when unknown.</param>
/// <param name="Date">The local date the mediation would start.</param>
/// <param name="Parties">Ids of the parties (申请人/被申请人), matched against mediators' declared relations.</param>
/// <param name="PriorHandlers">Actors who handled the case before in another role; they may not mediate it.</param>
/// <param name="Preferred">The mediator or expert the parties chose (点对点选择), if any.</param>
/// <param name="Language">The language the parties need, e.g. <c>ug</c>; <see langword="null"/> for any.</param>
/// <param name="AllowRemote">Whether the parties accept mediation by video.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RoutingRequest(
    DisputeType Type,
    OrgUnitId? Location,
    LocalDate Date,
    ImmutableArray<string> Parties,
    ImmutableArray<ActorId> PriorHandlers,
    ActorId? Preferred = null,
    string? Language = null,
    bool AllowRemote = false)
{
    /// <summary>Gets the one mediation body the dispute must go to (a county's hand-off rule naming it), or
    /// <see langword="null"/> to let the router choose among the bodies that take the dispute type and cover the
    /// location.</summary>
    /// <remarks>When set, only that body's mediators are considered; an unknown body, or one without an eligible
    /// mediator, gives a decision with no body (the notes say why).</remarks>
    public OrgUnitId? Body { get; init; }
}

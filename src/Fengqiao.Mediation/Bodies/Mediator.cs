using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Mediation.Bodies;

/// <summary>A mediator (调解员): where they serve, what they know, when they are there and how much they can carry.</summary>
/// <param name="Id">The mediator's actor id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Body">The body they serve in.</param>
/// <param name="Specialties">Dispute types they specialise in; empty means a generalist.</param>
/// <param name="Languages">Languages they mediate in, e.g. <c>zh</c>, <c>ug</c> (Uyghur), <c>kk</c> (Kazakh).</param>
/// <param name="Station">How they are present: permanently, by rotation or on call.</param>
/// <param name="RotaDays">For <see cref="StationMode.Rotating"/>: the weekdays they are stationed; ignored otherwise.</param>
/// <param name="Capacity">The most open mediations they may carry at once; at least 1.</param>
/// <param name="Remote">Whether they also mediate by video (远程视频调解).</param>
/// <param name="DeclaredRelations">Parties they have declared a relation with (回避): they never mediate those parties.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record Mediator(
    ActorId Id,
    string Name,
    OrgUnitId Body,
    ImmutableArray<DisputeType> Specialties,
    ImmutableArray<string> Languages,
    StationMode Station,
    ImmutableArray<IsoDayOfWeek> RotaDays,
    int Capacity,
    bool Remote,
    ImmutableArray<string> DeclaredRelations)
{
    /// <summary>Gets whether the mediator specialises in <paramref name="type"/> (a generalist takes every type).</summary>
    public bool Knows(DisputeType type) => Specialties.IsDefaultOrEmpty || Specialties.Contains(type);

    /// <summary>Gets whether the mediator is stationed at the centre on <paramref name="date"/>.</summary>
    /// <remarks>On-call mediators are never stationed but may still be summoned; whether the date is a working day
    /// is the business calendar's question, asked by the router.</remarks>
    public bool IsStationedOn(LocalDate date) => Station switch
    {
        StationMode.Permanent => true,
        StationMode.Rotating => !RotaDays.IsDefaultOrEmpty && RotaDays.Contains(date.DayOfWeek),
        _ => false,
    };
}

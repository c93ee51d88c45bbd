using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cases;

/// <summary>Who acts on a case: an id, a kind, the org unit a staff member acts for, and for a citizen the digest of the query code they presented.</summary>
/// <remarks>
/// <para>
/// The desk records the actor on every event and asks the authoriser (<see cref="Ports.ICaseAuthorizer"/>) whether
/// it may act; the actor's claims (unit, query-code digest) are checked there, never trusted as such. A staff member who
/// belongs to several units acts for one of them at a time (<see cref="Unit"/>).
/// </para>
/// <para>A citizen actor carries the keyed digest of the code (<c>CaseDesk.Citizen</c> makes one from the code the
/// citizen typed), never the code, so events record no code. <see cref="ToString"/> never prints the digest.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseActor
{
    /// <summary>Creates an actor.</summary>
    /// <param name="id">The actor's id.</param>
    /// <param name="kind">The kind of actor.</param>
    /// <param name="unit">The unit a staff member acts for; required for <see cref="CaseActorKind.Staff"/>.</param>
    /// <param name="queryCodeDigest">The digest of the query code a citizen presents; required for <see cref="CaseActorKind.Citizen"/>.</param>
    /// <exception cref="ArgumentException">A staff actor without a unit, or a citizen without a query-code digest, or an undefined kind.</exception>
    public CaseActor(ActorId id, CaseActorKind kind, OrgUnitId? unit = null, QueryCodeDigest? queryCodeDigest = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"'{kind}' is not a case actor kind.", nameof(kind));
        }

        if (kind == CaseActorKind.Staff && unit is null)
        {
            throw new ArgumentException($"Staff actor '{id}' must name the unit they act for.", nameof(unit));
        }

        if (kind == CaseActorKind.Citizen && (queryCodeDigest is null || queryCodeDigest == default(QueryCodeDigest)))
        {
            throw new ArgumentException("A citizen acts on a case only through its query code (查询码), given as its digest.", nameof(queryCodeDigest));
        }

        Id = id;
        Kind = kind;
        Unit = unit;
        QueryCodeDigest = queryCodeDigest;
    }

    /// <summary>Gets the system actor (系统) used by the sweep and by policies.</summary>
    public static CaseActor System { get; } = new(new ActorId("system"), CaseActorKind.System);

    /// <summary>Gets the actor's id.</summary>
    public ActorId Id { get; }

    /// <summary>Gets the kind of actor.</summary>
    public CaseActorKind Kind { get; }

    /// <summary>Gets the unit a staff member acts for, or <see langword="null"/>.</summary>
    public OrgUnitId? Unit { get; }

    /// <summary>Gets the digest of the query code a citizen presented, or <see langword="null"/>.</summary>
    public QueryCodeDigest? QueryCodeDigest { get; }

    /// <summary>Creates a staff actor acting for <paramref name="unit"/>.</summary>
    /// <param name="id">The member's id.</param>
    /// <param name="unit">The unit they act for.</param>
    /// <returns>The actor.</returns>
    public static CaseActor Staff(ActorId id, OrgUnitId unit) => new(id, CaseActorKind.Staff, unit);

    /// <summary>Creates a citizen actor presenting the query code whose digest is <paramref name="queryCodeDigest"/>.</summary>
    /// <param name="queryCodeDigest">The digest of the query code the citizen presented (<c>CaseDesk.Citizen</c> digests a typed code with the desk's key).</param>
    /// <returns>The actor, with id <c>citizen</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="queryCodeDigest"/> is the default value (no digest).</exception>
    public static CaseActor Citizen(QueryCodeDigest queryCodeDigest) => new(new ActorId("citizen"), CaseActorKind.Citizen, null, queryCodeDigest);

    /// <summary>Creates a people's deputy actor.</summary>
    /// <param name="id">The deputy's id.</param>
    /// <returns>The actor.</returns>
    public static CaseActor Deputy(ActorId id) => new(id, CaseActorKind.Deputy);

    /// <summary>Creates a people's deputy actor who acts from one of their areas: the unit that issues a deputy's
    /// supervision (监督调度, a tracked supervision through <c>CaseDesk.SuperviseAsync</c>).</summary>
    /// <param name="id">The deputy's id.</param>
    /// <param name="area">The deputy's unit (one of their registered areas).</param>
    /// <returns>The actor.</returns>
    public static CaseActor Deputy(ActorId id, OrgUnitId area) => new(id, CaseActorKind.Deputy, area);

    /// <summary>Creates the actor of an intake channel, which registers citizens' reports (登记) so that a portal need not invent a system or staff actor.</summary>
    /// <param name="channel">The channel the report came by.</param>
    /// <returns>An actor of kind <see cref="CaseActorKind.Channel"/> with the id <c>channel:</c> and the channel's key, e.g. <c>channel:qr-code</c>.</returns>
    /// <remarks>The default authoriser lets a channel do nothing but register: every other action by it is refused.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not a defined channel.</exception>
    public static CaseActor Channel(CaseChannel channel) => new(new ActorId("channel:" + channel.Key()), CaseActorKind.Channel);

    /// <summary>Describes the actor without the query-code digest.</summary>
    /// <returns>For example <c>Staff(w-17 @ grid-3)</c>.</returns>
    public override string ToString() => Unit is { } u ? $"{Kind}({Id} @ {u})" : $"{Kind}({Id})";
}

using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Profiles.Loading;
using NodaTime;

namespace Fengqiao.Profiles;

/// <content>Mediation bodies and mediators.</content>
public static partial class CountyProfileLoader
{
    private static MediationProfile ReadMediation(Node node, Func<OrgUnitId, bool> isOrgUnit, IEnumerable<string> orgUnitIds)
    {
        if (node.IsMissing)
        {
            return MediationProfile.None;
        }

        var map = node.Map();
        var bodies = ImmutableArray.CreateBuilder<MediationBody>();
        foreach (var item in map.Optional("bodies").Items())
        {
            var body = item.Map();
            var idOk = body.Required("id", "the body's id").TryRead("a body id", t => new OrgUnitId(t), out var id);
            var name = body.Required("name", "the body's name").RequiredText("the body's name");
            var kindOk = body.Required("kind", string.Join("|", KebabNames.All<MediationBodyKind>())).TryRead("a body kind", KebabNames.Parse<MediationBodyKind>, out var kind);
            var types = ReadStrings(body.Optional("dispute-types")).Select(t => new DisputeType(t)).ToImmutableArray();
            OrgUnitId? area = null;
            var areaNode = body.Optional("area");
            if (!areaNode.IsMissing && areaNode.TryRead("an org unit id", t => new OrgUnitId(t), out var parsedArea))
            {
                if (!isOrgUnit(parsedArea))
                {
                    areaNode.Problem($"area '{parsedArea}' is not an org unit{Suggest.DidYouMean(parsedArea.Value, orgUnitIds)}");
                }

                area = parsedArea;
            }

            body.Provenance();
            body.Done();
            if (idOk && name is not null && kindOk)
            {
                if (bodies.Any(b => b.Id == id))
                {
                    item.Problem($"mediation body '{id}' is defined more than once");
                }

                bodies.Add(new MediationBody(id, name, kind, types, area));
            }
        }

        var bodyIds = bodies.Select(b => b.Id.Value).ToHashSet(StringComparer.Ordinal);
        var mediators = ImmutableArray.CreateBuilder<Mediator>();
        foreach (var item in map.Optional("mediators").Items())
        {
            var m = item.Map();
            var idOk = m.Required("id", "the mediator's actor id").TryRead("an actor id", t => new ActorId(t), out var id);
            var name = m.Required("name", "the mediator's name").RequiredText("the mediator's name");
            var bodyNode = m.Required("body", "the body the mediator serves in");
            var bodyOk = bodyNode.TryRead("a body id", t => new OrgUnitId(t), out var body);
            if (bodyOk && !bodyIds.Contains(body.Value))
            {
                bodyNode.Problem($"body '{body}' is not defined under mediation.bodies{Suggest.DidYouMean(body.Value, bodyIds)}");
            }

            var specialties = ReadStrings(m.Optional("specialties")).Select(t => new DisputeType(t)).ToImmutableArray();
            var languages = ReadStrings(m.Optional("languages"));
            var station = StationMode.Permanent;
            var stationNode = m.Optional("station");
            if (!stationNode.IsMissing && stationNode.TryRead("a station mode", KebabNames.Parse<StationMode>, out var parsedStation))
            {
                station = parsedStation;
            }

            var rota = ImmutableArray.CreateBuilder<IsoDayOfWeek>();
            foreach (var dayNode in m.Optional("rota").Items())
            {
                if (dayNode.TryRead("a weekday such as monday", KebabNames.Parse<IsoDayOfWeek>, out var day))
                {
                    rota.Add(day);
                }
            }

            if (station == StationMode.Rotating && rota.Count == 0)
            {
                item.Problem("a mediator stationed by rotation needs 'rota' days");
            }

            var capacity = 5;
            var capacityNode = m.Optional("capacity");
            if (!capacityNode.IsMissing && !capacityNode.TryRead("a capacity from 1 to 1000", t => ParseInt(t, 1, 1000), out capacity))
            {
                capacity = 5;
            }

            var remote = false;
            var remoteNode = m.Optional("remote");
            if (!remoteNode.IsMissing)
            {
                remoteNode.TryRead("true or false", ParseBool, out remote);
            }

            var relations = ReadStrings(m.Optional("relations"));
            m.Provenance();
            m.Done();
            if (idOk && name is not null && bodyOk)
            {
                if (mediators.Any(x => x.Id == id))
                {
                    item.Problem($"mediator '{id}' is defined more than once");
                }

                mediators.Add(new Mediator(id, name, body, specialties, languages, station, rota.ToImmutable(), capacity, remote, relations));
            }
        }

        map.Done();
        return new MediationProfile(bodies.ToImmutable(), mediators.ToImmutable());
    }
}

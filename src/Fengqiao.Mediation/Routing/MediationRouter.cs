using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using NodaTime;

namespace Fengqiao.Mediation.Routing;

/// <summary>
/// Chooses the mediation body and the mediator for a dispute: by dispute type, area, specialty, presence, language,
/// load and the parties' choice, never past a mediator's capacity and never with a conflict of interest.
/// </summary>
/// <remarks>
/// <para>Bodies are tried in this order: professional committees for the dispute type; then people's mediation
/// committees whose area lies on the dispute location's chain, nearest first (community before township); then
/// county-wide centre rooms; then expert pools. The first body with an eligible mediator wins.</para>
/// <para>A mediator is eligible when the mediator knows the dispute type, has spare capacity, has no declared
/// relation with a party, has not handled the case before in another role, speaks the parties' language when one is
/// asked for, and is present: stationed that day (on a working day), or on call or remote when the parties accept
/// video. Among the eligible, the parties' choice wins; then specialists, those stationed that day, and the lowest
/// load; ties go to the order of the directory, so the choice is deterministic.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class MediationRouter
{
    private readonly MediationDirectory directory;
    private readonly OrgTree? tree;
    private readonly Func<LocalDate, bool> isWorkingDay;

    /// <summary>Creates a router.</summary>
    /// <param name="directory">The bodies and mediators.</param>
    /// <param name="tree">The org tree, to find the committees whose area covers a location; optional.</param>
    /// <param name="isWorkingDay">Whether a date is a working day (pass a business calendar's check); by default
    /// Monday to Friday.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public MediationRouter(MediationDirectory directory, OrgTree? tree = null, Func<LocalDate, bool>? isWorkingDay = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        this.directory = directory;
        this.tree = tree;
        this.isWorkingDay = isWorkingDay ?? (d => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday));
    }

    /// <summary>Routes a dispute.</summary>
    /// <param name="request">The dispute.</param>
    /// <param name="openMediations">Each mediator's current number of open mediations; missing means none.</param>
    /// <returns>The decision with its notes; <see cref="RoutingDecision.Assigned"/> is false when nobody is eligible.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownOrgUnitException">The request's location is not in the org tree.</exception>
    public RoutingDecision Route(RoutingRequest request, IReadOnlyDictionary<ActorId, int> openMediations)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(openMediations);
        var notes = ImmutableArray.CreateBuilder<string>();
        var workingDay = isWorkingDay(request.Date);
        if (!workingDay)
        {
            notes.Add($"{request.Date:uuuu-MM-dd} is not a working day: only on-call or remote mediators can take it");
        }

        var candidates = request.Body is { } only ? directory.Bodies.Where(b => b.Id == only).ToList() : CandidateBodies(request);
        if (request.Body is { } named && !directory.Bodies.Any(b => b.Id == named))
        {
            notes.Add($"the named body '{named}' is not in the directory");
        }

        foreach (var body in candidates)
        {
            var eligible = new List<(Mediator Mediator, int Load)>();
            foreach (var mediator in directory.MediatorsOf(body.Id))
            {
                var load = openMediations.TryGetValue(mediator.Id, out var l) ? l : 0;
                var why = WhyNot(mediator, load, request, workingDay);
                if (why is null)
                {
                    eligible.Add((mediator, load));
                }
                else
                {
                    notes.Add($"{body.Id}: {mediator.Id} passed over: {why}");
                }
            }

            if (eligible.Count == 0)
            {
                notes.Add($"{body.Id}: no eligible mediator");
                continue;
            }

            var chosen = eligible
                .Select((e, order) => (e.Mediator, e.Load, order))
                .OrderByDescending(e => request.Preferred == e.Mediator.Id)
                .ThenByDescending(e => !e.Mediator.Specialties.IsDefaultOrEmpty && e.Mediator.Specialties.Contains(request.Type))
                .ThenByDescending(e => workingDay && e.Mediator.IsStationedOn(request.Date))
                .ThenBy(e => (double)e.Load / e.Mediator.Capacity)
                .ThenBy(e => e.order)
                .First();
            if (request.Preferred is { } preferred && preferred != chosen.Mediator.Id)
            {
                notes.Add(directory.FindMediator(preferred) is null
                    ? $"the parties' choice '{preferred}' is not a mediator in the directory"
                    : $"the parties' choice '{preferred}' is not eligible in {body.Id}");
            }

            notes.Add($"{body.Id}: chose {chosen.Mediator.Id} (load {chosen.Load}/{chosen.Mediator.Capacity})");
            return new RoutingDecision(body, chosen.Mediator, notes.ToImmutable());
        }

        notes.Add($"no body has an eligible mediator for a {request.Type} dispute");
        return new RoutingDecision(null, null, notes.ToImmutable());
    }

    private IEnumerable<MediationBody> CandidateBodies(RoutingRequest request)
    {
        var chain = request.Location is { } location && tree is not null
            ? tree.PathToRoot(location).Select(u => u.Id).ToList()
            : [];
        bool Covers(MediationBody body) => body.Area is null || chain.Contains(body.Area.Value);
        int Distance(MediationBody body) => body.Area is { } area && chain.IndexOf(area) is var i and >= 0 ? i : int.MaxValue;

        var professional = directory.Bodies
            .Where(b => b.Kind == MediationBodyKind.ProfessionalCommittee && !b.DisputeTypes.IsDefaultOrEmpty && b.DisputeTypes.Contains(request.Type) && Covers(b))
            .OrderBy(Distance);
        var committees = directory.Bodies
            .Where(b => b.Kind is MediationBodyKind.CommunityCommittee or MediationBodyKind.TownshipCommittee && b.Takes(request.Type) && b.Area is not null && chain.Contains(b.Area.Value))
            .OrderBy(Distance);
        var rooms = directory.Bodies.Where(b => b.Kind == MediationBodyKind.CentreRoom && b.Takes(request.Type) && Covers(b));
        var pools = directory.Bodies.Where(b => b.Kind == MediationBodyKind.ExpertPool && b.Takes(request.Type) && Covers(b));
        return professional.Concat(committees).Concat(rooms).Concat(pools).Distinct();
    }

    private static string? WhyNot(Mediator mediator, int load, RoutingRequest request, bool workingDay)
    {
        if (!request.PriorHandlers.IsDefaultOrEmpty && request.PriorHandlers.Contains(mediator.Id))
        {
            return "conflict of interest: handled this case before in another role";
        }

        if (!mediator.DeclaredRelations.IsDefaultOrEmpty && !request.Parties.IsDefaultOrEmpty)
        {
            var related = request.Parties.FirstOrDefault(p => mediator.DeclaredRelations.Contains(p));
            if (related is not null)
            {
                return $"conflict of interest: declared relation with party '{related}'";
            }
        }

        if (load >= mediator.Capacity)
        {
            return $"at capacity ({load}/{mediator.Capacity})";
        }

        if (!mediator.Knows(request.Type))
        {
            return $"no specialty in {request.Type} disputes";
        }

        if (request.Language is { } language && (mediator.Languages.IsDefaultOrEmpty || !mediator.Languages.Contains(language)))
        {
            return $"does not mediate in '{language}'";
        }

        var present = workingDay && mediator.IsStationedOn(request.Date);
        var reachable = mediator.Station == StationMode.OnCall || (request.AllowRemote && mediator.Remote);
        return present || reachable ? null : $"not stationed on {request.Date.DayOfWeek} {request.Date:uuuu-MM-dd} and not reachable on call or by video";
    }
}

using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;

namespace Fengqiao.Mediation.Routing;

/// <summary>Collects bodies and mediators and builds a validated <see cref="MediationDirectory"/>.</summary>
/// <remarks><see cref="Build"/> reports every problem at once: duplicate ids, mediators of undefined bodies,
/// capacities below one, rotating mediators without rota days, missing names.</remarks>
/// <threadsafety>Not thread-safe: build on one thread, then share the directory.</threadsafety>
internal sealed class MediationDirectoryBuilder
{
    private readonly List<MediationBody> bodies = [];
    private readonly List<Mediator> mediators = [];

    /// <summary>Adds a body.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public MediationDirectoryBuilder AddBody(MediationBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        bodies.Add(body);
        return this;
    }

    /// <summary>Adds a mediator.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mediator"/> is null.</exception>
    public MediationDirectoryBuilder AddMediator(Mediator mediator)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        mediators.Add(mediator);
        return this;
    }

    /// <summary>Validates and builds the directory.</summary>
    /// <exception cref="MediationDirectoryException">Any problem; the exception lists them all.</exception>
    public MediationDirectory Build()
    {
        var problems = new List<string>();
        var bodyIds = new HashSet<OrgUnitId>();
        foreach (var body in bodies)
        {
            if (!bodyIds.Add(body.Id))
            {
                problems.Add($"mediation body '{body.Id}' is defined more than once");
            }

            if (string.IsNullOrWhiteSpace(body.Name))
            {
                problems.Add($"mediation body '{body.Id}' has no name");
            }
        }

        var mediatorIds = new HashSet<ActorId>();
        foreach (var mediator in mediators)
        {
            var who = $"mediator '{mediator.Id}'";
            if (!mediatorIds.Add(mediator.Id))
            {
                problems.Add($"{who} is defined more than once");
            }

            if (!bodyIds.Contains(mediator.Body))
            {
                problems.Add($"{who} serves in body '{mediator.Body}', which is not defined");
            }

            if (string.IsNullOrWhiteSpace(mediator.Name))
            {
                problems.Add($"{who} has no name");
            }

            if (mediator.Capacity < 1)
            {
                problems.Add($"{who} has capacity {mediator.Capacity}; it must be at least 1");
            }

            if (mediator.Station == StationMode.Rotating && mediator.RotaDays.IsDefaultOrEmpty)
            {
                problems.Add($"{who} is stationed by rotation but has no rota days");
            }
        }

        if (problems.Count > 0)
        {
            throw new MediationDirectoryException(problems);
        }

        return new MediationDirectory([.. bodies], [.. mediators]);
    }
}

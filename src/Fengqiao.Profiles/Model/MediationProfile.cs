using System.Collections.Immutable;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Routing;

namespace Fengqiao.Profiles;

/// <summary>The county's mediation bodies and mediators.</summary>
/// <param name="Bodies">Committees, centre rooms and expert pools.</param>
/// <param name="Mediators">The mediators, each in one body.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record MediationProfile(ImmutableArray<MediationBody> Bodies, ImmutableArray<Mediator> Mediators)
{
    /// <summary>Gets a profile with no mediation bodies.</summary>
    public static MediationProfile None { get; } = new([], []);

    /// <summary>Builds the mediation directory the router uses.</summary>
    /// <exception cref="MediationDirectoryException">The bodies or mediators are inconsistent (a loaded profile never is).</exception>
    public MediationDirectory Build()
    {
        var builder = new MediationDirectoryBuilder();
        foreach (var body in Bodies)
        {
            builder.AddBody(body);
        }

        foreach (var mediator in Mediators)
        {
            builder.AddMediator(mediator);
        }

        return builder.Build();
    }
}

using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Ports;

/// <summary>The port that decides who may fire which trigger on which case.</summary>
/// <remarks>
/// <para>
/// The desk asks before firing anything (after the lifecycle would accept the trigger, so a refusal for a wrong
/// state is reported as such). Registration is not authorised here: anyone may report a matter.
/// </para>
/// <para>
/// Contract: return <see cref="CaseAuthorization.Allow"/> or a denial with a reason a user may read (no personal
/// data). Called concurrently from any thread. Throw only for infrastructure failures or cancellation; the desk lets
/// those through and changes nothing. The default implementation is <see cref="InMemory.OrgCaseAuthorizer"/>.
/// </para>
/// </remarks>
public interface ICaseAuthorizer
{
    /// <summary>Decides whether <paramref name="actor"/> may fire <paramref name="trigger"/> on <paramref name="current"/>.</summary>
    /// <param name="actor">Who wants to act.</param>
    /// <param name="trigger">What they want to do.</param>
    /// <param name="current">The case as it stands.</param>
    /// <param name="hasCause">Whether the action carries a recorded cause (rule id and facts), as system actions must.</param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    /// <returns>The decision.</returns>
    ValueTask<CaseAuthorization> AuthorizeAsync(
        CaseActor actor, CaseTrigger trigger, Case current, bool hasCause, CancellationToken cancellationToken);
}

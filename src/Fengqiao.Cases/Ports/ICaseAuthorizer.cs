using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

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
/// <threadsafety>Implementations must be thread-safe: the desk calls them concurrently from any thread.</threadsafety>
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

    /// <summary>Decides whether <paramref name="actor"/> may pass the work on <paramref name="current"/> from the post that has
    /// it (<see cref="Case.Post"/>, or none yet) to the post <paramref name="post"/> within the unit holding it (岗位交接,
    /// <see cref="Desk.CaseDesk.HandOverAsync"/>).</summary>
    /// <param name="actor">Who wants to hand the case over.</param>
    /// <param name="current">The case as it stands; <see cref="Case.Post"/> is the post that has it, <see langword="null"/> before any post has.</param>
    /// <param name="post">The post that would take the case.</param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    /// <returns>The decision.</returns>
    /// <remarks>
    /// <para>The desk asks after its own checks of the case and the county's posts (the case is open, a unit holds it, the
    /// county has the post and a member of the unit holds it), so an authoriser decides only who may, from which post to
    /// which. A denial is refused as <see cref="Desk.CaseRefusalKind.Unauthorized"/> with the actions the actor may take
    /// instead, like every refusal.</para>
    /// <para>The default implementation asks <see cref="AuthorizeAsync"/> for <see cref="CaseTrigger.Claim"/>, the authority
    /// a hand-over is recorded under, so an authoriser written before posts existed decides hand-overs as it decides claims.
    /// <see cref="InMemory.OrgCaseAuthorizer"/> decides from the unit's members and the posts they hold.</para>
    /// <para>Contract as for <see cref="AuthorizeAsync"/>: thread-safe, no personal data in a reason, throw only for
    /// infrastructure failures or cancellation.</para>
    /// </remarks>
    ValueTask<CaseAuthorization> AuthorizeHandOverAsync(CaseActor actor, Case current, MemberRole post, CancellationToken cancellationToken) =>
        AuthorizeAsync(actor, CaseTrigger.Claim, current, false, cancellationToken);
}

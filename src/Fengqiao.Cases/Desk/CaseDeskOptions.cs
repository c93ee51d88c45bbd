using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Lifecycles;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases.Desk;

/// <summary>What a <see cref="CaseDesk"/> is built from: the county's rules and the host's ports.</summary>
/// <remarks>
/// Set the required properties (<see cref="SlaPolicy"/>, <see cref="Calendar"/>, <see cref="Store"/>,
/// <see cref="Clock"/>, and <see cref="Directory"/> or <see cref="Authorizer"/>); the rest have defaults. The desk
/// validates the options once when it is built and reports every problem together; it copies them, so changing the
/// options afterwards does not affect the desk.
/// </remarks>
/// <threadsafety>Not thread-safe: configure on one thread, then build the desk.</threadsafety>
public sealed class CaseDeskOptions
{
    /// <summary>Gets or sets the lifecycle.</summary>
    /// <value>Defaults to <see cref="CaseLifecycles.Default"/>.</value>
    /// <remarks>
    /// Effects that the lifecycle's entry, exit and internal actions emit (<c>LifecycleActionContext.Emit</c>) are carried
    /// out by the desk: each must be a desk step (a <see cref="Events.CaseTransition"/> payload such as
    /// <see cref="Events.CaseSupervised"/>), which the desk decides as the system (cause <c>lifecycle.effect</c>, naming
    /// the step that emitted it) and appends together with that step; their own effects follow, in order. An effect
    /// that is not a desk step fails the action with a <see cref="LifecycleDefinitionException"/>, and an effect the
    /// lifecycle or the authoriser refuses refuses the action (<see cref="Desk.CaseActionRefusedException"/>): in both
    /// cases nothing is saved. An effect is never dropped.
    /// </remarks>
    public Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> Lifecycle { get; set; } = CaseLifecycles.Default;

    /// <summary>Gets or sets the name and version of the lifecycle, recorded on every registration.</summary>
    /// <value>Defaults to <c>fengqiao-default/1</c>; change it whenever the county changes its lifecycle.</value>
    public string LifecycleVersion { get; set; } = "fengqiao-default/1";

    /// <summary>Gets or sets the county's SLA policy; required. Its limits are resolved and recorded at registration.</summary>
    /// <value>Every case category must resolve to a rule with a <see cref="SlaLimitNames.Handle"/> limit, or registration throws.</value>
    public SlaPolicy? SlaPolicy { get; set; }

    /// <summary>Gets or sets the calendar the clocks count on; required.</summary>
    public BusinessCalendar? Calendar { get; set; }

    /// <summary>Gets or sets the case store; required.</summary>
    public ICaseStore? Store { get; set; }

    /// <summary>Gets or sets the clock, the desk's only source of "now"; required.</summary>
    public IClock? Clock { get; set; }

    /// <summary>Gets or sets the org directory: target units are checked against it, and it backs the default authoriser.</summary>
    /// <value>Defaults to none: target units are then not checked, and <see cref="Authorizer"/> is required.</value>
    public IOrgDirectory? Directory { get; set; }

    /// <summary>Gets or sets the authoriser.</summary>
    /// <value>Defaults to an <see cref="InMemory.OrgCaseAuthorizer"/> over <see cref="Directory"/>.</value>
    public ICaseAuthorizer? Authorizer { get; set; }

    /// <summary>Gets or sets the county's routing: which reports the desk takes in and where people may send cases.</summary>
    /// <value>Defaults to none: every report is taken and targets are limited only by the authoriser.</value>
    public ICaseRouting? Routing { get; set; }

    /// <summary>Gets or sets the duplicate detector.</summary>
    /// <value>Defaults to an <see cref="InMemory.RecentReportDuplicateDetector"/> with a 7-day window (it forgets on restart).</value>
    public IDuplicateDetector? DuplicateDetector { get; set; }

    /// <summary>Gets or sets the query code generator.</summary>
    /// <value>Defaults to a <see cref="QueryCodeGenerator"/> over the operating system's cryptographic generator.</value>
    public QueryCodeGenerator QueryCodes { get; set; } = new();

    /// <summary>Gets or sets the county's query-code key: the desk keeps and looks cases up only by the keyed digest of
    /// their query codes (<see cref="QueryCodeKey.Digest"/>), never the codes themselves.</summary>
    /// <value>Required; no default. Every desk and store of a county must use the same key, kept outside the database
    /// (a host reads it from its configuration).</value>
    public QueryCodeKey? QueryCodeKey { get; set; }

    /// <summary>Gets the county's retired query-code keys, newest first: look-ups try <see cref="QueryCodeKey"/>, then
    /// each of these, so codes handed out before a key rotation still find their cases.</summary>
    /// <value>Empty by default. No key may be null, repeat, or be the current key (compared by <see cref="QueryCodes.QueryCodeKey.Id"/>).</value>
    /// <remarks>
    /// <para>Rotation replaces the key new codes are digested with; it does not touch what is stored. Only digests are
    /// stored, never the codes, so nothing can re-digest them: a case registered under a retired key keeps that key's
    /// digest for good, and is found only while that key stays in this list. Drop a retired key once no citizen needs
    /// the codes issued under it any more (the county's look-up period after the last such case closed).</para>
    /// <para>Each retired key costs one more store look-up for a code that matches no case (a mistyped code).</para>
    /// </remarks>
    public IList<QueryCodeKey> RetiredQueryCodeKeys { get; } = [];

    /// <summary>Gets or sets how new case ids are made.</summary>
    /// <value>Defaults to <c>case-</c> followed by a random GUID in 32 hex digits. Must never repeat.</value>
    public Func<CaseId>? NewCaseId { get; set; }

    /// <summary>Gets the policies evaluated after each accepted event and on each sweep, in order.</summary>
    /// <value>Empty by default.</value>
    public IList<ICasePolicy> Policies { get; } = [];

    /// <summary>Gets or sets how many actions policies may take after one event or sweep before the desk stops them as a loop.</summary>
    /// <value>Defaults to 8; at least 1.</value>
    /// <remarks>
    /// The budget is per case and per run (one desk call, or one case in a sweep). A case with tracked deadlines gets one
    /// more step for each open supervision (督办) and each summoned department yet to report in (吹哨报到), so that a
    /// single sweep over a case with several overdue supervisions can act once on each of them.
    /// </remarks>
    public int MaxPolicySteps { get; set; } = 8;

    /// <summary>Gets or sets how many extensions (延期) a case may be granted.</summary>
    /// <value>Defaults to 1; 0 forbids extensions.</value>
    public int MaxExtensions { get; set; } = 1;

    /// <summary>Gets or sets the most working time all extensions of a case may add to its citizen clock, or <see langword="null"/> for no cap beyond <see cref="MaxExtensions"/>.</summary>
    /// <value>Defaults to <see langword="null"/>. A single extension is always capped by the policy's <see cref="SlaLimitNames.Extension"/> limit when it names one.</value>
    public Duration? MaxExtensionTotal { get; set; }

    /// <summary>Gets or sets what to do with an exception thrown by a subscriber of <see cref="CaseDesk.Events"/> (the subscriber is dropped either way).</summary>
    /// <value>Defaults to none: the exception is swallowed.</value>
    public Action<Exception>? OnSubscriberError { get; set; }

    /// <summary>Gets or sets how the desk names the relay level (接力层级) of a unit a case is dispatched or escalated to, for relay budgets (<see cref="CaseSlaTerms.RelayBudgets"/>).</summary>
    /// <value>Defaults to none: dispatches and escalations carry no level and no level budget runs.</value>
    /// <remarks>
    /// Called only for cases registered with relay budgets; its answer is recorded on the event
    /// (<see cref="Events.CaseDispatched.RelayLevel"/>, <see cref="Events.CaseEscalated.RelayLevel"/>), so replay never
    /// calls it. Return <see langword="null"/> for a unit that serves at no level. A county desk built from a profile
    /// answers with the first ladder level the unit serves at. It must be thread-safe and must not throw.
    /// </remarks>
    public Func<Organisation.OrgUnitId, string?>? RelayLevelOf { get; set; }

    /// <summary>Gets or sets the county's rules that give a report registered without a tier its complexity tier (<see cref="CaseTier"/>).</summary>
    /// <value>Defaults to empty: a case has the tier its report was registered with, or none.</value>
    /// <remarks>The first rule that covers the report applies; the tier is recorded with the report in the registration event.</remarks>
    public IReadOnlyList<CaseTierRule> TierRules { get; set; } = [];

    /// <summary>Gets the units whose cases must carry a written report (书面报送) before they close, each with its addressee.</summary>
    /// <value>Empty by default: no case needs one.</value>
    /// <remarks>See <see cref="WrittenReportRequirement"/>. A county desk built from a profile fills it from <c>written-reports:</c>.</remarks>
    public IList<WrittenReportRequirement> WrittenReports { get; } = [];

    /// <summary>Gets the posts the county's units may have (岗位), each a role with its own limit and escalation.</summary>
    /// <value>Empty by default: no post hand-overs.</value>
    /// <remarks>See <see cref="UnitPost"/>. A county desk built from a profile fills it from <c>posts:</c>. The desk refuses a
    /// role listed twice, and a post that escalates to a post not listed.</remarks>
    public IList<UnitPost> Posts { get; } = [];

    /// <summary>Gets the departments with a desk at a centre, stationed permanently (常驻) or by rotation (轮驻).</summary>
    /// <value>Empty by default: a dispatch reaches the unit it names.</value>
    /// <remarks>See <see cref="StationedDepartment"/>: a dispatch naming such a department reaches its desk when the desk is
    /// staffed that day (in the calendar's zone). A county desk built from a profile fills it from <c>stationed:</c>. The desk
    /// refuses a department listed twice.</remarks>
    public IList<StationedDepartment> StationedDepartments { get; } = [];
}

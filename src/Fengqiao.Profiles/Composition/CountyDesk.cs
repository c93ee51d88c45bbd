using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Routing;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>A county's whole case desk, composed once from its profile by <see cref="CountyDeskBuilder"/>: the
/// <see cref="CaseDesk"/> a host calls, and every part it was built from.</summary>
/// <remarks>The parts are exposed so that a host can explain decisions (<see cref="Escalation"/>), route
/// (<see cref="Routing"/>), sweep mediations (<see cref="Mediation"/>) and read the tree; they are the very instances the
/// desk uses.</remarks>
/// <threadsafety>Immutable; the desk and its parts are thread-safe.</threadsafety>
public sealed class CountyDesk
{
    internal CountyDesk(
        CountyProfile profile, IClock clock, OrgTree tree, BusinessCalendar calendar, SlaPolicy slaPolicy, RoutingAuthority routing,
        EscalationCasePolicy escalation, RuleSet<HandOffFact, HandOffDecision> handOffRules, MediationRouter router, HandOffLedger ledger,
        HandOffCasePolicy handOffs, CaseDesk desk, MediationDesk mediation, ICaseAuthorizer authorizer)
    {
        Profile = profile;
        Clock = clock;
        Tree = tree;
        Calendar = calendar;
        SlaPolicy = slaPolicy;
        Routing = routing;
        Escalation = escalation;
        HandOffRules = handOffRules;
        Router = router;
        Ledger = ledger;
        HandOffs = handOffs;
        Desk = desk;
        Mediation = mediation;
        Authorizer = authorizer;
    }

    /// <summary>Gets the profile the desk was composed from.</summary>
    public CountyProfile Profile { get; }

    /// <summary>Gets the desk's clock, its only source of "now".</summary>
    public IClock Clock { get; }

    /// <summary>Gets the org tree, mediation bodies and their mediators included (or the replacement given to the builder).</summary>
    public OrgTree Tree { get; }

    /// <summary>Gets the business calendar the clocks count on.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>Gets the SLA policy.</summary>
    public SlaPolicy SlaPolicy { get; }

    /// <summary>Gets the routing the desk enforces: which reports it takes in, who owns them, where people may send them.</summary>
    public RoutingAuthority Routing { get; }

    /// <summary>Gets the escalation policy (upgrade rules, desk rules, routing for the department level).</summary>
    public EscalationCasePolicy Escalation { get; }

    /// <summary>Gets the county's hand-off rules.</summary>
    public RuleSet<HandOffFact, HandOffDecision> HandOffRules { get; }

    /// <summary>Gets the mediation router over the county's mediation directory.</summary>
    public MediationRouter Router { get; }

    /// <summary>Gets the hand-off ledger.</summary>
    public HandOffLedger Ledger { get; }

    /// <summary>Gets the hand-off policy.</summary>
    public HandOffCasePolicy HandOffs { get; }

    /// <summary>Gets the case desk: register, dispatch, claim, answer, rate, sweep.</summary>
    public CaseDesk Desk { get; }

    /// <summary>Gets the mediation desk over <see cref="Desk"/> and <see cref="Ledger"/>.</summary>
    public MediationDesk Mediation { get; }

    /// <summary>Gets the authoriser the desk asks.</summary>
    public ICaseAuthorizer Authorizer { get; }
}

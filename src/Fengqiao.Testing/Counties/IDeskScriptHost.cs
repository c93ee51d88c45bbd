using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>What <see cref="DeskScriptRunner"/> needs of a county: a <see cref="TestCounty"/> (a profile's whole desk) or a <see cref="BareCounty"/> (a bare desk).</summary>
internal interface IDeskScriptHost
{
    CaseDesk Desk { get; }

    OrgTree Tree { get; }

    BusinessCalendar Calendar { get; }

    ICaseAuthorizer Authorizer { get; }

    /// <summary>Gets the categories, channels and reporter grids the runner registers reports with.</summary>
    ImmutableArray<CaseCategory> Categories { get; }

    ImmutableArray<CaseChannel> Channels { get; }

    /// <summary>Checks whether an actor may send a case to a unit (the county's routing, or the authoriser alone).</summary>
    CaseAuthorization CheckTarget(CaseActor actor, CaseTrigger trigger, Case current, OrgUnitId target);

    /// <summary>Moves the clock forward, sweeping hourly.</summary>
    Task AdvanceAsync(Duration duration, CancellationToken cancellationToken);
}

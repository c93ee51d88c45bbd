using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>What the simulation remembers about one open case between its steps (the desk holds the case itself).</summary>
internal sealed class CaseProgress(CaseId id, OrgUnitId grid, CaseCategory category, bool isDispute)
{
    public CaseId Id { get; } = id;

    public OrgUnitId Grid { get; } = grid;

    public CaseCategory Category { get; } = category;

    public bool IsDispute { get; } = isDispute;

    public OrgUnitId? Unit { get; set; }

    /// <summary>Gets the unit the county's routing names as the case's owner, or null without routing.</summary>
    public OrgUnitId? Owner { get; init; }

    /// <summary>Gets the case's complexity tier as registered, or null (then the simulation's tier mix draws one for its handling time).</summary>
    public CaseTier? Tier { get; init; }

    /// <summary>Gets the department the county's routing names for the case's department level, or null.</summary>
    public OrgUnitId? Department { get; init; }

    /// <summary>Gets the case's sequence number in the run (repeatable, unlike a hash).</summary>
    public int Number { get; init; }

    /// <summary>Gets the unit holding the case now, or its grid before the first dispatch.</summary>
    public OrgUnitId Here => Unit ?? Grid;

    public Duration? HandleLimit { get; set; }

    public int Returns { get; set; }

    public int Extensions { get; set; }

    public int Reopens { get; set; }

    public bool Mediated { get; set; }

    public bool ShortReply { get; set; }

    /// <summary>Gets or sets whether the case's last mediation ended without agreement.</summary>
    public bool MediationFailed { get; set; }

    /// <summary>Gets how often each per-case trait has been drawn (CountySimulation.Decide).</summary>
    public int[] Asked { get; } = new int[8];

    /// <summary>Gets or sets until when the case waits for a mediator with room (CountySimulation.AcceptAsync).</summary>
    public Instant WaitUntil { get; set; }

    /// <summary>Gets or sets a counter bumped whenever a rule (not the simulated staff) moves the case.</summary>
    public int Generation { get; set; }

    /// <summary>Gets or sets how many of the case's steps are on the agenda and not yet run: a finished case with none,
    /// and out of the open cases, gets no more events, so its figures can be retired (CountySimulation.RetireIfDone).</summary>
    public int Pending { get; set; }
}

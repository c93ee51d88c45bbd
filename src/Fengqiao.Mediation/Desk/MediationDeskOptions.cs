using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;

namespace Fengqiao.Mediation.Desk;

/// <summary>The outside bodies of the four-way docking (四调对接) as org units of the county, for the return flows the
/// <see cref="MediationDesk"/> drives: the court (法院, 诉调), the police station (派出所/交警, 警调), the petition office
/// (信访局, 访调) and the procuratorate (检察院, 检调).</summary>
/// <remarks>
/// <para>Every unit named must be in <see cref="Directory"/>; the desk checks this when it is built and throws
/// <see cref="MediationDeskConfigurationException"/> naming the option and the unit. A body left
/// <see langword="null"/> switches its return flow off: a mediation whose return rule targets it is handed back to the
/// case's holder as without options.</para>
/// <para>The case desk the <see cref="MediationDesk"/> works on must have a <see cref="HandOffCasePolicy"/> over the
/// same ledger: it carries out the return hand-offs.</para>
/// </remarks>
/// <threadsafety>Immutable once built (init-only); safe to share across threads.</threadsafety>
public sealed record MediationDeskOptions
{
    /// <summary>Gets the county's org tree, against which every unit below is checked; required.</summary>
    public required OrgTree Directory { get; init; }

    /// <summary>Gets the court's unit (法院): judicial confirmation and return to filing, or <see langword="null"/>.</summary>
    public OrgUnitId? Court { get; init; }

    /// <summary>Gets the police unit that takes over traffic-accident mediation (交警/派出所), or <see langword="null"/>.</summary>
    public OrgUnitId? PoliceStation { get; init; }

    /// <summary>Gets the petition office's unit (信访局), or <see langword="null"/>.</summary>
    public OrgUnitId? PetitionOffice { get; init; }

    /// <summary>Gets the procuratorate's unit (检察院), or <see langword="null"/>.</summary>
    public OrgUnitId? Procuratorate { get; init; }

    /// <summary>Gets the hand-off rules whose return rules drive the flows; <see cref="HandOffRules.Default"/> when <see langword="null"/>.</summary>
    public RuleSet<HandOffFact, HandOffDecision>? Rules { get; init; }

    /// <summary>Gets the legal road map (法治化路线图) whose next step after mediation is written into the hand-back note
    /// of a failed mediation; <see cref="Fengqiao.Mediation.RoadMap.LegalRoadMap.Default"/> when <see langword="null"/>.</summary>
    public Fengqiao.Mediation.RoadMap.LegalRoadMap? RoadMap { get; init; }

    /// <summary>Gets the unit for a rule's target kind, or <see langword="null"/> when not configured (or a mediation body).</summary>
    /// <param name="target">The target kind.</param>
    /// <returns>The unit, or <see langword="null"/>.</returns>
    public OrgUnitId? UnitFor(HandOffTarget target) => target switch
    {
        HandOffTarget.Court => Court,
        HandOffTarget.PoliceStation => PoliceStation,
        HandOffTarget.PetitionOffice => PetitionOffice,
        HandOffTarget.Procuratorate => Procuratorate,
        _ => null,
    };

    /// <summary>Checks every named unit against <see cref="Directory"/>.</summary>
    /// <exception cref="MediationDeskConfigurationException"><see cref="Directory"/> is missing, or a unit is not in it; the exception names the option and the unit.</exception>
    public void Validate()
    {
        if (Directory is null)
        {
            throw new MediationDeskConfigurationException(nameof(Directory), null, "MediationDeskOptions.Directory is required: the outside bodies' units are checked against it.");
        }

        Check(nameof(Court), Court);
        Check(nameof(PoliceStation), PoliceStation);
        Check(nameof(PetitionOffice), PetitionOffice);
        Check(nameof(Procuratorate), Procuratorate);
    }

    private void Check(string option, OrgUnitId? unit)
    {
        if (unit is { } u && Directory.Find(u) is null)
        {
            throw new MediationDeskConfigurationException(option, u,
                $"MediationDeskOptions.{option} names the unit '{u}', which is not in the org directory; add it to the org tree or correct the option.");
        }
    }
}

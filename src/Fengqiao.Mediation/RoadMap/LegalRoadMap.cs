using System.Collections.Immutable;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Limits;

namespace Fengqiao.Mediation.RoadMap;

/// <summary>
/// The legal road map (法治化路线图) after a failed mediation: mediation → arbitration → administrative adjudication →
/// administrative reconsideration → petition (three levels) → litigation → legal supervision, filtered to the steps that
/// apply to a type of dispute, each with its statutory limit.
/// </summary>
/// <remarks>
/// <para><see cref="Default"/> applies arbitration to labour disputes (a labour lawsuit needs an award first),
/// administrative adjudication to land disputes, reconsideration and the petition's three levels to disputes over an
/// administrative act, and litigation and legal supervision to every dispute. A county with other routes builds its
/// own map with the constructor.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class LegalRoadMap
{
    private static readonly ImmutableArray<RoadMapStepKind> AlwaysApplies =
        [RoadMapStepKind.Mediation, RoadMapStepKind.Litigation, RoadMapStepKind.LegalSupervision];

    private readonly ImmutableDictionary<DisputeType, ImmutableArray<RoadMapStepKind>> extraSteps;

    /// <summary>Creates a road map.</summary>
    /// <param name="extraSteps">For each dispute type, the steps that apply besides mediation, litigation and legal
    /// supervision (which apply to all); types not listed follow those three only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="extraSteps"/> is null.</exception>
    public LegalRoadMap(IReadOnlyDictionary<DisputeType, ImmutableArray<RoadMapStepKind>> extraSteps)
    {
        ArgumentNullException.ThrowIfNull(extraSteps);
        this.extraSteps = extraSteps.ToImmutableDictionary();
    }

    /// <summary>Gets the default road map (see the type's remarks).</summary>
    public static LegalRoadMap Default { get; } = new(new Dictionary<DisputeType, ImmutableArray<RoadMapStepKind>>
    {
        [DisputeType.Labour] = [RoadMapStepKind.Arbitration],
        [DisputeType.Land] = [RoadMapStepKind.AdministrativeAdjudication, RoadMapStepKind.AdministrativeReconsideration],
        [DisputeType.AdministrativeAct] =
            [RoadMapStepKind.AdministrativeReconsideration, RoadMapStepKind.Petition, RoadMapStepKind.PetitionReview, RoadMapStepKind.PetitionReReview],
    });

    /// <summary>Gets the road map for a type of dispute, in order.</summary>
    public ImmutableArray<RoadMapStep> For(DisputeType type)
    {
        var extra = extraSteps.TryGetValue(type, out var steps) ? steps : [];
        return [.. Enum.GetValues<RoadMapStepKind>()
            .Where(k => AlwaysApplies.Contains(k) || extra.Contains(k))
            .Select(k => Describe(k, type))];
    }

    /// <summary>Recommends the step after <paramref name="failed"/> for a type of dispute.</summary>
    /// <returns>The next step with its limit, or <see langword="null"/> after the last step (legal supervision).</returns>
    /// <exception cref="ArgumentException"><paramref name="failed"/> does not apply to <paramref name="type"/>.</exception>
    public RoadMapStep? NextAfter(DisputeType type, RoadMapStepKind failed)
    {
        var route = For(type);
        var index = route.IndexOf(route.FirstOrDefault(s => s.Kind == failed)!);
        if (index < 0)
        {
            throw new ArgumentException(
                $"The step {failed} is not on the road map of a {type} dispute ({string.Join(" → ", route.Select(s => s.Kind))}).", nameof(failed));
        }

        return index + 1 < route.Length ? route[index + 1] : null;
    }

    private static RoadMapStep Describe(RoadMapStepKind kind, DisputeType type) => kind switch
    {
        RoadMapStepKind.Mediation => new(kind, "Mediation 调解", MediationLimits.ForMediation(type),
            "people's, administrative or professional mediation; free, voluntary, the agreement may be judicially confirmed"),
        RoadMapStepKind.Arbitration => new(kind, "Arbitration 仲裁", type == DisputeType.Labour ? MediationLimits.LabourArbitration : null,
            type == DisputeType.Labour ? "labour arbitration is required before a labour lawsuit" : "arbitration where the parties agreed to it"),
        RoadMapStepKind.AdministrativeAdjudication => new(kind, "Administrative adjudication 行政裁决", null,
            "ownership of land and forest is decided by the people's government first"),
        RoadMapStepKind.AdministrativeReconsideration => new(kind, "Administrative reconsideration 行政复议", MediationLimits.AdministrativeReconsideration,
            "ask the organ above to review the administrative act or decision"),
        RoadMapStepKind.Petition => new(kind, "Petition handling 信访办理", MediationLimits.PetitionHandling,
            "a petition seeking a remedy, handled with the mediation record attached"),
        RoadMapStepKind.PetitionReview => new(kind, "Petition review 信访复查", MediationLimits.PetitionReview,
            "ask the organ above to review the petition's handling"),
        RoadMapStepKind.PetitionReReview => new(kind, "Petition re-review 信访复核", MediationLimits.PetitionReReview,
            "the last petition level; its answer is final within the petition system"),
        RoadMapStepKind.Litigation => new(kind, "Litigation 诉讼", null,
            "file a lawsuit; the court may divert it to pre-filing mediation first"),
        RoadMapStepKind.LegalSupervision => new(kind, "Legal supervision 法律监督", null,
            "ask the procuratorate to supervise a judgment or an administrative act"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a road map step."),
    };
}

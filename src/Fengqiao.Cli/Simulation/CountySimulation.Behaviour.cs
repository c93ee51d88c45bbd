using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Rules;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <content>The county's behaviour from its profile's <c>simulation:</c> section: ratings, mediation success,
/// complexity tiers and where disputes come from (诉调/警调/访调/检调).</content>
internal sealed partial class CountySimulation
{
    private readonly SimulationProfile behaviour;

    /// <summary>An enum value as the profile spells it: <c>ProfessionalCommittee</c> → <c>professional-committee</c>.</summary>
    internal static string Kebab<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>The citizen's rating for a case, from one uniform draw: the satisfied shares, lowered for a case answered
    /// after its citizen deadline or whose mediation failed by the section's factors.</summary>
    private CaseRating RatingOf(CaseProgress c, double roll)
    {
        var factor = 1.0;
        if (metrics.WasLate(c.Id))
        {
            factor *= behaviour.LateSatisfactionFactor;
        }

        if (c.MediationFailed)
        {
            factor *= behaviour.FailedMediationSatisfactionFactor;
        }

        var satisfied = Math.Min(1, behaviour.Satisfied * factor);
        var basically = Math.Min(1 - satisfied, behaviour.BasicallySatisfied * factor);
        return roll < satisfied ? CaseRating.Satisfied : roll < satisfied + basically ? CaseRating.BasicallySatisfied : CaseRating.Unsatisfied;
    }

    /// <summary>The success share of the body the matter was handed to, by the body's kind.</summary>
    private double MediationSuccessOf(OrgUnitId body)
    {
        var kind = profile.Mediation.Bodies.IsDefaultOrEmpty ? null : profile.Mediation.Bodies.FirstOrDefault(b => b.Id == body)?.Kind;
        return kind is { } k ? behaviour.MediationSuccessOf(Kebab(k)) : behaviour.MediationSuccess;
    }

    /// <summary>The handling-time factor after the complexity tier (简单·即时 answered at once, 疑难·会诊 taking several
    /// times the limit); complex matters keep the drawn factor. The tier is fixed per case (no shared draw).</summary>
    private double TierFactor(CaseProgress c, double factor)
    {
        if (c.Tier is null && behaviour.SimpleTier <= 0 && behaviour.DifficultTier <= 0)
        {
            return factor;
        }

        return (c.Tier ?? TierDrawn(c.Id)) switch
        {
            CaseTier.Simple => 0.05 * factor,
            CaseTier.Difficult => behaviour.DifficultFactor * (0.5 + factor),
            _ => factor,
        };
    }

    /// <summary>The tier the mix gives a case (fixed per case id: the same draw <see cref="TierFactor"/> makes).</summary>
    private CaseTier TierDrawn(CaseId id)
    {
        var u = Unit(id, 1);
        return u < behaviour.SimpleTier ? CaseTier.Simple : u >= 1 - behaviour.DifficultTier ? CaseTier.Difficult : CaseTier.Complex;
    }

    /// <summary>Whether the profile's rules read a case's tier (tier routing rows, tier SLA rules): then the acceptor gives
    /// each report the tier the mix draws, unless a <c>tiers:</c> rule of the profile covers it.</summary>
    private bool ProfileReadsTiers =>
        (behaviour.SimpleTier > 0 || behaviour.DifficultTier > 0)
        && ((profile.Routing?.Rows.Any(r => !r.Tiers.IsDefaultOrEmpty) ?? false) || profile.Sla.Rules.Any(r => r.Tier is not null));

    /// <summary>The report as the acceptor registers it: with the tier the mix draws for the case about to be numbered,
    /// where the profile reads tiers and no <c>tiers:</c> rule covers it.</summary>
    private CaseReport Tiered(CaseReport report, int nextNumber) =>
        report.Tier is null && ProfileReadsTiers && !profile.TierRules.Any(r => r.Covers(report))
            ? report with { Tier = TierDrawn(new CaseId($"C{nextNumber:D7}")) }
            : report;

    /// <summary>Gives a dispute the origin the section's mix draws for it (fixed per case): a court filing judged
    /// suitable or not (诉调), a police call mediated on site with or without follow-up (警调), a petition seeking a
    /// remedy (访调), a procuratorate matter (检调); the rest stay citizens' reports to the centre.</summary>
    private HandOffFact WithOrigin(HandOffFact fact, CaseId id) =>
        OriginOf(behaviour, id) switch
        {
            "court" => fact with { Origin = HandOffOrigin.Court, FiledWithCourt = true, SuitableForMediation = Unit(id, 3) < behaviour.CourtSuitable },
            "police" => fact with { Origin = HandOffOrigin.Police, PoliceCall = true, MediatedOnSite = Unit(id, 3) < behaviour.PoliceFollowUp },
            "petition-office" => fact with { Origin = HandOffOrigin.PetitionOffice, PetitionKind = PetitionKind.SeeksRemedy },
            "procuratorate" => fact with { Origin = HandOffOrigin.Procuratorate, ProcuratorateMatter = ProcuratorateMatter.CriminalReconciliation },
            _ => fact,
        };

    /// <summary>The origin of dispute <paramref name="id"/> under <paramref name="behaviour"/>'s mix (<c>court</c>,
    /// <c>police</c>, <c>petition-office</c>, <c>procuratorate</c>), or null for a citizen's own report.</summary>
    internal static string? OriginOf(SimulationProfile behaviour, CaseId id)
    {
        if (behaviour.Origins.IsEmpty)
        {
            return null;
        }

        var u = Unit(id, 2);
        foreach (var key in SimulationProfile.OriginKeys)
        {
            u -= behaviour.OriginShare(key);
            if (u < 0)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>A uniform number in [0, 1) fixed by the case id and a salt, so per-case traits do not depend on the
    /// order in which rules and sweeps evaluate cases.</summary>
    private static double Unit(CaseId id, int salt)
    {
        var hash = (uint)StableNumber(id);
        hash = unchecked((hash ^ (uint)(salt * 0x9E3779B9)) * 0x85EBCA6B);
        hash ^= hash >> 13;
        hash = unchecked(hash * 0xC2B2AE35);
        hash ^= hash >> 16;
        return hash / 4294967296.0;
    }

    /// <summary>Tells the metrics how this county reads: disputes' origins, each grid's township (its nearest street or
    /// township unit, else its parent) and which units count as village or township level (grids, communities, streets,
    /// posts, and community or township mediation committees).</summary>
    private void ConfigureCountyMetrics()
    {
        var committees = (profile.Mediation.Bodies.IsDefaultOrEmpty ? [] : profile.Mediation.Bodies)
            .Where(b => b.Kind is Fengqiao.Mediation.Bodies.MediationBodyKind.CommunityCommittee or Fengqiao.Mediation.Bodies.MediationBodyKind.TownshipCommittee)
            .Select(b => b.Id)
            .ToHashSet();
        string Township(OrgUnitId grid)
        {
            for (var unit = tree.Find(grid); unit is not null; unit = unit.Parent is { } parent ? tree.Find(parent) : null)
            {
                if (unit.Kind == OrgUnitKind.Street)
                {
                    return unit.Name;
                }
            }

            return tree.Find(grid)?.Parent is { } p && tree.Find(p) is { } parentUnit ? parentUnit.Name : grid.Value;
        }

        bool Local(OrgUnitId unit) =>
            committees.Contains(unit) || tree.Find(unit)?.Kind is OrgUnitKind.Grid or OrgUnitKind.Community or OrgUnitKind.Street or OrgUnitKind.Post;

        var townships = new Dictionary<OrgUnitId, string>();
        metrics.Configure(
            (id, category) => IsDispute(category) ? OriginOf(behaviour, id) : null,
            grid => townships.TryGetValue(grid, out var name) ? name : townships[grid] = Township(grid),
            grid => tree.Find(grid)?.Name ?? grid.Value,
            Local);
    }

    /// <summary>
    /// Decides a calibrated trait of case <paramref name="c"/> (the n-th time it is asked) from the case's own fixed
    /// draw rather than the shared stream, so that moving one parameter changes the cases it concerns and not the
    /// luck of every other case: the search in <see cref="Calibrator"/> then sees a steady response. The shared stream
    /// still advances by one draw, so the rest of the run draws what it always did.
    /// </summary>
    private bool Decide(CaseProgress c, Trait trait, double p)
    {
        _ = random.NextDouble();
        return Draw(c, trait) < p;
    }

    private static double Draw(CaseProgress c, Trait trait) => Unit(c.Id, 1000 + (100 * (int)trait) + c.Asked[(int)trait]++);

    /// <summary>The traits drawn per case (see <see cref="Decide"/>).</summary>
    internal enum Trait
    {
        Rating,
        MediationSuccess,
        LateHandling,
        CannotResolve,
        OutsideSettled,
    }
}

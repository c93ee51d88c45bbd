using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Testing;

/// <content>Org trees with ladders, escalation facts and hand-off requests.</content>
public static partial class FengqiaoArbitraries
{
    /// <summary>Gets the instant generated facts and requests are taken at: Monday 3 November 2025, 09:00 in Beijing.</summary>
    public static Instant FactsAsOf { get; } = Instant.FromUtc(2025, 11, 3, 1, 0);

    private static readonly string[] Categories = ["dispute", "environment", "wage-arrears", "housing", "traffic"];

    private static readonly string[] KeywordPool = ["欠薪", "漏水", "噪音", "群体", "安全隐患", "重复投诉"];

    /// <summary>Org trees (secretary, streets, communities, grids) with a ladder that fits them.</summary>
    /// <returns>The arbitrary; shrinks to fewer units and a ladder without the community level.</returns>
    public static Arbitrary<OrgLadder> OrgLadders() => Arb.From(OrgLadderGen, ShrinkOrg);

    /// <summary>Escalation facts for a case held somewhere in a generated org: category, handling stage, rating, repeat reports, keywords.</summary>
    /// <returns>The arbitrary; shrinks towards a quiet case (on track, not rated, no reports, no keywords).</returns>
    public static Arbitrary<EscalationFacts> EscalationFacts() =>
        Arb.From(from org in OrgLadderGen from facts in EscalationFactsFor(org) select facts, ShrinkFacts);

    /// <summary>Escalation facts for a case held by a unit of the given organisation.</summary>
    /// <param name="org">The organisation whose units hold the case.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="org"/> is null.</exception>
    public static Gen<EscalationFacts> EscalationFactsFor(OrgLadder org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return
            from holder in Gen.Elements(org.Tree.Units.Select(u => u.Id).ToArray())
            from category in Gen.Elements(Categories)
            from stage in Gen.Elements(Enum.GetValues<SlaStage>())
            from rating in Gen.Elements(Enum.GetValues<CaseRating>())
            from rater in Gen.Elements(Enum.GetValues<RaterKind>())
            from priority in Gen.Elements(Enum.GetValues<CasePriority>())
            from keywords in Gen.SubListOf(KeywordPool)
            from reportHours in Gen.ListOf(Gen.Choose(1, 24 * 60))
            from case_ in Gen.Choose(1, 9999)
            select new EscalationFacts(new CaseId($"case-{case_}"), new CaseCategory(category), holder, FactsAsOf)
            {
                HandlingStage = stage,
                LatestRating = rating,
                RatedBy = rater,
                Priority = priority,
                Keywords = [.. keywords],
                SameMatterReports = [.. reportHours.Take(8).Select(h => FactsAsOf - Duration.FromHours(h)).Order()],
            };
    }

    /// <summary>Hand-off requests between a people's mediation committee and the four outside bodies, of every purpose and dispute type.</summary>
    /// <returns>The arbitrary; shrinks towards a neighbour dispute with a plain reason.</returns>
    public static Arbitrary<HandOffRequest> HandOffRequests() => Arb.From(HandOffGen, ShrinkHandOff);

    private static Gen<OrgLadder> OrgLadderGen =>
        from streets in Gen.Choose(1, 3)
        from communities in Gen.Choose(1, 3)
        from grids in Gen.Choose(1, 4)
        from communityLevel in Gen.Elements(true, true, false)
        select OrgLadder.Create(streets, communities, grids, communityLevel);

    private static IEnumerable<OrgLadder> ShrinkOrg(OrgLadder org)
    {
        if (org.Streets > 1)
        {
            yield return OrgLadder.Create(1, org.CommunitiesPerStreet, org.GridsPerCommunity, org.HasCommunityLevel);
        }

        if (org.CommunitiesPerStreet > 1)
        {
            yield return OrgLadder.Create(org.Streets, 1, org.GridsPerCommunity, org.HasCommunityLevel);
        }

        if (org.GridsPerCommunity > 1)
        {
            yield return OrgLadder.Create(org.Streets, org.CommunitiesPerStreet, 1, org.HasCommunityLevel);
        }

        if (org.HasCommunityLevel)
        {
            yield return OrgLadder.Create(org.Streets, org.CommunitiesPerStreet, org.GridsPerCommunity, hasCommunityLevel: false);
        }
    }

    private static IEnumerable<EscalationFacts> ShrinkFacts(EscalationFacts facts)
    {
        if (!facts.Keywords.IsDefaultOrEmpty)
        {
            yield return facts with { Keywords = [] };
        }

        if (!facts.SameMatterReports.IsDefaultOrEmpty)
        {
            yield return facts with { SameMatterReports = [] };
            if (facts.SameMatterReports.Length > 1)
            {
                yield return facts with { SameMatterReports = facts.SameMatterReports[1..] };
            }
        }

        if (facts.HandlingStage != SlaStage.OnTrack)
        {
            yield return facts with { HandlingStage = SlaStage.OnTrack };
        }

        if (facts.LatestRating != CaseRating.NotRated)
        {
            yield return facts with { LatestRating = CaseRating.NotRated };
        }

        if (facts.Priority != CasePriority.Normal)
        {
            yield return facts with { Priority = CasePriority.Normal };
        }
    }

    private static readonly OrgUnitId Committee = new("mediation-committee");

    private static readonly (OrgUnitId Body, HandOffPurpose[] Purposes)[] Bodies =
    [
        (new OrgUnitId("court"), [HandOffPurpose.CourtPreFilingDiversion, HandOffPurpose.CourtJudicialConfirmation, HandOffPurpose.CourtReturnToFiling]),
        (new OrgUnitId("police"), [HandOffPurpose.PoliceFollowUpMediation, HandOffPurpose.PoliceTrafficSwitch]),
        (new OrgUnitId("petition-office"), [HandOffPurpose.PetitionMediationFirst, HandOffPurpose.PetitionReturn]),
        (new OrgUnitId("procuratorate"), [HandOffPurpose.ProcuratorateReferral, HandOffPurpose.ProcuratorateReturn]),
    ];

    private static readonly DisputeType[] DisputeTypes =
    [
        DisputeType.Neighbour, DisputeType.Family, DisputeType.Labour, DisputeType.Traffic, DisputeType.Medical,
        DisputeType.PropertyManagement, DisputeType.Consumer,
    ];

    private static Gen<HandOffRequest> HandOffGen =>
        from body in Gen.Elements(Bodies)
        from purpose in Gen.Elements(body.Purposes)
        from inbound in Gen.Elements(false, true)
        from dispute in Gen.Elements(DisputeTypes)
        from n in Gen.Choose(1, 9999)
        from hours in Gen.Choose(0, 24 * 30)
        from reason in Gen.Elements("双方同意调解", "诉前委派调解", "交通事故损害赔偿", "信访事项转调解", "检察机关移送")
        select new HandOffRequest(
            new CorrelationKey($"ref-{n}"), new CaseId($"case-{n}"), purpose, dispute,
            inbound ? body.Body : Committee, inbound ? Committee : body.Body,
            new ActorId(inbound ? "clerk" : "mediator"), FactsAsOf + Duration.FromHours(hours), reason);

    private static IEnumerable<HandOffRequest> ShrinkHandOff(HandOffRequest request)
    {
        if (request.DisputeType != DisputeType.Neighbour)
        {
            yield return request with { DisputeType = DisputeType.Neighbour };
        }

        if (request.At != FactsAsOf)
        {
            yield return request with { At = FactsAsOf };
        }

        if (request.Reason != "双方同意调解")
        {
            yield return request with { Reason = "双方同意调解" };
        }
    }
}

using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Testing.Tests;

public class OrgArbitrariesTests
{
    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void OrgLadders_EveryGrid_ResolvesToTheSecretary(OrgLadder org)
    {
        Assert.Equal(org.Streets * org.CommunitiesPerStreet * org.GridsPerCommunity, org.Grids.Length);
        foreach (var grid in org.Grids)
        {
            var path = org.Ladder.Resolve(org.Tree, grid);

            Assert.Equal(OrgLadder.Secretary, path.Top.Unit.Id);
            Assert.Equal(org.HasCommunityLevel ? 4 : 3, path.Steps.Length);
        }
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void EscalationFacts_Generated_AreHeldInTheTreeWithReportsBeforeNow(EscalationFacts facts)
    {
        Assert.StartsWith("case-", facts.CaseId.Value);
        Assert.Equal(FengqiaoArbitraries.FactsAsOf, facts.AsOf);
        Assert.All(facts.SameMatterReports, r => Assert.True(r < facts.AsOf));
        Assert.True(facts.SameMatterReports.SequenceEqual(facts.SameMatterReports.Order()));
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)])]
    public void HandOffRequests_Generated_RunBetweenTheCommitteeAndAnOutsideBody(HandOffRequest request)
    {
        var committee = new OrgUnitId("mediation-committee");

        Assert.True(request.From == committee ^ request.To == committee, $"{request.From} → {request.To}");
        Assert.False(string.IsNullOrWhiteSpace(request.Reason));
    }

    [Fact]
    public void OrgLadders_FailingProperty_ShrinksToTheSmallestShape()
    {
        var property = Prop.ForAll(FengqiaoArbitraries.OrgLadders(), _ => false);

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true), property));

        Assert.Contains("OrgLadder.Create(streets: 1, communitiesPerStreet: 1, gridsPerCommunity: 1, hasCommunityLevel: false)", ShrunkOrOriginal(failure.Message));
    }

    [Fact]
    public void Create_ZeroStreets_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrgLadder.Create(0, 1, 1));
    }

    [Fact]
    public void EscalationFacts_ShrinkingAllTheWay_EndsAtAQuietCase()
    {
        var arbitrary = FengqiaoArbitraries.EscalationFacts();
        foreach (var facts in arbitrary.Generator.Sample(50))
        {
            var current = facts;
            while (arbitrary.Shrinker(current).FirstOrDefault() is { } smaller)
            {
                current = smaller;
            }

            Assert.Equal(Fengqiao.Sla.SlaStage.OnTrack, current.HandlingStage);
            Assert.Equal(Fengqiao.Cases.CaseLifecycle.CaseRating.NotRated, current.LatestRating);
            Assert.Equal(Fengqiao.Cases.CasePriority.Normal, current.Priority);
            Assert.Empty(current.Keywords);
            Assert.Empty(current.SameMatterReports);
            Assert.Equal((facts.CaseId, facts.Holder), (current.CaseId, current.Holder));
        }
    }

    /// <summary>The shrunk value's part of an FsCheck failure message, or the whole message when the first draw was
    /// already the smallest (FsCheck prints no "Shrunk" section then).</summary>
    private static string ShrunkOrOriginal(string message)
    {
        var parts = message.Split("Shrunk");
        return parts.Length > 1 ? parts[1] : message;
    }
}

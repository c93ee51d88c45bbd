using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Limits;
using Fengqiao.Mediation.RoadMap;

namespace Fengqiao.Mediation.Tests.RoadMap;

public class LegalRoadMapTests
{
    [Fact]
    public void Labour_GoesToArbitrationBeforeLitigation()
    {
        var next = LegalRoadMap.Default.NextAfter(DisputeType.Labour, RoadMapStepKind.Mediation);

        Assert.Equal(RoadMapStepKind.Arbitration, next!.Kind);
        Assert.Same(MediationLimits.LabourArbitration, next.Limit);
        Assert.Equal(RoadMapStepKind.Litigation, LegalRoadMap.Default.NextAfter(DisputeType.Labour, RoadMapStepKind.Arbitration)!.Kind);
    }

    [Fact]
    public void AdministrativeAct_ClimbsThePetitionsThreeLevels()
    {
        var route = LegalRoadMap.Default.For(DisputeType.AdministrativeAct).Select(s => s.Kind).ToArray();

        Assert.Equal(
            [
                RoadMapStepKind.Mediation, RoadMapStepKind.AdministrativeReconsideration, RoadMapStepKind.Petition,
                RoadMapStepKind.PetitionReview, RoadMapStepKind.PetitionReReview, RoadMapStepKind.Litigation, RoadMapStepKind.LegalSupervision,
            ],
            route);
    }

    [Fact]
    public void Neighbour_GoesStraightToLitigation_AndEndsAfterSupervision()
    {
        Assert.Equal(RoadMapStepKind.Litigation, LegalRoadMap.Default.NextAfter(DisputeType.Neighbour, RoadMapStepKind.Mediation)!.Kind);
        Assert.Null(LegalRoadMap.Default.NextAfter(DisputeType.Neighbour, RoadMapStepKind.LegalSupervision));
    }

    [Fact]
    public void NextAfter_StepNotOnTheRoute_FailsNamingTheRoute()
    {
        var error = Assert.Throws<ArgumentException>(() => LegalRoadMap.Default.NextAfter(DisputeType.Neighbour, RoadMapStepKind.Arbitration));

        Assert.Contains("Mediation → Litigation → LegalSupervision", error.Message);
    }

    [Fact]
    public void Route_IsAlwaysInTheGeneralOrder()
    {
        foreach (var type in new[] { DisputeType.Labour, DisputeType.Land, DisputeType.AdministrativeAct, DisputeType.Medical, DisputeType.Family })
        {
            var kinds = LegalRoadMap.Default.For(type).Select(s => (int)s.Kind).ToArray();
            Assert.Equal(kinds.Order().ToArray(), kinds);
            Assert.Equal(RoadMapStepKind.Mediation, LegalRoadMap.Default.For(type)[0].Kind);
        }
    }
}

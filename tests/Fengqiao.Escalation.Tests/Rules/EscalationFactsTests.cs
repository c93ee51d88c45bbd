using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Escalation.Tests.Rules.EscalationSamples;

namespace Fengqiao.Escalation.Tests.Rules;

public class EscalationFactsTests
{
    [Fact]
    public void Ctor_DefaultValues_AreNeutral()
    {
        var facts = Facts("grid-1");

        Assert.Equal(CasePriority.Normal, facts.Priority);
        Assert.Empty(facts.Keywords);
        Assert.False(facts.DeclaredUnresolvable);
        Assert.Equal(SlaStage.OnTrack, facts.HandlingStage);
        Assert.Empty(facts.SameMatterReports);
        Assert.Null(facts.ClosedBy);
        Assert.Null(facts.PendingInstruction);
    }

    [Fact]
    public void Ctor_DefaultIds_AreArgumentExceptionsNotNullReferences()
    {
        Assert.Throws<ArgumentException>(() => new EscalationFacts(default, new CaseCategory("x"), Unit("g"), Monday));
        Assert.Throws<ArgumentException>(() => new EscalationFacts(new CaseId("c"), default, Unit("g"), Monday));
        Assert.Throws<ArgumentException>(() => new EscalationFacts(new CaseId("c"), new CaseCategory("x"), default, Monday));
        Assert.Throws<ArgumentException>(() => Facts("g") with { ClosedBy = default(OrgUnitId) });
        Assert.Throws<ArgumentException>(() => Facts("g") with { Keywords = default });
        Assert.Throws<ArgumentException>(() => Facts("g") with { Keywords = [""] });
        Assert.Throws<ArgumentOutOfRangeException>(() => Facts("g") with { HandlingStage = (SlaStage)9 });
    }

    [Fact]
    public void ReportsWithin_CountsTheHalfOpenWindowAndIgnoresTheFuture()
    {
        var facts = Facts("g") with
        {
            SameMatterReports = [Monday - Duration.FromDays(30), Monday - Duration.FromDays(30) + Duration.FromSeconds(1), Monday, Monday + Duration.FromHours(1)],
        };

        Assert.Equal(2, facts.ReportsWithin(Duration.FromDays(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => facts.ReportsWithin(Duration.Zero));
    }

    [Fact]
    public void RepeatReports_CountsOnlyAfterTheLastMoveUp()
    {
        var facts = Facts("g") with
        {
            SameMatterReports = [Monday - Duration.FromDays(20), Monday - Duration.FromDays(10), Monday - Duration.FromDays(1)],
            LastMovedUpAt = Monday - Duration.FromDays(10),
        };

        Assert.Equal(3, facts.ReportsWithin(Duration.FromDays(30)));
        Assert.Equal(1, facts.RepeatReports(Duration.FromDays(30)));
        Assert.Equal(3, (facts with { LastMovedUpAt = null }).RepeatReports(Duration.FromDays(30)));
    }
}

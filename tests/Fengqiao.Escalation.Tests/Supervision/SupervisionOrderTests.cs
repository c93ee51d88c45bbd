using Fengqiao.Cases;
using Fengqiao.Escalation.Rules;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Escalation.Tests.Rules.EscalationSamples;

namespace Fengqiao.Escalation.Tests.Supervision;

public class SupervisionOrderTests
{
    private static SupervisionOrder YellowFromOverdueMove()
    {
        var move = EscalationPolicy.Default.Decide(Facts("community") with { HandlingStage = SlaStage.Overdue }, SaybaghPath)!;
        return SupervisionOrder.FromMove(move, Calendar, Monday);
    }

    [Fact]
    public void FromMove_OverdueMove_IsYellowByTheNewLevelOnTheNewHolderWithItsOwnClock()
    {
        var order = YellowFromOverdueMove();

        Assert.Equal(Unit("street"), order.Issuer.Unit.Id);
        Assert.Equal(Unit("street"), order.Target);
        Assert.Equal(CaseSupervisionGrade.Yellow, order.Grade);
        Assert.Equal(EscalationRuleIds.Overdue, order.RuleId);
        Assert.Equal(Monday, order.IssuedAt);
        Assert.Equal(Calendar.Deadline(Monday, TimeLimit.WorkingDays(3)).Deadline, order.Deadline);
        Assert.False(order.IsClosed);
    }

    [Fact]
    public void FromMove_MoveWithoutSupervision_FailsNamingCaseAndRule()
    {
        var move = EscalationPolicy.Default.Decide(Facts("community") with { DeclaredUnresolvable = true }, SaybaghPath)!;

        var error = Assert.Throws<EscalationException>(() => SupervisionOrder.FromMove(move, Calendar, Monday));

        Assert.Equal(EscalationRuleIds.CannotResolve, error.RuleId);
        Assert.Equal(new CaseId("c-1"), error.CaseId);
    }

    [Fact]
    public void CheckOverdue_BeforeAndAtTheDeadline_Nothing()
    {
        var order = YellowFromOverdueMove();

        Assert.Null(order.CheckOverdue(Monday + Duration.FromHours(1), SaybaghPath));
        Assert.Null(order.CheckOverdue(order.Deadline, SaybaghPath));
    }

    [Fact]
    public void CheckOverdue_AfterTheDeadline_EscalatesAboveTheIssuerOneGradeHigher()
    {
        var order = YellowFromOverdueMove();

        var escalation = order.CheckOverdue(order.Deadline + Duration.FromMinutes(1), SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.SupervisionOverdue, escalation.RuleId);
        Assert.Equal(Unit("street"), escalation.From.Unit.Id);
        Assert.Equal(Unit("dept-housing"), escalation.To.Unit.Id);
        Assert.Equal(CaseSupervisionGrade.Red, escalation.Grade);
    }

    [Fact]
    public void Reissue_ClosesTheOverdueOrderAndIssuesTheHigherOne()
    {
        var order = YellowFromOverdueMove();
        var late = order.Deadline + Duration.FromHours(1);

        var higher = order.CheckOverdue(late, SaybaghPath)!.Reissue(late);

        Assert.Equal(Unit("dept-housing"), higher.Issuer.Unit.Id);
        Assert.Equal(Unit("street"), higher.Target);
        Assert.Equal(CaseSupervisionGrade.Red, higher.Grade);
        Assert.Equal(EscalationRuleIds.SupervisionOverdue, higher.RuleId);
        Assert.True(higher.Previous!.IsClosed);
        Assert.False(higher.IsClosed);
        Assert.Equal(late, higher.IssuedAt);
    }

    [Fact]
    public void CheckOverdue_RepeatedlyReissued_ClimbsToTheTopThenStops()
    {
        var order = YellowFromOverdueMove();
        var issuers = new List<string> { order.Issuer.Unit.Id.Value };
        var grades = new List<CaseSupervisionGrade> { order.Grade };
        for (var round = 0; round < 10; round++)
        {
            var late = order.Deadline + Duration.FromMinutes(1);
            if (order.CheckOverdue(late, SaybaghPath) is not { } escalation)
            {
                break;
            }

            order = escalation.Reissue(late);
            issuers.Add(order.Issuer.Unit.Id.Value);
            grades.Add(order.Grade);
        }

        Assert.Equal(["street", "dept-housing", "task-force", "secretary"], issuers);
        Assert.Equal([CaseSupervisionGrade.Yellow, CaseSupervisionGrade.Red, CaseSupervisionGrade.Named, CaseSupervisionGrade.Named], grades);
    }

    [Fact]
    public void Close_WhenCaseResolved_StopsEscalation()
    {
        var order = YellowFromOverdueMove().Close(Monday + Duration.FromHours(2));

        Assert.True(order.IsClosed);
        Assert.Null(order.CheckOverdue(Monday + Duration.FromDays(30), SaybaghPath));
        Assert.Equal(SlaStage.OnTrack, order.StageAt(Monday + Duration.FromDays(30)));
        Assert.Throws<EscalationException>(() => order.Close(Monday + Duration.FromDays(1)));
    }

    [Fact]
    public void Issue_LeaderInstruction_ListedByTheInstructingLevel()
    {
        var instruction = new LeaderInstruction("secretary", TimeLimit.WorkingDays(2), Monday);
        var move = EscalationPolicy.Default.Decide(Facts("street") with { PendingInstruction = instruction }, SaybaghPath)!;

        var order = SupervisionOrder.FromMove(move, Calendar, Monday);

        Assert.Equal(Unit("secretary"), order.Issuer.Unit.Id);
        Assert.Equal(Unit("street"), order.Target);
        Assert.Equal(CaseSupervisionGrade.Named, order.Grade);
        Assert.Null(order.CheckOverdue(order.Deadline + Duration.FromDays(1), SaybaghPath));
    }

    [Fact]
    public void Issue_BadArguments_AreTypedAndNamed()
    {
        var street = SaybaghPath.StepAt("street");
        var terms = new SupervisionTerms(CaseSupervisionGrade.Yellow, TimeLimit.WorkingDays(1), "task-force");

        Assert.Throws<ArgumentException>(() => SupervisionOrder.Issue(default, street, Unit("community"), terms, Calendar, Monday, "r"));
        Assert.Throws<ArgumentException>(() => SupervisionOrder.Issue(new CaseId("c"), street, default, terms, Calendar, Monday, "r"));
        var mismatch = Assert.Throws<ArgumentException>(() => SupervisionOrder.Issue(new CaseId("c"), street, Unit("community"), terms, Calendar, Monday, "r"));
        Assert.Contains("issuer level 'task-force'", mismatch.Message);
        Assert.Throws<EscalationException>(() =>
            SupervisionOrder.Issue(new CaseId("c"), BaiyinPath.Top, Unit("pl-a"), new SupervisionTerms(CaseSupervisionGrade.Red, TimeLimit.WorkingDays(1)), Calendar, Monday, "r")
                .CheckOverdue(Monday + Duration.FromDays(9), SaybaghPath));
    }
}

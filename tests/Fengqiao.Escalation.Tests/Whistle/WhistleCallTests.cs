using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using Fengqiao.Escalation.Whistle;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Escalation.Tests.Rules.EscalationSamples;

namespace Fengqiao.Escalation.Tests.Whistle;

public class WhistleCallTests
{
    private static readonly OrgUnitId[] Departments = [Unit("dept-housing"), Unit("dept-labour"), Unit("dept-police")];

    private static WhistleCall Blow(string? escalateTo = null) =>
        WhistleCall.Blow(new CaseId("c-9"), SaybaghPath, Unit("street"), Departments, Calendar, Monday, TimeLimit.WorkingHours(4), escalateTo);

    [Fact]
    public void Blow_TracksWhoReported()
    {
        var call = Blow().ReportIn(Unit("dept-labour"), Monday + Duration.FromHours(1));

        Assert.Equal([Unit("dept-labour")], call.Reported.ToArray());
        Assert.Equal([Unit("dept-housing"), Unit("dept-police")], call.Pending.ToArray());
        Assert.Equal(Monday + Duration.FromHours(1), call.ReportedAt(Unit("dept-labour")));
        Assert.Null(call.ReportedAt(Unit("dept-housing")));
        Assert.Equal(Calendar.Deadline(Monday, TimeLimit.WorkingHours(4)).Deadline, call.Deadline);
    }

    [Fact]
    public void Escalations_AfterTheDeadline_NameEachDepartmentThatDidNotReport()
    {
        var call = Blow("secretary").ReportIn(Unit("dept-labour"), Monday + Duration.FromHours(1));

        Assert.Empty(call.Escalations(call.Deadline));
        var escalations = call.Escalations(call.Deadline + Duration.FromMinutes(1));

        Assert.Equal([Unit("dept-housing"), Unit("dept-police")], escalations.Select(e => e.Department));
        Assert.All(escalations, e =>
        {
            Assert.Equal(EscalationRuleIds.WhistleNoShow, e.RuleId);
            Assert.Equal(Unit("secretary"), e.To.Unit.Id);
            Assert.Equal(Unit("street"), e.Caller.Unit.Id);
            Assert.Equal(new CaseId("c-9"), e.CaseId);
        });
    }

    [Fact]
    public void Escalations_NoLevelNamed_GoToTheLevelAboveTheCaller()
    {
        var call = Blow();

        Assert.Equal(Unit("dept-housing"), call.EscalateTo.Unit.Id);
    }

    [Fact]
    public void Escalations_AllReportedOrClosed_None()
    {
        var late = Monday + Duration.FromDays(3);
        var all = Departments.Aggregate(Blow(), (c, d) => c.ReportIn(d, Monday + Duration.FromMinutes(5)));

        Assert.Empty(all.Escalations(late));
        Assert.Empty(Blow().Close(Monday + Duration.FromHours(1)).Escalations(late));
    }

    [Fact]
    public void ReportIn_NotSummonedTwiceOrClosed_FailsNamingCaseAndUnit()
    {
        var call = Blow().ReportIn(Unit("dept-labour"), Monday);

        var stranger = Assert.Throws<EscalationException>(() => call.ReportIn(Unit("community"), Monday));
        Assert.Equal(Unit("community"), stranger.Unit);
        Assert.Equal(new CaseId("c-9"), stranger.CaseId);
        Assert.Throws<EscalationException>(() => call.ReportIn(Unit("dept-labour"), Monday));
        Assert.Throws<EscalationException>(() => call.Close(Monday).ReportIn(Unit("dept-housing"), Monday));
        Assert.Throws<ArgumentOutOfRangeException>(() => call.ReportIn(Unit("dept-housing"), Monday - Duration.FromHours(1)));
    }

    [Fact]
    public void Blow_BadInput_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => WhistleCall.Blow(new CaseId("c"), SaybaghPath, Unit("street"), [], Calendar, Monday, TimeLimit.WorkingHours(4)));
        Assert.Throws<ArgumentException>(() => WhistleCall.Blow(new CaseId("c"), SaybaghPath, Unit("street"), [Unit("dept-labour"), Unit("dept-labour")], Calendar, Monday, TimeLimit.WorkingHours(4)));
        Assert.Throws<ArgumentException>(() => WhistleCall.Blow(new CaseId("c"), SaybaghPath, Unit("street"), [Unit("street")], Calendar, Monday, TimeLimit.WorkingHours(4)));
        Assert.Throws<ArgumentException>(() => WhistleCall.Blow(new CaseId("c"), SaybaghPath, Unit("street"), [default], Calendar, Monday, TimeLimit.WorkingHours(4)));
        Assert.Throws<EscalationException>(() => WhistleCall.Blow(new CaseId("c"), SaybaghPath, Unit("grid-2"), Departments, Calendar, Monday, TimeLimit.WorkingHours(4)));
        Assert.Throws<EscalationException>(() => WhistleCall.Blow(new CaseId("c"), SaybaghPath, Unit("secretary"), Departments, Calendar, Monday, TimeLimit.WorkingHours(4)));
        var below = Assert.Throws<EscalationException>(() => Blow("community"));
        Assert.Contains("not above the caller", below.Message);
    }

    [Fact]
    public void Escalations_RandomReports_ExactlyTheDepartmentsMissingAtTheDeadline()
    {
        var gen =
            from minutes in Gen.ArrayOf(Gen.Choose(-1, 600), Departments.Length)
            from checkAfter in Gen.Choose(1, 600)
            select (minutes, checkAfter);

        PropertyCheck.ForAll(gen, input =>
        {
            var (minutes, checkAfter) = input;
            var call = Blow();
            var at = call.Deadline + Duration.FromMinutes(checkAfter);
            for (var i = 0; i < Departments.Length; i++)
            {
                if (minutes[i] >= 0 && Monday + Duration.FromMinutes(minutes[i]) <= at)
                {
                    call = call.ReportIn(Departments[i], Monday + Duration.FromMinutes(minutes[i]));
                }
            }

            var expected = Departments.Where(d => call.ReportedAt(d) is null).ToArray();
            Assert.Equal(expected, call.Escalations(at).Select(e => e.Department));
            Assert.Equal(Departments.Length, call.Reported.Length + call.Pending.Length);
        });
    }
}

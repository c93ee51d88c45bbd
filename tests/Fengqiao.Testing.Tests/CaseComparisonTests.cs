using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class CaseComparisonTests
{
    private static readonly CaseActor Leader = CaseActor.Staff(new ActorId("leader"), new OrgUnitId("centre"));

    private static CaseEvent Summons(params string[] departments) =>
        new(new CaseId("c1"), 3, Instant.FromUtc(2026, 11, 2, 1, 0), Leader, CaseState.InProgress, CaseState.InProgress,
            new CaseSummoned(new OrgUnitId("centre"), [.. departments.Select(d => new OrgUnitId(d))], TimeLimit.WorkingDays(1)));

    private static CaseEvent WithoutDepartments(CaseEvent e) => e with { Payload = (CaseSummoned)e.Payload with { Departments = default } };

    [Fact]
    public void Difference_DefaultAndEmptyArrays_AreTheSame()
    {
        var uninitialised = WithoutDepartments(Summons());

        Assert.Null(CaseComparison.Difference(uninitialised, Summons()));
        Assert.Null(CaseComparison.Difference(Summons(), uninitialised));
        Assert.Equal(Summons(), uninitialised, CaseComparison.Events);
    }

    [Fact]
    public void Difference_EqualArraysInDifferentInstances_AreTheSame()
    {
        Assert.NotSame(((CaseSummoned)Summons("housing").Payload).Departments.AsEnumerable(), ((CaseSummoned)Summons("housing").Payload).Departments.AsEnumerable());

        Assert.Null(CaseComparison.Difference(Summons("housing"), Summons("housing")));
    }

    [Fact]
    public void Difference_OtherDepartment_NamesThePath()
    {
        var d = CaseComparison.Difference(Summons("housing"), Summons("police"));

        Assert.Equal("event v3 of case 'c1'.Payload.Departments[0]: expected housing, actual police", d);
    }

    [Fact]
    public void Difference_OtherVersion_NamesTheEnvelope()
    {
        var d = CaseComparison.Difference(Summons(), Summons() with { Version = 4 });

        Assert.StartsWith("event v3 of case 'c1': envelope", d);
    }

    [Fact]
    public void Difference_Histories_NameTheIndexAndCount()
    {
        Assert.StartsWith("at index 1: ", CaseComparison.Difference([Summons(), Summons("a")], [Summons(), Summons("b")]));
        Assert.StartsWith("2 events expected, 1 found", CaseComparison.Difference([Summons(), Summons("a")], [Summons()]));
        Assert.Null(CaseComparison.Difference([Summons(), Summons("a")], [WithoutDepartments(Summons()), Summons("a")]));
    }

    [Fact]
    public void AssertSame_DifferentHistories_ThrowsWithTheDifference()
    {
        var failure = Assert.Throws<CaseComparisonException>(() => CaseComparison.AssertSame([Summons("a")], [Summons("b")]));

        Assert.Contains("Departments[0]", failure.Message);
    }

    [Fact]
    public void Difference_NullAndEvent_SaysWhichIsMissing()
    {
        Assert.Contains("no event", CaseComparison.Difference(null, Summons()));
        Assert.Null(CaseComparison.Difference((CaseEvent?)null, null));
    }
}

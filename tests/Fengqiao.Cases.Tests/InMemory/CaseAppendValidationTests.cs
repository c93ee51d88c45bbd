using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.InMemory;

public class CaseAppendValidationTests
{
    private static CaseEvent Supervise(Case c) =>
        new(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised());

    [Fact]
    public async Task Validate_WellFormedAppend_Passes()
    {
        var c = await new BareCounty().RegisterAsync();
        var e = Supervise(c);

        CaseAppendValidation.Validate(1, [e], c.Apply(e));
    }

    [Fact]
    public async Task Validate_NoEvents_NamesTheCase()
    {
        var c = await new BareCounty().RegisterAsync();

        var e = Assert.Throws<ArgumentException>(() => CaseAppendValidation.Validate(1, [], c));

        Assert.Equal("events", e.ParamName);
        Assert.Contains("case-1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EventOfAnotherCase_IsRefused()
    {
        var c = await new BareCounty().RegisterAsync();
        var e = Supervise(c) with { CaseId = new CaseId("case-2") };

        Assert.Equal("events", Assert.Throws<ArgumentException>(() => CaseAppendValidation.Validate(1, [e], c)).ParamName);
    }

    [Fact]
    public async Task Validate_SnapshotBehindTheLastEvent_IsRefused()
    {
        var c = await new BareCounty().RegisterAsync();

        Assert.Equal("snapshot", Assert.Throws<ArgumentException>(() => CaseAppendValidation.Validate(1, [Supervise(c)], c)).ParamName);
    }

    [Fact]
    public async Task Validate_NegativeExpectedVersion_IsRefused()
    {
        var c = await new BareCounty().RegisterAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => CaseAppendValidation.Validate(-1, [Supervise(c)], c));
    }

    [Fact]
    public void ThrowIfConflict_DifferentVersions_NamesCaseAndBothVersions()
    {
        CaseAppendValidation.ThrowIfConflict(new CaseId("case-1"), 3, 3);

        var e = Assert.Throws<ConcurrencyConflictException>(() => CaseAppendValidation.ThrowIfConflict(new CaseId("case-1"), 3, 5));

        Assert.Equal((new CaseId("case-1"), 3L, 5L), (e.CaseId, e.ExpectedVersion, e.ActualVersion));
    }
}

using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Cases.Tests.Ports;

public class CaseListingQueryTests
{
    private static CaseListingEntry HeldBy(string? unit) => new(new CaseId("case-1"), 3, CaseState.Dispatched,
        unit is null ? null : new OrgUnitId(unit), null, new CaseCategory("noise"), new OrgUnitId("grid-1"), Instant.FromUnixTimeSeconds(1_800_000_000), null);

    [Theory]
    [InlineData("community-1", true)]
    [InlineData("community-2", true)]
    [InlineData("street-1", false)]
    [InlineData(null, false)]
    public void Matches_HoldingUnits_MatchesACaseHeldByAnyOfThem(string? holder, bool expected)
    {
        var query = new CaseListingQuery { HoldingUnits = [new OrgUnitId("community-1"), new OrgUnitId("community-2")] };

        Assert.Equal(expected, query.Matches(HeldBy(holder)));
    }

    [Fact]
    public void Matches_HoldingUnitsAndHoldingUnit_BothMustMatch()
    {
        var query = new CaseListingQuery { HoldingUnits = [new OrgUnitId("community-1")], HoldingUnit = new OrgUnitId("community-2") };

        Assert.False(query.Matches(HeldBy("community-1")));
        Assert.False(query.Matches(HeldBy("community-2")));
    }

    [Fact]
    public void Validate_TooManyOrDefaultHoldingUnits_NamesHoldingUnits()
    {
        var many = new CaseListingQuery { HoldingUnits = [.. Enumerable.Range(0, CaseListingQuery.MaxHoldingUnits + 1).Select(i => new OrgUnitId($"u{i}"))] };
        var unset = new CaseListingQuery { HoldingUnits = default };

        Assert.Contains("HoldingUnits names 1001 units, more than 1000", Assert.Throws<ArgumentException>(many.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("HoldingUnits is a default array", Assert.Throws<ArgumentException>(unset.Validate).Message, StringComparison.Ordinal);
        new CaseListingQuery { HoldingUnits = [.. Enumerable.Range(0, CaseListingQuery.MaxHoldingUnits).Select(i => new OrgUnitId($"u{i}"))] }.Validate();
    }
}

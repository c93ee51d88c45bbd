using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Serialization;
using NodaTime;

namespace Fengqiao.Cases.Tests.Serialization;

/// <summary>The row form (format 4): the compact form without the case id and version, read with the row's.</summary>
public class CaseEventJsonRowFormTests
{
    private static readonly CaseEvent Claimed = new(new CaseId("case-9"), 3, Instant.FromUtc(2026, 11, 2, 1, 30), CaseActor.Staff(new ActorId("w1"), new OrgUnitId("grid-1")),
        CaseState.Dispatched, CaseState.Claimed, new CaseClaimed(new ActorId("w1")));

    [Fact]
    public void DeserializeApart_ARowFormBodyWithItsRow_ReadsTheRowsCaseIdAndVersion()
    {
        var body = CaseEventJson.SerializeApart(Claimed, CaseEventJson.RowFormatVersion).Body;

        var back = CaseEventJson.DeserializeApart(body, new CaseId("case-9"), 3, null);

        Assert.Equal(Claimed, back);
        Assert.DoesNotContain("case-9", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ARowFormBodyWithoutItsRow_IsRefusedNamingTheFormat()
    {
        var body = CaseEventJson.SerializeApart(Claimed, CaseEventJson.RowFormatVersion).Body;

        var plain = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.Deserialize(body));
        var apart = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.DeserializeApart(body, null));

        Assert.Contains("format 4 leaves the case id and version to the row", plain.Message, StringComparison.Ordinal);
        Assert.Contains("format 4 leaves the case id and version to the row", apart.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("case-9", 4)]
    [InlineData("case-8", 3)]
    public void DeserializeApart_ACompactBodyInAnotherRow_IsRefusedNamingBoth(string rowCase, long rowVersion)
    {
        var body = CaseEventJson.SerializeApart(Claimed).Body;

        var e = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.DeserializeApart(body, new CaseId(rowCase), rowVersion, null));

        Assert.Contains($"the body is event 3 of case 'case-9', but its row holds event {rowVersion} of case '{rowCase}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeApart_ARowFormBodyThatCarriesACaseId_IsRefused()
    {
        var body = CaseEventJson.SerializeApart(Claimed, CaseEventJson.RowFormatVersion).Body.Replace("{\"f\":4,", "{\"f\":4,\"c\":\"case-1\",", StringComparison.Ordinal);

        var e = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.DeserializeApart(body, new CaseId("case-9"), 3, null));

        Assert.Contains("field '$.c'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeApart_AnUnknownFormat_IsRefusedNamingTheThree()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CaseEventJson.SerializeApart(Claimed, 5));

        Assert.Contains("4 (compact, without case id and version)", e.Message, StringComparison.Ordinal);
    }
}

using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Serialization;

public class CaseEventJsonApartTests
{
    private const string Name = "欧阳明华";
    private const string Phone = "13912345678";
    private const string Address = "人民路18号3单元";

    [Fact]
    public async Task SerializeApart_ARegistration_KeepsPersonalDataAndCodeOutOfTheBodyAndRoundTrips()
    {
        var (registered, code) = await RegisteredAsync();
        var digest = ((CaseRegistration)registered.Payload).QueryCodeDigest;

        var parts = CaseEventJson.SerializeApart(registered);

        Assert.DoesNotContain(code.ToString(), parts.PersonalData, StringComparison.Ordinal);
        foreach (var secret in new[] { Name, Phone, Address, "39.12", "116.65", code.ToString() })
        {
            Assert.DoesNotContain(secret, parts.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, parts.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains(digest.ToString(), parts.Body, StringComparison.Ordinal);
        Assert.Contains(Phone, parts.PersonalData, StringComparison.Ordinal);
        Assert.Equal(registered, CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData));
    }

    [Fact]
    public async Task SerializeApart_TheSameEventTwice_SaltsThePersonalDigest()
    {
        var (registered, _) = await RegisteredAsync();

        Assert.NotEqual(CaseEventJson.SerializeApart(registered).Body, CaseEventJson.SerializeApart(registered).Body);
    }

    [Fact]
    public async Task DeserializeApart_WithoutThePersonalData_GivesAnErasedReport()
    {
        var (registered, _) = await RegisteredAsync();
        var parts = CaseEventJson.SerializeApart(registered);

        var back = (CaseRegistration)CaseEventJson.DeserializeApart(parts.Body, null).Payload;

        Assert.Same(Reporter.Erased, back.Report.Reporter);
        Assert.Equal(new CaseLocation(Grid), back.Report.Location);
        Assert.Equal(CaseReport.ErasedText, back.Report.Text);
        Assert.Equal(((CaseRegistration)registered.Payload).QueryCodeDigest, back.QueryCodeDigest);
    }

    [Fact]
    public async Task DeserializeApart_EditedPersonalData_IsRefusedWithoutRepeatingIt()
    {
        var (registered, _) = await RegisteredAsync();
        var parts = CaseEventJson.SerializeApart(registered);

        var e = Assert.Throws<CaseEventFormatException>(() =>
            CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData!.Replace(Phone, "13800000000", StringComparison.Ordinal)));

        Assert.Contains("does not match its digest", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deserialize_ALegacyDocumentWithThePlainCode_NeedsTheKeyAndReadsTheCodesDigest()
    {
        var (registered, code) = await RegisteredAsync();
        var digest = ((CaseRegistration)registered.Payload).QueryCodeDigest;
        var legacy = CaseEventJson.Serialize(registered)
            .Replace($"\"queryCodeHash\":\"{digest}\"", $"\"queryCode\":\"{code}\"", StringComparison.Ordinal);
        Assert.Contains(code.ToString(), legacy, StringComparison.Ordinal);

        var refused = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.Deserialize(legacy));
        var read = CaseEventJson.Deserialize(legacy, BareCounty.QueryCodeKey);

        Assert.Contains("plain query code", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(code.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(registered, read);
    }

    [Fact]
    public async Task SerializeApart_ACitizenActor_WritesOnlyTheCodesDigest()
    {
        var kit = new BareCounty();
        var (registered, code) = await RegisteredAsync(kit);
        var citizen = kit.Desk.Citizen(code);
        var withdrawn = new CaseEvent(registered.CaseId, 2, registered.At + Duration.FromHours(1), citizen,
            CaseState.Registered, CaseState.Withdrawn, new CaseWithdrawn("已解决"));

        var parts = CaseEventJson.SerializeApart(withdrawn);

        Assert.Equal(((CaseRegistration)registered.Payload).QueryCodeDigest, citizen.QueryCodeDigest);
        Assert.DoesNotContain(code.ToString(), parts.Body, StringComparison.Ordinal);
        Assert.Contains(citizen.QueryCodeDigest.ToString()!, parts.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("已解决", parts.Body, StringComparison.Ordinal);
        Assert.Equal(withdrawn, CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData));
    }

    [Fact]
    public void Serialize_AnErasedReport_RoundTripsAsErased()
    {
        var report = Report().WithPersonalDataErased();
        var e = new CaseEvent(new CaseId("case-1"), 3, Start, Dispatcher, CaseState.Registered, CaseState.Registered, new CaseReportJoined(report));

        var back = CaseEventJson.Deserialize(CaseEventJson.Serialize(e));

        Assert.Same(Reporter.Erased, ((CaseReportJoined)back.Payload).Report.Reporter);
        Assert.Equal(e, back);
    }

    private static async Task<(CaseEvent Registered, QueryCode Code)> RegisteredAsync(BareCounty? kit = null)
    {
        kit ??= new BareCounty();
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, Address, 39.123456, 116.654321), new Reporter(Name, Phone), "楼上漏水");
        var result = await kit.Desk.RegisterAsync(report, Dispatcher);
        return ((await kit.HistoryAsync(result.Case.Id))[0], result.QueryCode!.Value);
    }
}

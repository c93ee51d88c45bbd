using System.Security.Cryptography;
using System.Text;
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

    private static readonly Func<QueryCode, string> Digest = code => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes("k" + code)));

    [Fact]
    public async Task SerializeApart_ARegistration_KeepsPersonalDataAndCodeOutOfTheBodyAndRoundTrips()
    {
        var registered = await RegisteredAsync();
        var code = ((CaseRegistration)registered.Payload).QueryCode;

        var parts = CaseEventJson.SerializeApart(registered, Digest);

        foreach (var secret in new[] { Name, Phone, Address, "39.12", "116.65", code.ToString() })
        {
            Assert.DoesNotContain(secret, parts.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, parts.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains(Phone, parts.PersonalData, StringComparison.Ordinal);
        Assert.Equal(code, parts.QueryCode);
        Assert.Equal(registered, CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData, code, Digest));
    }

    [Fact]
    public async Task SerializeApart_TheSameEventTwice_SaltsThePersonalDigest()
    {
        var registered = await RegisteredAsync();

        Assert.NotEqual(CaseEventJson.SerializeApart(registered, Digest).Body, CaseEventJson.SerializeApart(registered, Digest).Body);
    }

    [Fact]
    public async Task DeserializeApart_WithoutThePersonalData_GivesAnErasedReport()
    {
        var registered = await RegisteredAsync();
        var parts = CaseEventJson.SerializeApart(registered, Digest);

        var back = (CaseRegistration)CaseEventJson.DeserializeApart(parts.Body, null, parts.QueryCode, Digest).Payload;

        Assert.Same(Reporter.Erased, back.Report.Reporter);
        Assert.Equal(new CaseLocation(Grid), back.Report.Location);
        Assert.Equal(CaseReport.ErasedText, back.Report.Text);
    }

    [Fact]
    public async Task DeserializeApart_EditedPersonalData_IsRefusedWithoutRepeatingIt()
    {
        var registered = await RegisteredAsync();
        var parts = CaseEventJson.SerializeApart(registered, Digest);

        var e = Assert.Throws<CaseEventFormatException>(() =>
            CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData!.Replace(Phone, "13800000000", StringComparison.Ordinal), parts.QueryCode, Digest));

        Assert.Contains("does not match its digest", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeserializeApart_AnotherCasesQueryCode_IsRefused()
    {
        var registered = await RegisteredAsync();
        var parts = CaseEventJson.SerializeApart(registered, Digest);
        var other = FengqiaoArbitrariesCodes.Other();

        var e = Assert.Throws<CaseEventFormatException>(() => CaseEventJson.DeserializeApart(parts.Body, parts.PersonalData, other, Digest));

        Assert.Contains("query code digest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SerializeApart_ACitizenActor_WritesTheCodesDigestAndReadsTheCaseCodeBack()
    {
        var registered = await RegisteredAsync();
        var code = ((CaseRegistration)registered.Payload).QueryCode;
        var withdrawn = new CaseEvent(registered.CaseId, 2, registered.At + Duration.FromHours(1), CaseActor.Citizen(code),
            CaseState.Registered, CaseState.Withdrawn, new CaseWithdrawn("已解决"));

        var parts = CaseEventJson.SerializeApart(withdrawn, Digest);

        Assert.DoesNotContain(code.ToString(), parts.Body, StringComparison.Ordinal);
        Assert.Null(parts.PersonalData);
        Assert.Equal(withdrawn, CaseEventJson.DeserializeApart(parts.Body, null, code, Digest));
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

    private static async Task<CaseEvent> RegisteredAsync()
    {
        var kit = new BareCounty();
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, Address, 39.123456, 116.654321), new Reporter(Name, Phone), "楼上漏水");
        var c = (await kit.Desk.RegisterAsync(report, Dispatcher)).Case;
        return (await kit.HistoryAsync(c.Id))[0];
    }

    private static class FengqiaoArbitrariesCodes
    {
        public static QueryCode Other() => Fengqiao.Testing.FengqiaoArbitraries.SeededQueryCodes(4242).Next();
    }
}

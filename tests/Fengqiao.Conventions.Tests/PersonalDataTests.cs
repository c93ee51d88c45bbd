using System.Reflection;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Conventions.Tests;

/// <summary>No <c>ToString</c> of a public type carries a reporter's name, phone, address or coordinates (个人信息).</summary>
public sealed class PersonalDataTests
{
    private const string Name = "欧阳明华";
    private const string Phone = "13912345678";
    private const string Address = "人民路18号3单元";
    private const double Latitude = 39.123456;
    private const double Longitude = 116.654321;

    // Property names that hold personal data wherever they appear on a public type.
    private static readonly string[] PersonalNames = ["Phone", "IdNumber", "Address", "Latitude", "Longitude", "Coordinates", "Reporter", "PersonalData"];

    // Every public type with such a property, and an instance of it holding the sentinel values.
    private static readonly Dictionary<Type, Func<object>> Samples = new()
    {
        [typeof(Reporter)] = () => new Reporter(Name, Phone),
        [typeof(CaseLocation)] = () => Location(),
        [typeof(CaseReport)] = () => Report(),
        [typeof(Fengqiao.Cases.Serialization.CaseEventParts)] = () => Fengqiao.Cases.Serialization.CaseEventJson.SerializeApart(
            new Fengqiao.Cases.Events.CaseEvent(new CaseId("case-1"), 1, NodaTime.Instant.FromUtc(2026, 11, 2, 1, 0), Fengqiao.Cases.CaseActor.System,
                Fengqiao.Cases.CaseLifecycle.CaseState.Registered, Fengqiao.Cases.CaseLifecycle.CaseState.Registered,
                new Fengqiao.Cases.Events.CaseReportJoined(Report()))),
        [typeof(Fengqiao.Hosting.Web.StaffCaseView)] = () => new Fengqiao.Hosting.Web.StaffCaseView("case-1", Fengqiao.Cases.CaseLifecycle.CaseState.Claimed,
            "label", "dispute", "grid-1", null, null, null, Address, Name, Phone, 0, []),
    };

    [Fact]
    public void PublicTypes_WithPersonalDataProperties_AreAllCoveredBySamples()
    {
        var found = ShippedAssemblies.Names.Select(ShippedAssemblies.Load)
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => PersonalNames.Contains(p.Name, StringComparer.Ordinal)))
            .ToHashSet();

        Assert.NotEmpty(found);
        Assert.Empty(found.Where(t => !Samples.ContainsKey(t)).Select(t => t.FullName));
    }

    [Fact]
    public void ToString_OfEveryTypeHoldingPersonalData_CarriesNone()
    {
        foreach (var (type, sample) in Samples)
        {
            var text = sample().ToString()!;

            Assert.DoesNotContain(Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Address, text, StringComparison.Ordinal);
            Assert.DoesNotContain("39.12", text, StringComparison.Ordinal);
            Assert.DoesNotContain("116.65", text, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(text), type.Name);
        }
    }

    private static CaseLocation Location() => new(new OrgUnitId("grid-1"), Address, Latitude, Longitude);

    private static CaseReport Report() =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, Location(), new Reporter(Name, Phone), "楼上漏水");
}

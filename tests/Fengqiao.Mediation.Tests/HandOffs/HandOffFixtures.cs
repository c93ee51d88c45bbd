using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Mediation.Tests.HandOffs;

internal static class HandOffFixtures
{
    public static readonly BusinessCalendar Calendar = BusinessCalendar.ChinaNational;
    public static readonly OrgUnitId Court = new("court-yumen");
    public static readonly OrgUnitId Police = new("police-xinshi");
    public static readonly OrgUnitId PetitionOffice = new("petition-office");
    public static readonly OrgUnitId Procuratorate = new("procuratorate");
    public static readonly OrgUnitId Committee = new("committee-xinshi");
    public static readonly ActorId Clerk = new("clerk-1");
    public static readonly ActorId MediatorLi = new("mediator-li");

    public static Instant At(int year, int month, int day, int hour = 10, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Calendar.Zone).ToInstant();

    public static CorrelationKey Key(string value) => new(value);

    public static HandOffRequest Request(
        string key, HandOffPurpose purpose, Instant at, DisputeType? type = null, string caseId = "case-1")
    {
        var flow = HandOffFlows.For(purpose);
        var outside = flow.Route switch
        {
            HandOffRoute.Court => Court,
            HandOffRoute.Police => Police,
            HandOffRoute.Petition => PetitionOffice,
            HandOffRoute.Procuratorate => Procuratorate,
            _ => new OrgUnitId("centre"),
        };
        var (from, to) = flow.Direction == HandOffDirection.ToMediation ? (outside, Committee) : (Committee, outside);
        return new HandOffRequest(Key(key), new CaseId(caseId), purpose, type ?? DisputeType.Debt, from, to, Clerk, at, "test hand-off")
        {
            MediationRecord = purpose == HandOffPurpose.PetitionReturn ? "record-1" : null,
        };
    }
}

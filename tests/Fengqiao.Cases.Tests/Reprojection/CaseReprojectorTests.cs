using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Reprojection;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Cases.Tests.Reprojection;

/// <summary>Open cases across the 2026/2027 boundary, re-projected when the (made-up, labelled) 2027 notice arrives.</summary>
public class CaseReprojectorTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    internal static readonly BusinessCalendar Projected = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

    internal static readonly BusinessCalendar WithNotice = new BusinessCalendarBuilder().UseChinaNational().AllowProjection()
        .AddNotice(HolidayNotice.Parse(HypotheticalNotices.Year2027, "2027.csv")).Build();

    private static readonly CaseActor Intake = CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre"));

    private static readonly Instant Now = Beijing(2026, 12, 30, 9, 0);

    private static Instant Beijing(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    /// <summary>Four open cases: one whose deadline the notice moves (registered 2027-02-01), one crossing the boundary
    /// whose deadline moves (registered 2026-12-21, 35 working days), one the notice confirms (2026-12-28, 5 working
    /// days) and one entirely inside the verified data (2026-11-02).</summary>
    internal static async Task<InMemoryCaseStore> SeedAsync()
    {
        var store = new InMemoryCaseStore();
        var codes = new QueryCodeGenerator();
        foreach (var (id, at, limit) in new[]
                 {
                     ("case-1", Beijing(2027, 2, 1, 10, 0), TimeLimit.WorkingDays(5)),
                     ("case-2", Beijing(2026, 12, 21, 10, 0), TimeLimit.WorkingDays(35)),
                     ("case-3", Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5)),
                     ("case-4", Beijing(2026, 11, 2, 10, 0), TimeLimit.WorkingDays(5)),
                 })
        {
            var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
                new CaseLocation(new OrgUnitId("grid-1")), new Reporter("张三", "13800000000"), "楼上漏水");
            var registered = new CaseEvent(new CaseId(id), 1, at, Intake, CaseState.Registered, CaseState.Registered,
                new CaseRegistration(report, Fengqiao.Testing.BareCounty.QueryCodeKey.Digest(codes.Next()), "test/1", new CaseSlaTerms("test", limit, null, null, null, [])));
            await store.AppendAsync(0, [registered], Case.Register(registered, Projected), default);
        }

        return store;
    }

    [Fact]
    public async Task ReprojectAsync_OpenCasesAcrossThe2027Boundary_RecordsOneEventPerMovedDeadline()
    {
        var store = await SeedAsync();

        var result = await CaseReprojector.ReprojectAsync(store, Projected, WithNotice, Now);

        Assert.Equal(4, result.CasesScanned);
        Assert.Equal(2, result.ClocksMoved);
        Assert.Equal(1, result.ClocksConfirmed);
        Assert.Empty(result.Problems);
        Assert.Equal(["case-1", "case-2"], result.Events.Select(e => e.CaseId.Value));

        var first = Assert.IsType<CaseDeadlineReprojected>(result.Events[0].Payload);
        Assert.Equal(CaseClockKind.Citizen, first.Clock);
        Assert.Equal(Beijing(2027, 2, 10, 17, 30), first.PreviousDeadline);
        Assert.Equal(new LocalDate(2027, 2, 10), first.PreviousDueDate);
        Assert.Equal(Beijing(2027, 2, 15, 17, 30), first.Deadline);
        Assert.Equal(new LocalDate(2027, 2, 15), first.DueDate);
        Assert.False(first.IsProvisional);
        Assert.Contains("2027.csv", first.Notice, StringComparison.Ordinal);
        Assert.Equal(CaseActor.System, result.Events[0].Actor);
        Assert.Equal(CaseReprojector.RuleId, result.Events[0].Cause!.RuleId);
        Assert.Contains("2027-02-09: was a working day", result.Events[0].Cause!.Facts["reasons"], StringComparison.Ordinal);

        var crossing = Assert.IsType<CaseDeadlineReprojected>(result.Events[1].Payload);
        Assert.Equal(new LocalDate(2027, 2, 11), crossing.PreviousDueDate);
        Assert.Equal(new LocalDate(2027, 2, 16), crossing.DueDate);

        var stored = (await store.LoadAsync(new CaseId("case-1"), default))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(first, stored.LastReprojection(CaseClockKind.Citizen));
        Assert.Equal(Beijing(2027, 2, 15, 17, 30), stored.Clock(CaseClockKind.Citizen)!.Deadline);
        Assert.Equal(Beijing(2027, 2, 15, 17, 30) + Duration.Epsilon, stored.NextDueAt);
        Assert.Equal(1, (await store.LoadAsync(new CaseId("case-3"), default))!.Version);
        Assert.Equal(1, (await store.LoadAsync(new CaseId("case-4"), default))!.Version);
    }

    [Fact]
    public async Task ReprojectAsync_SecondRunWithTheSameNotice_ChangesNothing()
    {
        var store = await SeedAsync();
        await CaseReprojector.ReprojectAsync(store, Projected, WithNotice, Now);

        var again = await CaseReprojector.ReprojectAsync(store, Projected, WithNotice, Now + Duration.FromDays(1));

        Assert.True(again.ChangedNothing);
        Assert.Equal(4, again.CasesScanned);
        Assert.Equal(0, again.ClocksMoved);
        Assert.Equal(2, (await store.ReadEventsAsync(new CaseId("case-1"), default)).Count);
        Assert.Equal(2, (await store.ReadEventsAsync(new CaseId("case-2"), default)).Count);
    }

    [Fact]
    public async Task ReprojectAsync_NothingMoved_WritesNothing()
    {
        var store = await SeedAsync();

        var result = await CaseReprojector.ReprojectAsync(store, Projected, Projected, Now);

        Assert.True(result.ChangedNothing);
        Assert.Equal(0, result.ClocksConfirmed);
        Assert.Equal("4 case(s) scanned, 0 deadline(s) moved in 0 case(s), 0 confirmed, 0 problem(s)", result.ToString());
        foreach (var id in new[] { "case-1", "case-2", "case-3", "case-4" })
        {
            Assert.Single(await store.ReadEventsAsync(new CaseId(id), default));
        }
    }

    [Fact]
    public async Task ReprojectAsync_NamedCaseNotInTheStore_ReportsItAndGoesOn()
    {
        var store = await SeedAsync();

        var result = await CaseReprojector.ReprojectAsync(store, Projected, WithNotice, Now, [new CaseId("case-1"), new CaseId("case-404")]);

        Assert.Equal(1, result.CasesScanned);
        Assert.Equal(1, result.ClocksMoved);
        Assert.Equal("case 'case-404': not in the store", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task ReprojectAsync_StrictCalendarStillWithoutTheYear_NamesTheCaseAndLeavesItAlone()
    {
        var store = await SeedAsync();
        var strict = new BusinessCalendarBuilder().UseChinaNational().Build();

        var result = await CaseReprojector.ReprojectAsync(store, Projected, strict, Now);

        Assert.True(result.ChangedNothing);
        Assert.Contains(result.Problems, p => p.StartsWith("case 'case-1': the new calendar cannot compute", StringComparison.Ordinal));
        Assert.Single(await store.ReadEventsAsync(new CaseId("case-1"), default));
    }

    [Fact]
    public async Task Apply_ClockRestartsAfterAReprojection_ForgetsIt()
    {
        var store = await SeedAsync();
        await CaseReprojector.ReprojectAsync(store, Projected, WithNotice, Now);
        var c = (await store.LoadAsync(new CaseId("case-1"), default))!;
        Assert.NotNull(c.LastReprojection(CaseClockKind.Citizen));

        var accepted = c.Apply(new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Intake, c.State, CaseState.Accepted, new CaseAccepted()));
        var dispatched = accepted.Apply(new CaseEvent(c.Id, accepted.Version + 1, c.UpdatedAt, Intake, CaseState.Accepted, CaseState.Dispatched,
            new CaseDispatched(new OrgUnitId("grid-1"))));

        Assert.NotNull(dispatched.LastReprojection(CaseClockKind.Citizen));
        Assert.Null(dispatched.LastReprojection(CaseClockKind.Unit));
    }

    [Fact]
    public async Task Apply_ReprojectionOfAClockNeverStarted_IsRefused()
    {
        var store = await SeedAsync();
        var c = (await store.LoadAsync(new CaseId("case-1"), default))!;
        var e = new CaseEvent(c.Id, 2, c.UpdatedAt, CaseActor.System, c.State, c.State,
            new CaseDeadlineReprojected(CaseClockKind.Callback, c.UpdatedAt, new LocalDate(2027, 2, 10), c.UpdatedAt, new LocalDate(2027, 2, 15), false));

        var error = Assert.Throws<CaseEventMismatchException>(() => c.Apply(e));

        Assert.Contains("Callback clock, which the case never started", error.Message, StringComparison.Ordinal);
    }
}

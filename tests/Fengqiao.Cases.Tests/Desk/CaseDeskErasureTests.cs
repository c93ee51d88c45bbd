using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>Erasing one case's personal data (个人信息保护法) on request: who may, what goes, what stays.</summary>
public class CaseDeskErasureTests
{
    private const string Ground = "个人信息保护法 第四十七条";

    [Fact]
    public async Task EraseReporterAsync_ByALeader_ErasesRegistrationAndJoinedReportsAndKeepsTheHistory()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        await kit.Desk.RegisterAsync(Report(), Intake);
        var published = kit.Published.Count;

        var erased = await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", Ground);

        Assert.Same(Reporter.Erased, erased.Report.Reporter);
        Assert.All(erased.JoinedReports, r => Assert.True(r.IsPersonalDataErased));
        Assert.Equal(c.State, erased.State);
        Assert.Equal(CaseReport.ErasedText, erased.Report.Text);
        Assert.All(erased.JoinedReports, r => Assert.Equal(CaseReport.ErasedText, r.Text));
        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal(erased.Version, history.Count);
        Assert.Equal(new CaseReporterErased("reporter", Ground), history[^1].Payload);
        Assert.True(((CaseRegistration)history[0].Payload).Report.IsPersonalDataErased);
        Assert.Equal(published + 1, kit.Published.Count);
        Assert.Equal(c.Id, (await kit.Store.FindByQueryCodeAsync(c.QueryCodeDigest, default))?.Id);
        Assert.Equal(erased.Version, Case.Replay(history, Calendar).Version);
    }

    [Fact]
    public async Task EraseReporterAsync_InMemoryDuplicateDetector_ForgetsTheErasedReporter()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        Assert.Equal(c.Id, (await kit.Desk.RegisterAsync(Report(), Intake)).Case.Id);

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", Ground);
        var again = await kit.Desk.RegisterAsync(Report(), Intake);

        // The same phone, category and grid within the window: before the erasure it joined the case, now it is new.
        Assert.NotEqual(c.Id, again.Case.Id);
        Assert.Equal(1, again.Case.Version);
    }

    [Fact]
    public async Task ForgetAsync_EntryNamingALaterCaseOfTheSameReporter_IsKept()
    {
        var detector = new Fengqiao.Cases.InMemory.RecentReportDuplicateDetector(NodaTime.Duration.FromDays(7));
        var kit = new BareCounty(configure: o => o.DuplicateDetector = detector);
        var first = await kit.RegisterAsync();
        await kit.Desk.DeclineAsync(first.Id, Intake, "不属于受理范围");
        var later = await kit.RegisterAsync();
        Assert.NotEqual(first.Id, later.Id);

        await detector.ForgetAsync(first, default);

        Assert.Equal(later.Id, await detector.FindDuplicateAsync(Report(), later.RegisteredAt, default));
        await detector.ForgetAsync(later, default);
        Assert.Null(await detector.FindDuplicateAsync(Report(), later.RegisteredAt, default));
    }

    [Theory]
    [InlineData("citizen")]
    [InlineData("worker")]
    public async Task EraseReporterAsync_ByAnyoneButALeader_IsRefusedAndChangesNothing(string who)
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var actor = who == "citizen" ? CaseActor.Citizen(c.QueryCodeDigest) : Worker;

        var e = await Assert.ThrowsAsync<CaseErasureRefusedException>(() => kit.Desk.EraseReporterAsync(c.Id, actor, "reporter", Ground));

        Assert.Equal(c.Id, e.CaseId);
        Assert.DoesNotContain("13812345678", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await kit.Desk.FindAsync(c.Id))!.Version);
        Assert.False((await kit.Desk.FindAsync(c.Id))!.Report.IsPersonalDataErased);
    }

    [Fact]
    public async Task EraseReporterAsync_Twice_IsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", Ground);

        var e = await Assert.ThrowsAsync<CaseErasureRefusedException>(() => kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", Ground));

        Assert.Contains("erased already", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EraseReporterAsync_WithoutALegalGround_IsRefusedAsBadInput()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", " "));

        Assert.Equal("LegalGround", e.ParamName);
    }

    [Fact]
    public async Task EraseReporterAsync_AStoreWithoutErasure_IsNotSupportedAndChangesNothing()
    {
        var kit = new BareCounty(wrap: inner => new AppendOnly(inner));
        var c = await kit.RegisterAsync();

        await Assert.ThrowsAsync<NotSupportedException>(() => kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", Ground));

        Assert.False((await kit.Desk.FindAsync(c.Id))!.Report.IsPersonalDataErased);
    }

    [Fact]
    public void Reporter_Erased_EqualsOnlyItselfAndPrintsNoData()
    {
        Assert.Equal(Reporter.Erased, Reporter.Erased);
        Assert.NotEqual(Reporter.Anonymous, Reporter.Erased);
        Assert.NotEqual(new Reporter(""), Reporter.Erased);
        Assert.False(Reporter.Erased.IsAnonymous);
        Assert.Equal("Reporter(erased)", Reporter.Erased.ToString());
    }

    /// <summary>A store that only appends: the port without <see cref="ICaseReporterErasure"/>.</summary>
    private sealed class AppendOnly(ICaseStore inner) : ICaseStore
    {
        public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCodeDigest digest, CancellationToken cancellationToken) => inner.FindByQueryCodeAsync(digest, cancellationToken);

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => inner.ReadEventsAsync(id, cancellationToken);

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
            inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(NodaTime.Instant dueBy, CancellationToken cancellationToken) => inner.ListDueAsync(dueBy, cancellationToken);
    }
}

using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.EarlyWarning.Tests;

public sealed class WarningLedgerTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0);
    private readonly string path = Path.Combine(Path.GetTempPath(), $"fengqiao-warnings-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CaseHistoryLedger_DeskRestartedAndEventsReplayed_ActsOncePerOccurrence()
    {
        var calendar = YumenDesk.LoadProfile().BuildCalendar();
        RaisedWarning first;
        List<CaseId> ids = [];
        using (var store = SqliteCaseStore.Open(path, calendar))
        {
            var yumen = new YumenDesk(Start, store);
            var engine = new EarlyWarningEngine(yumen.Profile);
            using var following = engine.Attach(yumen.County.Desk);
            for (var i = 0; i < 3; i++)
            {
                ids.Add((await yumen.ReportAsync("neighbour", "grid-017", $"纠纷{i}")).Id);
            }

            first = Assert.Single(engine.TakeRaised());
            var responder = WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, new CaseHistoryWarningLedger(yumen.County.Desk));
            Assert.NotNull(await responder.ActAsync(first));
        }

        // A new process: the same file, a new desk, a new engine fed the stored events in the order they were accepted.
        using (var store = SqliteCaseStore.Open(path, calendar))
        {
            var yumen = new YumenDesk(Start + Duration.FromDays(1), store);
            var engine = new EarlyWarningEngine(yumen.Profile);
            var history = new List<CaseEvent>();
            foreach (var id in ids)
            {
                history.AddRange(await yumen.County.Desk.GetHistoryAsync(id));
            }

            var replayed = history.OrderBy(e => e.At).ThenBy(e => e.CaseId.Value, StringComparer.Ordinal).SelectMany(engine.Observe).ToList();
            var again = Assert.Single(replayed);
            Assert.Equal(first.OccurrenceId, again.OccurrenceId);
            var ledger = new CaseHistoryWarningLedger(yumen.County.Desk);
            var responder = WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, ledger);

            Assert.True(await ledger.HasActedAsync(again, default));
            Assert.False(await new InMemoryWarningLedger().HasActedAsync(again, default));
            Assert.Null(await responder.ActAsync(again));
            var records = (await yumen.County.Desk.GetHistoryAsync(again.Target)).Select(e => e.Payload).OfType<CaseWarningActed>().ToList();
            Assert.Equal(new CaseWarningActed(again.RuleId, again.OccurrenceId), Assert.Single(records));
        }
    }

    [Fact]
    public async Task ActAsync_Acting_AppendsTheTypedRecordJustBeforeTheAction()
    {
        var (yumen, warning) = await ThreatRaisedAsync();
        var before = (await yumen.County.Desk.GetHistoryAsync(warning.Target)).Count;

        await WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, new CaseHistoryWarningLedger(yumen.County.Desk)).ActAsync(warning);

        var added = (await yumen.County.Desk.GetHistoryAsync(warning.Target)).Skip(before).ToList();
        Assert.Equal(2, added.Count);
        Assert.Equal(new CaseWarningActed(warning.RuleId, warning.OccurrenceId), added[0].Payload);
        Assert.IsType<CaseSummoned>(added[1].Payload);
        Assert.Equal(added[0].Version + 1, added[1].Version);
    }

    [Fact]
    public async Task CaseHistoryLedger_HistoryWrittenBeforeTheTypedRecord_StillCountsTheOccurrenceAsActed()
    {
        var (yumen, warning) = await ThreatRaisedAsync();
        var ledger = new CaseHistoryWarningLedger(yumen.County.Desk);

        // How a warning acted before CaseWarningActed: the action alone, the occurrence named only in its cause.
        await yumen.County.Desk.ActAsync(warning.Target, yumen.Profile.Warnings.DeskActor!, new CaseInstructed(warning.Message), WarningResponder.CauseOf(warning));

        Assert.True(await ledger.HasActedAsync(warning, default));
        Assert.False(await ledger.HasActedAsync(warning with { OccurrenceId = warning.OccurrenceId + "-other" }, default));
    }

    [Fact]
    public async Task CaseHistoryLedger_ActionWithItsRecordButAnotherOccurrenceInTheCause_ReadsOnlyTheRecord()
    {
        var (yumen, warning) = await ThreatRaisedAsync();
        var other = warning with { OccurrenceId = warning.OccurrenceId + "-other" };
        var ledger = new CaseHistoryWarningLedger(yumen.County.Desk);

        // The record names one occurrence, the cause (an explanation) another: only the record counts.
        await yumen.County.Desk.RecordAsync(warning.Target, yumen.Profile.Warnings.DeskActor!, WarningResponder.RecordOf(warning),
            new CaseInstructed(warning.Message), WarningResponder.CauseOf(other));

        Assert.True(await ledger.HasActedAsync(warning, default));
        Assert.False(await ledger.HasActedAsync(other, default));
    }

    [Fact]
    public async Task CaseHistoryLedger_DeskRefusedTheAction_HasNotActedSoALaterCallTriesAgain()
    {
        var (yumen, warning) = await ThreatRaisedAsync();
        var ledger = new CaseHistoryWarningLedger(yumen.County.Desk);

        // An actor with no authority over the case: the desk refuses, nothing is appended, so nothing counts as acted.
        var responder = new WarningResponder(yumen.County.Desk, CaseActor.Staff(new Fengqiao.Cases.Organisation.ActorId("stranger"), new Fengqiao.Cases.Organisation.OrgUnitId("grid-017")), ledger);

        await Assert.ThrowsAsync<Fengqiao.Cases.Desk.CaseActionRefusedException>(() => responder.ActAsync(warning));

        Assert.False(await ledger.HasActedAsync(warning, default));
    }

    /// <summary>Yumen's desk after one report with a threat word, and the violent-risk warning it raised.</summary>
    private static async Task<(YumenDesk Yumen, RaisedWarning Warning)> ThreatRaisedAsync()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        await yumen.ReportAsync("neighbour", "grid-150", "对方扬言要报复");
        return (yumen, Assert.Single(engine.TakeRaised()));
    }

    [Fact]
    public async Task InMemoryLedger_RecordedWarning_HasActedOnlyForItsOccurrence()
    {
        var ledger = new InMemoryWarningLedger();
        var warning = new RaisedWarning("warning.grid-cluster", "o-1", Facts.CaseGroupKind.Grid, "grid-017", new CaseId("c-3"), [new CaseId("c-3")],
            Profiles.WarningActionKind.Instruct, "m", Start);

        await ledger.RecordAsync(warning, default);

        Assert.True(await ledger.HasActedAsync(warning, default));
        Assert.False(await ledger.HasActedAsync(warning with { OccurrenceId = "o-2" }, default));
    }
}

using System.Diagnostics.Metrics;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Hosting.Tests;

public class AddFengqiaoTests
{
    [Fact]
    public async Task AddFengqiao_InMemoryStore_ComposesDeskFromProfileAndClock()
    {
        await using var kit = HostKit.Create();
        var registered = (await kit.Services.GetRequiredService<CaseDesk>().RegisterAsync(HostKit.Report(), HostKit.Dispatcher)).Case;

        Assert.Equal(HostKit.Start, registered.RegisteredAt);
        Assert.Equal("Asia/Shanghai", kit.County.Profile.Zone.Id);
        Assert.IsType<Fengqiao.Cases.InMemory.InMemoryCaseStore>(kit.Services.GetRequiredService<ICaseStore>());
        Assert.Same(kit.County.Desk, kit.Services.GetRequiredService<CaseDesk>());
    }

    [Theory]
    [InlineData("Fengqiao:ProfilePath", "")]
    [InlineData("Fengqiao:ProfilePath", "/nowhere/county.yaml")]
    [InlineData("Fengqiao:TimeZone", "Asia/Urumqi")]
    [InlineData("Fengqiao:SweepInterval", "00:00:00")]
    [InlineData("Fengqiao:DuplicateWindow", "-00:05:00")]
    [InlineData("Fengqiao:SweepLease", "00:00:00.500")]
    [InlineData("Fengqiao:SweepLease", "1.00:00:01")]
    [InlineData("Fengqiao:SweepBatchSize", "0")]
    [InlineData("Fengqiao:SweepBatchSize", "100001")]
    [InlineData("Fengqiao:QueryCodeKey", "not base64 at all!")]
    [InlineData("Fengqiao:QueryCodeKey", "c2hvcnQ=")]
    [InlineData("Fengqiao:QueryCodeKey", null)]
    [InlineData("Fengqiao:QueryCodeKeyFile", "/nowhere/query-code.key")]
    [InlineData("Fengqiao:RetiredQueryCodeKeys:0", "not base64 at all!")]
    [InlineData("Fengqiao:RetiredQueryCodeKeys:0", "c2hvcnQ=")]
    [InlineData("Fengqiao:RetiredQueryCodeKeys:0", "ZmVuZ3FpYW8tdGVzdC1xdWVyeS1jb2RlLWtleS0zMmI=")]
    [InlineData("Fengqiao:RetiredQueryCodeKeyFiles:0", "/nowhere/retired.key")]
    public async Task AddFengqiao_BadSetting_ThrowsNamingTheKey(string key, string? value)
    {
        await using var kit = key == "Fengqiao:QueryCodeKeyFile"
            ? HostKit.Create(("Fengqiao:QueryCodeKey", null), (key, value))
            : HostKit.Create((key, value));

        var e = Assert.Throws<FengqiaoConfigurationException>(() => kit.Services.GetRequiredService<CaseDesk>());

        Assert.Equal(key, e.Key);
        Assert.StartsWith(key + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFengqiao_SqliteWithoutConnection_ThrowsNamingConnection()
    {
        await using var kit = HostKit.Create(("Fengqiao:Store", "Sqlite"));

        var e = Assert.Throws<FengqiaoConfigurationException>(() => kit.Services.GetRequiredService<ICaseStore>());

        Assert.Equal("Fengqiao:Connection", e.Key);
    }

    [Fact]
    public async Task AddFengqiao_SqliteStore_KeepsCasesAcrossProvidersAndDisposesTheStore()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fengqiao-hosting-{Guid.NewGuid():N}.db");
        try
        {
            string code;
            SqliteCaseStore store;
            await using (var first = HostKit.Create(("Fengqiao:Store", "Sqlite"), ("Fengqiao:Connection", path)))
            {
                store = Assert.IsType<SqliteCaseStore>(first.Services.GetRequiredService<ICaseStore>());
                code = (await first.County.Desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher)).QueryCode!.Value.ToString();
            }

            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ListDueAsync(HostKit.Start, CancellationToken.None));
            await using var second = HostKit.Create(("Fengqiao:Store", "Sqlite"), ("Fengqiao:Connection", path));
            var found = await second.County.Desk.FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCode.Parse(code));
            Assert.Equal(CaseState.Registered, found!.State);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AddFengqiao_KeyRotatedWithTheOldKeyRetired_FindsCasesRegisteredUnderEitherKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fengqiao-hosting-{Guid.NewGuid():N}.db");
        var oldKeyPath = Path.ChangeExtension(path, ".old.key");
        File.WriteAllBytes(oldKeyPath, "fengqiao-test-query-code-key-32b"u8.ToArray());
        var newKey = Convert.ToBase64String("fengqiao-test-rotated-code-key32"u8);
        try
        {
            Fengqiao.Cases.QueryCodes.QueryCode before;
            await using (var kit = HostKit.Create(("Fengqiao:Store", "Sqlite"), ("Fengqiao:Connection", path)))
            {
                before = (await kit.County.Desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher)).QueryCode!.Value;
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using (var rotated = HostKit.Create(("Fengqiao:Store", "Sqlite"), ("Fengqiao:Connection", path),
                ("Fengqiao:QueryCodeKey", newKey), ("Fengqiao:RetiredQueryCodeKeyFiles:0", oldKeyPath)))
            {
                var old = await rotated.County.Desk.FindByQueryCodeAsync(before);
                var after = await rotated.County.Desk.RegisterAsync(
                    new CaseReport(CaseChannel.QrCode, new CaseCategory("livelihood"), CasePriority.Normal, new CaseLocation(new Fengqiao.Cases.Organisation.OrgUnitId("yashan-grid-02")),
                        new Reporter("李四", "13900000009"), "路灯不亮"), HostKit.Dispatcher);

                Assert.NotNull(old);
                Assert.Equal(old.QueryCodeDigest, rotated.County.Desk.Citizen(before, old).QueryCodeDigest);
                Assert.Equal(new Fengqiao.Cases.QueryCodes.QueryCodeKey("fengqiao-test-rotated-code-key32"u8).Digest(after.QueryCode!.Value), after.Case.QueryCodeDigest);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var newKeyOnly = HostKit.Create(("Fengqiao:Store", "Sqlite"), ("Fengqiao:Connection", path), ("Fengqiao:QueryCodeKey", newKey));
            Assert.Null(await newKeyOnly.County.Desk.FindByQueryCodeAsync(before));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(oldKeyPath);
        }
    }

    [Fact]
    public async Task AddFengqiao_SqliteStoreWithAKeyFile_FindsTheCaseByItsCodeAndTheFileHoldsOnlyTheDigest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fengqiao-hosting-{Guid.NewGuid():N}.db");
        var keyPath = Path.ChangeExtension(path, ".key");
        File.WriteAllBytes(keyPath, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        try
        {
            string code;
            (string, string?)[] settings = [("Fengqiao:Store", "Sqlite"), ("Fengqiao:Connection", path), ("Fengqiao:QueryCodeKey", null), ("Fengqiao:QueryCodeKeyFile", keyPath)];
            await using (var kit = HostKit.Create(settings))
            {
                var result = await kit.County.Desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher);
                code = result.QueryCode!.Value.ToString();
                Assert.Equal(result.Case.Id, (await kit.County.Desk.FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCode.Parse(code)))?.Id);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var bytes = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
            Assert.DoesNotContain(code, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), bytes, StringComparison.Ordinal);
            Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "the write-ahead log was left behind");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(keyPath);
        }
    }

    [Fact]
    public async Task SweepAsync_ClockPastDeadline_EscalatesAndRecordsMetrics()
    {
        await using var kit = HostKit.Create();
        var telemetry = kit.Services.GetRequiredService<FengqiaoTelemetry>();
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == telemetry.Meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => measured[i.Name] = measured.GetValueOrDefault(i.Name) + v);
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => measured[i.Name] = measured.GetValueOrDefault(i.Name) + 1);
        listener.SetMeasurementEventCallback<int>((i, v, _, _) => measured[i.Name] = v);
        listener.Start();
        var (dispatched, owner) = await kit.DispatchedAsync();
        var sweeper = kit.Services.GetRequiredService<FengqiaoSweeper>();

        kit.Clock.Advance(Duration.FromDays(2));
        var result = await sweeper.SweepAsync();
        listener.RecordObservableInstruments();

        var after = await kit.County.Desk.FindAsync(dispatched.Id);
        Assert.Equal(1, result.CasesSwept);
        Assert.Equal(CaseState.Escalated, after!.State);
        Assert.NotEqual(owner, after.HoldingUnit);
        Assert.Equal(kit.Clock.GetCurrentInstant(), sweeper.LastSweepAt);
        Assert.Equal(1, measured["fengqiao.cases.registered"]);
        Assert.Equal(1, measured["fengqiao.escalations"]);
        Assert.Equal(1, measured["fengqiao.sweep.duration"]);
        Assert.Equal(1, measured["fengqiao.cases.overdue"]);
        Assert.Equal("Fengqiao", telemetry.Meter.Name);
    }

    [Fact]
    public async Task TraceAsync_RefusedAction_CountsRefusalAndRethrows()
    {
        await using var kit = HostKit.Create();
        var telemetry = kit.Services.GetRequiredService<FengqiaoTelemetry>();
        long refusals = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == telemetry.Meter && instrument.Name == "fengqiao.refusals")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref refusals, v));
        listener.Start();
        var registered = (await kit.County.Desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher)).Case;

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() =>
            telemetry.TraceAsync("close", registered.Id, () => kit.County.Desk.CloseAsync(registered.Id, HostKit.Dispatcher)));

        Assert.Equal(CaseTrigger.Close, refused.Trigger);
        Assert.Equal(1, refusals);
    }

    [Fact]
    public async Task HealthCheck_FreshHost_HealthyWithCalendarDaysLeft()
    {
        await using var kit = HostKit.Create();
        var health = kit.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();

        var entry = report.Entries["fengqiao"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.True((int)entry.Data["calendarDaysLeft"] > 60);
    }

    [Fact]
    public async Task HealthCheck_NoSweepForThreeIntervals_Degraded()
    {
        await using var kit = HostKit.Create(("Fengqiao:SweepInterval", "00:01:00"));
        _ = kit.Services.GetRequiredService<FengqiaoSweeper>();
        kit.Clock.Advance(Duration.FromMinutes(4));

        var entry = (await kit.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["fengqiao"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(240L, entry.Data["sweepLagSeconds"]);
    }

    [Fact]
    public async Task HealthCheck_CalendarCoverageEnded_Unhealthy()
    {
        await using var kit = HostKit.Create();
        var end = kit.County.Calendar.CoveredEnd;
        kit.Clock.Advance(Duration.FromDays(Period.Between(new LocalDate(2026, 3, 4), end, PeriodUnits.Days).Days + 2));
        await kit.Services.GetRequiredService<FengqiaoSweeper>().SweepAsync();

        var entry = (await kit.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["fengqiao"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("calendar", entry.Description, StringComparison.Ordinal);
    }
}

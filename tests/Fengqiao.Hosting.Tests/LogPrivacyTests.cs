using System.Collections.Concurrent;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Fengqiao.Hosting.Tests;

/// <summary>Issue #15, item 5: no log line carries a reporter's name, phone, address or coordinates, nor the query code.</summary>
public class LogPrivacyTests
{
    [Fact]
    public async Task Logs_OfARegistrationARefusalAndASweep_CarryNoPersonalDataOrQueryCode()
    {
        var logs = new CapturedLogs();
        await using var kit = HostKit.Create(logs);
        var telemetry = kit.Services.GetRequiredService<FengqiaoTelemetry>();
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("livelihood"), CasePriority.Normal,
            new CaseLocation(new OrgUnitId("yashan-grid-02"), "友好南路六六八号三单元四零一", 43.79301, 87.58302),
            new Reporter("欧阳娜娜", "13912345670"), "楼道灯坏了");

        CaseRegistrationResult? registration = null;
        var registered = await telemetry.TraceAsync("register", null, async () =>
        {
            var result = await kit.County.Desk.RegisterAsync(report, HostKit.Dispatcher);
            registration = result;
            return result;
        });
        await Assert.ThrowsAsync<CaseActionRefusedException>(() =>
            telemetry.TraceAsync("close", registered.Id, () => kit.County.Desk.CloseAsync(registered.Id, HostKit.Dispatcher)));
        kit.Clock.Advance(Duration.FromDays(3));
        await kit.Services.GetRequiredService<FengqiaoSweeper>().SweepAsync();

        var lines = logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains(registered.Id.Value, StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Sweep:", StringComparison.Ordinal));
        foreach (var secret in new[] { "欧阳", "娜娜", "13912345670", "2345670", "友好南路", "43.79", "87.58", registration!.QueryCode!.Value.ToString(), registered.QueryCodeDigest.ToString() })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}

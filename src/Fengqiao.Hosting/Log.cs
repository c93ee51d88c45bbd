using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Microsoft.Extensions.Logging;

namespace Fengqiao.Hosting;

// Log events carry case ids, states, triggers and unit ids only: never a reporter's name, phone or report text.
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Fengqiao desk built for {County} on store {Store}")]
    public static partial void DeskBuilt(ILogger logger, string county, string store);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Case {CaseId} {Action} → {State}")]
    public static partial void ActionDone(ILogger logger, string caseId, string action, CaseState state);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Case {CaseId} refused {Action} ({Kind}) in {State}")]
    public static partial void ActionRefused(ILogger logger, string caseId, string action, CaseRefusalKind kind, CaseState state);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Sweep: {Cases} cases, {Events} events, {Conflicts} conflicts, {Failures} policy failures in {Milliseconds} ms")]
    public static partial void Swept(ILogger logger, int cases, int events, int conflicts, int failures, double milliseconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Report registered as case {CaseId} (joined existing: {Joined})")]
    public static partial void Registered(ILogger logger, string caseId, bool joined);
}

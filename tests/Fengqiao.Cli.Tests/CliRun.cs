using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Cli.Tests;

/// <summary>Runs the tool in process and captures what it writes.</summary>
internal static class CliRun
{
    /// <summary>The default "now" of a test run: Monday 2025-06-02 09:00 in Beijing, far from the end of the calendar data.</summary>
    public static readonly Instant DefaultNow = Instant.FromUtc(2025, 6, 2, 1, 0);

    public static (int ExitCode, string Output, string Error) Invoke(params string[] args) => InvokeAt(DefaultNow, args);

    public static (int ExitCode, string Output, string Error) InvokeAt(Instant now, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = FengqiaoCli.Run(args, output, error, new FakeClock(now));
        return (code, output.ToString(), error.ToString());
    }
}

namespace Fengqiao.Cli.Tests;

/// <summary>Runs the tool in process and captures what it writes.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = FengqiaoCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

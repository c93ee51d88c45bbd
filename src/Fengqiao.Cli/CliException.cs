namespace Fengqiao.Cli;

/// <summary>A failure the tool reports as one line on standard error with a chosen exit code.</summary>
internal sealed class CliException(string message, int exitCode = FengqiaoCli.Usage) : Exception(message)
{
    /// <summary>Gets the process exit code for this failure.</summary>
    public int ExitCode { get; } = exitCode;
}

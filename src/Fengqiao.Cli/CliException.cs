namespace Fengqiao.Cli;

/// <summary>A failure the tool reports as one line on standard error with a chosen exit code.</summary>
/// <remarks>A <see cref="FengqiaoException"/> like every failure of the packages, so code that hosts the tool's
/// commands catches one base: a failed check (<see cref="FengqiaoCli.Invalid"/>) is <see cref="FengqiaoErrorKind.Check"/>,
/// anything else bad input (<see cref="FengqiaoErrorKind.Input"/>).</remarks>
internal sealed class CliException(string message, int exitCode = FengqiaoCli.Usage)
    : FengqiaoException(exitCode == FengqiaoCli.Invalid ? FengqiaoErrorKind.Check : FengqiaoErrorKind.Input, message)
{
    /// <summary>Gets the process exit code for this failure.</summary>
    public int ExitCode { get; } = exitCode;
}

namespace Fengqiao.Cli.Tests;

public class CliExceptionTests
{
    [Fact]
    public void Ctor_ACheckThatFailed_IsAFengqiaoCheckErrorWithTheInvalidExitCode()
    {
        var e = new CliException("the profile has 2 problems", FengqiaoCli.Invalid);

        Assert.IsAssignableFrom<FengqiaoException>(e);
        Assert.Equal((FengqiaoErrorKind.Check, FengqiaoCli.Invalid), (e.ErrorKind, e.ExitCode));
    }

    [Fact]
    public void Ctor_BadUsage_IsAFengqiaoInputError()
    {
        var e = new CliException("--county is required");

        Assert.Equal((FengqiaoErrorKind.Input, FengqiaoCli.Usage), (e.ErrorKind, e.ExitCode));
    }
}

namespace Fengqiao.Core.Tests;

public class FengqiaoExceptionTests
{
    private sealed class Probe(FengqiaoErrorKind kind, string message, Exception? inner = null) : FengqiaoException(kind, message, inner);

    [Fact]
    public void Ctor_DefinedKind_KeepsKindMessageAndCause()
    {
        var cause = new InvalidOperationException("cause");

        var e = new Probe(FengqiaoErrorKind.Conflict, "stale version", cause);

        Assert.Equal(FengqiaoErrorKind.Conflict, e.ErrorKind);
        Assert.Equal("stale version", e.Message);
        Assert.Same(cause, e.InnerException);
    }

    [Fact]
    public void Ctor_UndefinedKind_ThrowsNamingTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Probe((FengqiaoErrorKind)0, "x"));

        Assert.Equal("kind", e.ParamName);
    }
}

using Fengqiao.Testing;
using FsCheck.Fluent;

namespace Fengqiao.TestSupport.Tests;

public class PropertyCheckTests
{
    [Fact]
    public void ForAll_TrueProperty_Passes()
    {
        var runs = 0;
        PropertyCheck.ForAll(Gen.Choose(0, 100), n =>
        {
            runs++;
            return n + 0 == n;
        });

        Assert.Equal(PropertyCheck.Runs(), runs);
    }

    [Fact]
    public void ForAll_FalseProperty_FailsNamingTheReplaySeed()
    {
        var failure = Assert.Throws<PropertyCheckFailedException>(() =>
            PropertyCheck.ForAll(Gen.Choose(0, 1000), n => n < 500));

        Assert.Matches("FENGQIAO_SEED=[0-9]+", failure.Message);
    }

    [Fact]
    public void ForAll_AssertionThatThrows_Fails()
    {
        Assert.Throws<PropertyCheckFailedException>(() =>
            PropertyCheck.ForAll(Gen.Choose(0, 10), (int n) => Assert.True(n < 0)));
    }
}

public class FengqiaoPropertyAttributeTests
{
    [Fact]
    public void Ctor_Default_RunsAsManyAsPropertyCheck()
    {
        var attribute = new FengqiaoPropertyAttribute();

        Assert.Equal(PropertyCheck.Runs(), attribute.MaxTest);
        Assert.True(attribute.QuietOnSuccess);
    }

    [Fact]
    public void RunsScale_Half_RunsHalfAsMany()
    {
        var attribute = new FengqiaoPropertyAttribute { RunsScale = 0.5 };

        Assert.Equal(PropertyCheck.Runs(0.5), attribute.MaxTest);
    }

    private static int counted;

    [FengqiaoProperty]
    public void Property_Runs_TheConfiguredNumberOfTimes(int n)
    {
        var runs = Interlocked.Increment(ref counted);
        Assert.InRange(runs, 1, PropertyCheck.Runs());
        Assert.Equal(n, n + 0);
    }
}

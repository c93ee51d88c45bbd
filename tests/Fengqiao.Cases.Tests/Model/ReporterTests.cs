namespace Fengqiao.Cases.Tests.Model;

public class ReporterTests
{
    [Fact]
    public void ToString_MasksNameAndPhone()
    {
        var reporter = new Reporter("王小明", "13812345678");

        Assert.Equal("Reporter(王**, 138****5678)", reporter.ToString());
        Assert.DoesNotContain("小明", reporter.ToString());
        Assert.DoesNotContain("1234", reporter.ToString());
    }

    [Fact]
    public void Anonymous_SaysSoAndHasNoData()
    {
        Assert.True(Reporter.Anonymous.IsAnonymous);
        Assert.Equal("Reporter(anonymous)", Reporter.Anonymous.ToString());
    }

    [Fact]
    public void Equals_SamePhone_IsSamePerson_EvenUnderAnotherName()
    {
        Assert.Equal(new Reporter("王小明", "13812345678"), new Reporter("王先生", " 13812345678 "));
        Assert.NotEqual(new Reporter("王小明", "13812345678"), new Reporter("王小明", "13900000000"));
        Assert.Equal(new Reporter("李四"), new Reporter("李四"));
        Assert.NotEqual(new Reporter("李四"), new Reporter("李四", "13812345678"));
    }

    [Fact]
    public void MaskedPhone_ShortNumber_IsFullyMasked()
    {
        Assert.Equal("*****", new Reporter("x", "12345").MaskedPhone);
    }
}

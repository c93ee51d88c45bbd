namespace Fengqiao.Cases.Tests.Model;

public class CaseChannelsTests
{
    [Fact]
    public void Key_RoundTripsForEveryChannel()
    {
        foreach (var channel in Enum.GetValues<CaseChannel>())
        {
            Assert.Equal(channel, CaseChannels.Parse(channel.Key()));
        }
    }

    [Fact]
    public void Parse_UnknownKey_ListsTheKnownOnes()
    {
        var error = Assert.Throws<FormatException>(() => CaseChannels.Parse("fax"));

        Assert.Contains("'fax' is not a case channel", error.Message);
        Assert.Contains("hotline-12345", error.Message);
    }

    [Fact]
    public void Ids_RejectBlankText()
    {
        Assert.Throws<ArgumentException>(() => new CaseId(""));
        Assert.Throws<ArgumentException>(() => new CaseCategory(" x"));
        Assert.Equal("c-1", new CaseId("c-1").ToString());
    }
}

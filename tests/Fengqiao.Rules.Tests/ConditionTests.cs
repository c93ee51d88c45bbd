namespace Fengqiao.Rules.Tests;

public class ConditionTests
{
    private static readonly CaseFacts Plain = new(false, false, 0, "noise");

    [Fact]
    public void Part_Predicate_IsTestedByName()
    {
        var part = Samples.Overdue;
        Assert.Equal(ConditionKind.Part, part.Kind);
        Assert.Equal("handling clock overdue", part.Name);
        Assert.True(part.IsSatisfiedBy(Plain with { Overdue = true }));
        Assert.False(part.IsSatisfiedBy(Plain));
    }

    [Fact]
    public void Part_EmptyName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Condition.Part<CaseFacts>("  ", _ => true));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void All_Empty_AlwaysHolds_AndAnyEmpty_NeverHolds()
    {
        Assert.True(Condition.All<CaseFacts>().IsSatisfiedBy(Plain));
        Assert.True(Condition.Always<CaseFacts>().IsSatisfiedBy(Plain));
        Assert.False(Condition.Any<CaseFacts>().IsSatisfiedBy(Plain));
    }

    [Theory]
    [InlineData(false, false, 0, false, false)]
    [InlineData(true, false, 0, false, true)]
    [InlineData(false, true, 3, false, true)]
    [InlineData(false, true, 2, false, false)]
    [InlineData(true, false, 0, true, false)]
    public void Nested_AllAnyNot_CombineLikeBooleanLogic(bool cannotResolve, bool overdue, int repeats, bool atTop, bool expected)
    {
        var condition = Condition.All(
            Condition.Any(Samples.CannotResolve, Condition.All(Samples.Overdue, Samples.Repeated)),
            Samples.NotAtTop);
        var fact = new CaseFacts(cannotResolve, overdue, repeats, "noise", atTop);
        Assert.Equal(expected, condition.IsSatisfiedBy(fact));
    }

    [Fact]
    public void PartNames_AreDepthFirstLeftToRight_AndToStringShowsTheTree()
    {
        var condition = Condition.All(
            Condition.Any(Samples.CannotResolve, Samples.Overdue),
            Samples.NotAtTop);
        Assert.Equal(["unit declared 无法解决", "handling clock overdue", "at top of ladder"], condition.PartNames);
        Assert.Equal(3, condition.PartCount);
        Assert.Equal("all(any(unit declared 无法解决, handling clock overdue), not(at top of ladder))", condition.ToString());
    }

    [Fact]
    public void All_StopsAtFirstFailingPart_SoLaterPartsMayRelyOnEarlierOnes()
    {
        var condition = Condition.All(
            Condition.Part<string>("has text", s => s.Length > 0),
            Condition.Part<string>("long text", s => s[0] == 'x'));
        Assert.False(condition.IsSatisfiedBy(""));
    }

    [Fact]
    public void All_NullPart_ThrowsNamingTheIndex()
    {
        var e = Assert.Throws<ArgumentNullException>(() => Condition.All(Samples.Overdue, null!));
        Assert.Contains("index 1", e.Message);
    }
}

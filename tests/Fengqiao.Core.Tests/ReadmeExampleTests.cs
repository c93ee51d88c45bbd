using Fengqiao.Lifecycles;
using Fengqiao.TestSupport;

namespace Fengqiao.Core.Tests;

public enum Door
{
    Closed,
    Open,
}

public enum Knock
{
    Open,
    Close,
}

/// <summary>The first example in src/Fengqiao.Core/README.md, compiled and run; the README must quote it exactly.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void FirstExample_DoorLifecycle_OpensAndRefusesWithTheGuardsReason()
    {
        // README:begin
        var needsReason = new LifecycleGuard<string>("a reason must be given", reason => reason.Length > 0);

        var builder = new LifecycleBuilder<Door, Knock, string>(Door.Closed);
        builder.Configure(Door.Closed).Permit(Knock.Open, Door.Open);
        builder.Configure(Door.Open).Permit(Knock.Close, Door.Closed, needsReason);
        var door = builder.Build(); // immutable and thread-safe: one definition shared by every case

        var opened = door.Fire(Door.Closed, Knock.Open, ""); // the caller passes the state in and keeps the outcome
        Console.WriteLine(opened.Destination); // Open

        string? why = null;
        try
        {
            door.Fire(Door.Open, Knock.Close, ""); // the guard refuses: nothing changed
        }
        catch (FengqiaoException e) when (e.ErrorKind == FengqiaoErrorKind.Refusal)
        {
            why = e.Message; // names the state, the trigger and the guard's reason
        }
        // README:end

        Assert.Equal(Door.Open, opened.Destination);
        Assert.NotNull(why);
        Assert.Contains("a reason must be given", why, StringComparison.Ordinal);
        Assert.Contains("Close", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_QuotesTheCompiledExample()
    {
        var source = File.ReadAllLines(RepositoryPaths.Combine("tests", "Fengqiao.Core.Tests", "ReadmeExampleTests.cs"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README:end");
        var example = string.Join("\n", source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "Fengqiao.Core", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(begin > 0 && end > begin);
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }
}

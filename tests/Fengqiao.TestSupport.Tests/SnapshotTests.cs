namespace Fengqiao.TestSupport.Tests;

public class SnapshotTests
{
    [Fact]
    public void Match_ApprovedText_Passes()
    {
        Snapshot.Match("line one\nline two — 第二行");
    }

    [Fact]
    public void Match_DifferentText_FailsWithDiffAndWritesReceived()
    {
        var directory = Directory.CreateTempSubdirectory("fengqiao-snap-");
        var approved = Path.Combine(directory.FullName, "X.Y.approved.txt");
        File.WriteAllText(approved, "a\nb\nc\n");

        var failure = Assert.Throws<ApprovalException>(() => ApprovalFile.Verify(approved, "a\nB\nc", "Snapshot X.Y", accept: false));

        Assert.Contains("- b", failure.Message);
        Assert.Contains("+ B", failure.Message);
        Assert.Equal("a\nB\nc", File.ReadAllText(Path.Combine(directory.FullName, "X.Y.received.txt")));
    }

    [Fact]
    public void Match_CrLfAndTrailingNewline_AreNotDifferences()
    {
        var directory = Directory.CreateTempSubdirectory("fengqiao-snap-");
        var approved = Path.Combine(directory.FullName, "X.Y.approved.txt");
        File.WriteAllText(approved, "a\r\nb\r\n");

        ApprovalFile.Verify(approved, "a\nb", "Snapshot X.Y", accept: false);
    }
}

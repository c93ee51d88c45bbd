namespace Fengqiao.TestSupport.Tests;

public class ApiApprovalTests
{
    private const string Before = """
        namespace Demo;
        /// <summary>x</summary>
        public sealed class Widget : System.IEquatable<Widget>
        {
            public Widget(string name, int size = 3) { Name = name; }
            public string Name { get; }
            public string? Label { get; init; }
            public void Resize(ref int width, out int height, in long depth, params string[] tags) { height = 0; }
            public bool Equals(Widget? other) => false;
            public static Widget Create(string name) => new(name);
            public System.Collections.Generic.IReadOnlyList<string?> Tags(string? prefix = null) => [];
            internal void Hidden() { }
            public const int Max = 10;
            public void Align(Sides side = Sides.Left, Sides? other = null) { }
            public void Wait(System.Threading.CancellationToken cancellationToken = default) { }
        }
        [System.Flags] public enum Sides { None = 0, Left = 1, Right = 2 }
        public interface IShape { double Area(); }
        public abstract class Base<T> where T : class, new() { protected abstract T Make(); }
        public readonly record struct Point(int X, int Y);
        public record Note(string Text);
        public delegate void Changed(object sender, string? detail);
        public static class Extensions { [System.Obsolete("use Other")] public static int Twice(this int value) => value * 2; }
        internal sealed class NotPublic { }
        public sealed class Gone { }
        """;

    [Fact]
    public void Render_ListsTypesWithKindBaseAndInterfaces()
    {
        var text = ApiApproval.Render(InMemoryCompiler.Compile(Before));

        Assert.Contains("namespace Demo", text);
        Assert.Contains("    public sealed class Widget : System.IEquatable<Demo.Widget>", text);
        Assert.Contains("    [System.Flags]\n    public enum Sides", text);
        Assert.Contains("    public interface IShape", text);
        Assert.Contains("    public abstract class Base<T>\n        where T :  class, new ()", text);
        Assert.Contains("    public readonly struct Point : System.IEquatable<Demo.Point>", text);
        Assert.Contains("    public record Note : System.IEquatable<Demo.Note>", text);
        Assert.Contains("    public delegate void Changed(object sender, string? detail);", text);
        Assert.Contains("    public static class Extensions", text);
        Assert.DoesNotContain("NotPublic", text);
        Assert.DoesNotContain("assembly:", text);
    }

    [Fact]
    public void Render_WritesFullMemberSignatures()
    {
        var text = ApiApproval.Render(InMemoryCompiler.Compile(Before));

        Assert.Contains("        public Widget(string name, int size = 3) { }", text);
        Assert.Contains("        public string Name { get; }", text);
        Assert.Contains("        public string? Label { get; init; }", text);
        Assert.Contains("        public void Resize(ref int width, out int height, in long depth, params string[] tags) { }", text);
        Assert.Contains("        public static Demo.Widget Create(string name) { }", text);
        Assert.Contains("        public System.Collections.Generic.IReadOnlyList<string?> Tags(string? prefix = null) { }", text);
        Assert.Contains("        public const int Max = 10;", text);
        Assert.Contains("        public void Align(Demo.Sides side = 1, Demo.Sides? other = default) { }", text);
        Assert.Contains("        public void Wait(System.Threading.CancellationToken cancellationToken = default) { }", text);
        Assert.Contains("        protected abstract T Make();", text);
        Assert.Contains("        [System.Obsolete(\"use Other\")]\n        public static int Twice(this int value) { }", text);
        Assert.Contains("        Left = 1,", text);
        Assert.DoesNotContain("Hidden", text);
    }

    [Fact]
    public void Render_AssemblyNotLoadedFromAFile_FailsNamingIt()
    {
        var bytes = File.ReadAllBytes(InMemoryCompiler.Compile(Before, "FromBytes").Location);
        var loaded = new System.Runtime.Loader.AssemblyLoadContext("bytes", isCollectible: true).LoadFromStream(new MemoryStream(bytes));

        var failure = Assert.Throws<ArgumentException>(() => ApiApproval.Render(loaded));

        Assert.Contains("FromBytes", failure.Message);
    }

    [Fact]
    public void Render_IsStableAcrossRuns()
    {
        var first = ApiApproval.Render(InMemoryCompiler.Compile(Before));
        var second = ApiApproval.Render(InMemoryCompiler.Compile(Before));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Verify_AddedMember_FailsNamingTheMember()
    {
        var after = Before.Replace("public string Name { get; }", "public string Name { get; }\n    public int Weight { get; }");

        var failure = CompareThroughApprovalFile(Before, after);

        Assert.Contains("in public sealed class Widget : System.IEquatable<Demo.Widget>", failure);
        Assert.Contains("+ public int Weight { get; }", failure);
    }

    [Fact]
    public void Verify_ChangedSignature_FailsNamingOldAndNew()
    {
        var after = Before.Replace("public static Widget Create(string name)", "public static Widget Create(string name, int size)");

        var failure = CompareThroughApprovalFile(Before, after);

        Assert.Contains("in public sealed class Widget", failure);
        Assert.Contains("- public static Demo.Widget Create(string name) { }", failure);
        Assert.Contains("+ public static Demo.Widget Create(string name, int size) { }", failure);
    }

    [Fact]
    public void Verify_NullabilityOnlyChange_Fails()
    {
        var after = Before.Replace("public static Widget Create(string name)", "public static Widget Create(string? name)");

        var failure = CompareThroughApprovalFile(Before, after);

        Assert.Contains("in public sealed class Widget", failure);
        Assert.Contains("- public static Demo.Widget Create(string name) { }", failure);
        Assert.Contains("+ public static Demo.Widget Create(string? name) { }", failure);
    }

    [Fact]
    public void Verify_NullabilityOfATypeArgumentOnly_Fails()
    {
        var after = Before.Replace("IReadOnlyList<string?> Tags", "IReadOnlyList<string> Tags");

        var failure = CompareThroughApprovalFile(Before, after);

        Assert.Contains("+ public System.Collections.Generic.IReadOnlyList<string> Tags(string? prefix = null) { }", failure);
    }

    [Fact]
    public void Verify_RemovedType_FailsNamingTheType()
    {
        var after = Before.Replace("public sealed class Gone { }", "");

        var failure = CompareThroughApprovalFile(Before, after);

        Assert.Contains("in namespace Demo", failure);
        Assert.Contains("- public sealed class Gone", failure);
    }

    [Fact]
    public void Verify_DefaultValueChange_Fails()
    {
        var after = Before.Replace("int size = 3", "int size = 4");

        var failure = CompareThroughApprovalFile(Before, after);

        Assert.Contains("in public sealed class Widget", failure);
        Assert.Contains("- public Widget(string name, int size = 3) { }", failure);
        Assert.Contains("+ public Widget(string name, int size = 4) { }", failure);
    }

    [Fact]
    public void Verify_Unchanged_Passes()
    {
        var directory = Directory.CreateTempSubdirectory("fengqiao-api-");
        var approved = Path.Combine(directory.FullName, "Demo.approved.txt");
        File.WriteAllText(approved, ApiApproval.Render(InMemoryCompiler.Compile(Before)));

        ApprovalFile.Verify(approved, ApiApproval.Render(InMemoryCompiler.Compile(Before)), "Demo", accept: false);

        Assert.False(File.Exists(Path.Combine(directory.FullName, "Demo.received.txt")));
    }

    private static string CompareThroughApprovalFile(string before, string after)
    {
        var directory = Directory.CreateTempSubdirectory("fengqiao-api-");
        var approved = Path.Combine(directory.FullName, "Demo.approved.txt");
        File.WriteAllText(approved, ApiApproval.Render(InMemoryCompiler.Compile(before)));
        var received = ApiApproval.Render(InMemoryCompiler.Compile(after));

        var failure = Assert.Throws<ApprovalException>(() => ApprovalFile.Verify(approved, received, "Demo", accept: false));

        Assert.True(File.Exists(Path.Combine(directory.FullName, "Demo.received.txt")), "the received file is written beside the approved one");
        return failure.Message;
    }
}

using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cli.Tests;

public sealed class QueryCodeKeyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fengqiao-keys-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Rotate_CurrentKeyFile_WritesANewOwnerOnlyKeyAndPrintsBothIdsAndTheSettings()
    {
        var current = Path.Combine(folder, "current.key");
        File.WriteAllBytes(current, "fengqiao-test-query-code-key-32b"u8.ToArray());
        var fresh = Path.Combine(folder, "new.key");

        var (code, output, error) = CliRun.Invoke("query-code-key", "rotate", "--key-file", current, "--out", fresh);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var bytes = File.ReadAllBytes(fresh);
        Assert.Equal(32, bytes.Length);
        Assert.NotEqual("fengqiao-test-query-code-key-32b"u8.ToArray(), bytes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fresh));
        }

        Assert.Contains($"new query-code key {new QueryCodeKey(bytes).Id}", output, StringComparison.Ordinal);
        Assert.Contains($"current key {new QueryCodeKey("fengqiao-test-query-code-key-32b"u8).Id} is to be retired", output, StringComparison.Ordinal);
        Assert.Contains($"Fengqiao:QueryCodeKeyFile = {fresh}", output, StringComparison.Ordinal);
        Assert.Contains($"Fengqiao:RetiredQueryCodeKeyFiles:0 = {current}", output, StringComparison.Ordinal);
        Assert.Contains("Stored digests are not rewritten", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_OutputExists_IsRefusedAndLeavesItAlone()
    {
        var current = Path.Combine(folder, "current.key");
        File.WriteAllBytes(current, "fengqiao-test-query-code-key-32b"u8.ToArray());
        var existing = Path.Combine(folder, "existing.key");
        File.WriteAllText(existing, "keep me");

        var (code, _, error) = CliRun.Invoke("query-code-key", "rotate", "--key-file", current, "--out", existing);

        Assert.Equal(2, code);
        Assert.Contains($"--out '{existing}' already exists", error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    [Fact]
    public void Rotate_CurrentKeyTooShort_IsRefusedNamingTheFileAndWritesNothing()
    {
        var current = Path.Combine(folder, "short.key");
        File.WriteAllBytes(current, "short"u8.ToArray());
        var fresh = Path.Combine(folder, "new.key");

        var (code, _, error) = CliRun.Invoke("query-code-key", "rotate", "--key-file", current, "--out", fresh);

        Assert.Equal(2, code);
        Assert.Contains($"--key-file '{current}': the key has 5 bytes", error, StringComparison.Ordinal);
        Assert.False(File.Exists(fresh));
    }

    [Fact]
    public void Id_TwoKeyFiles_PrintsEachFilesFingerprint()
    {
        var first = Path.Combine(folder, "a.key");
        var second = Path.Combine(folder, "b.key");
        File.WriteAllBytes(first, "fengqiao-test-query-code-key-32b"u8.ToArray());
        File.WriteAllBytes(second, "fengqiao-test-rotated-code-key32"u8.ToArray());

        var (code, output, _) = CliRun.Invoke("query-code-key", "id", first, second);

        Assert.Equal(0, code);
        Assert.Equal(
            [$"{first}: {new QueryCodeKey("fengqiao-test-query-code-key-32b"u8).Id}", $"{second}: {new QueryCodeKey("fengqiao-test-rotated-code-key32"u8).Id}"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

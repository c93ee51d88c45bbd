using System.Text;

namespace Fengqiao.Cli;

/// <summary>
/// Checks the files a command reads and writes before it does any work, so that no command overwrites one of its
/// inputs, writes over a file it did not make, or finds a bad output path only after a long run.
/// </summary>
/// <remarks>
/// Paths are compared after resolving every symbolic link on the way (the file and each folder above it), so
/// <c>--report link-to-profile.yaml</c> is the same file as <c>--profile profile.yaml</c>. Every refusal is a
/// <see cref="CliException"/> with exit code 2 whose one-line message names the option and the path.
/// </remarks>
internal sealed class FilePaths
{
    private readonly List<(string Option, string Resolved, string Given)> inputs = [];
    private readonly List<(string Option, string Resolved, string Given)> outputs = [];

    /// <summary>Records an input file (it must exist and be a file).</summary>
    /// <returns>The full path of the input.</returns>
    public string Input(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{option} '{full}' is a folder, not a file.");
        }

        if (!File.Exists(full))
        {
            throw new CliException($"{option} '{full}' does not exist.");
        }

        var resolved = Resolve(full);
        Clash(option, full, resolved);
        inputs.Add((option, resolved, full));
        return full;
    }

    /// <summary>Records an output file that may replace a previous output of the same kind.</summary>
    /// <param name="option">The option that named it, for messages.</param>
    /// <param name="path">The path given.</param>
    /// <param name="isPreviousOutput">Tells whether an existing file is a previous output that may be replaced;
    /// <see langword="null"/> when an existing file is always refused (a new file is required).</param>
    /// <param name="kind">What such a file is, for messages ("a report from fengqiao simulate").</param>
    /// <returns>The full path of the output.</returns>
    public string Output(string option, string path, Func<string, bool>? isPreviousOutput, string kind)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{option} '{full}' is a folder: name a file in it.");
        }

        var folder = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{option} '{full}': the folder '{folder}' does not exist.");
        }

        var resolved = Resolve(full);
        Clash(option, full, resolved);
        if (File.Exists(full) || File.Exists(resolved))
        {
            if (isPreviousOutput is null)
            {
                throw new CliException($"{option} '{full}' already exists: this command writes {kind} and starts a new file; remove it or name a new file.");
            }

            if (!isPreviousOutput(resolved))
            {
                throw new CliException($"{option} '{full}' already exists and is not {kind}: it is left alone; remove it or name another file.");
            }
        }

        CheckWritable(option, full, Path.GetDirectoryName(resolved) ?? folder);
        outputs.Add((option, resolved, full));
        return full;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file in the same folder,
    /// so a failed write never leaves a half-written file in place of a previous one.</summary>
    public static void WriteAllTextAtomically(string path, string text)
    {
        var target = Resolve(Path.GetFullPath(path));
        var temporary = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Tells whether the start of <paramref name="path"/> reads like a file <c>fengqiao simulate --report</c> wrote.</summary>
    public static bool IsSimulationReport(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[8192];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var head = Encoding.UTF8.GetString(buffer, 0, read);
            return head.StartsWith("<!DOCTYPE html>", StringComparison.Ordinal)
                   && head.Contains(" — Fengqiao simulation</title>", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Resolves every symbolic link in <paramref name="fullPath"/>: the folders on the way and the file itself.</summary>
    internal static string Resolve(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            try
            {
                if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    // A relative link target is relative to the link's folder; FullName is already absolute.
                    next = Resolve(Path.GetFullPath(target.FullName));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A link loop or an unreadable link: keep the path as given; the open that follows reports it.
            }

            current = next;
        }

        return current;
    }

    private void Clash(string option, string full, string resolved)
    {
        foreach (var (otherOption, otherResolved, otherGiven) in inputs.Concat(outputs))
        {
            if (string.Equals(otherResolved, resolved, StringComparison.Ordinal))
            {
                var same = string.Equals(otherGiven, full, StringComparison.Ordinal) ? "" : $" (as '{otherGiven}')";
                throw new CliException($"{option} '{full}' is the same file as {otherOption}{same}: refusing to overwrite it.");
            }
        }
    }

    private static void CheckWritable(string option, string full, string folder)
    {
        var probe = Path.Combine(folder, $".fengqiao-write-check-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} '{full}': cannot write in the folder '{folder}' ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
        }
    }
}

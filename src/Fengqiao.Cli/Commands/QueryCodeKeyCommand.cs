using System.CommandLine;
using System.Security.Cryptography;
using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao query-code-key rotate</c> and <c>fengqiao query-code-key id</c>: the county's query-code keys.</summary>
/// <remarks>Rotation makes a new current key and retires the old one; it cannot re-digest stored codes (only their
/// digests are stored), so the retired key stays configured for look-ups (docs/operations.md).</remarks>
internal static class QueryCodeKeyCommand
{
    /// <summary>The bytes of a key <c>rotate</c> makes.</summary>
    internal const int NewKeyLength = 32;

    /// <summary>Creates the command with its two subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("query-code-key", "Rotate the county's query-code key, or print the id of a key file.");
        command.Subcommands.Add(Rotate(context));
        command.Subcommands.Add(Id(context));
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var current = new Option<FileInfo>("--key-file") { Description = "The county's current query-code key file (the one in Fengqiao:QueryCodeKeyFile).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The new key file to create (32 random bytes, mode 0600); it must not exist.", Required = true };
        var command = new Command("rotate",
            "Create a new query-code key for new codes and print how to configure it with the current key retired. " +
            "Stored digests are not rewritten (the codes are not stored, so they cannot be): keep the retired key configured for as long as citizens may look up cases registered under it.")
        { current, output };
        context.SetAction(command, parse =>
        {
            var paths = new FilePaths();
            var currentPath = paths.Input("--key-file", parse.GetValue(current)!.ToString());
            var outputPath = paths.Output("--out", parse.GetValue(output)!.ToString(), isPreviousOutput: null, "a query-code key");
            var currentKey = ReadKey("--key-file", currentPath);
            var bytes = RandomNumberGenerator.GetBytes(NewKeyLength);
            var fresh = new QueryCodeKey(bytes);
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(outputPath, create);
                file.Write(bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--out '{outputPath}' cannot be written ({e.GetType().Name}); nothing was changed.");
            }

            context.Output.WriteLine($"{outputPath}: new query-code key {fresh.Id} (current key {currentKey.Id} is to be retired).");
            context.Output.WriteLine("Configure every node of the county, then restart them:");
            context.Output.WriteLine($"  Fengqiao:QueryCodeKeyFile = {outputPath}");
            context.Output.WriteLine($"  Fengqiao:RetiredQueryCodeKeyFiles:0 = {currentPath}   (move any retired keys already listed down by one)");
            context.Output.WriteLine("New codes are digested with the new key; codes handed out before are found through the retired key. " +
                "Stored digests are not rewritten: keep the retired key until no citizen needs a code issued under it.");
            return FengqiaoCli.Ok;
        });
        return command;
    }

    private static Command Id(CliContext context)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Query-code key files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("id", "Print the id of each query-code key file (a fingerprint that reveals nothing of the key), to tell current and retired keys apart.") { files };
        context.SetAction(command, parse =>
        {
            var paths = new FilePaths();
            foreach (var file in parse.GetValue(files)!)
            {
                var path = paths.Input("FILE", file.ToString());
                context.Output.WriteLine($"{path}: {ReadKey("FILE", path).Id}");
            }

            return FengqiaoCli.Ok;
        });
        return command;
    }

    private static QueryCodeKey ReadKey(string option, string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} '{path}' cannot be read ({e.GetType().Name}).");
        }

        return bytes.Length < QueryCodeKey.MinimumLength
            ? throw new CliException($"{option} '{path}': the key has {bytes.Length} bytes; a query-code key needs at least {QueryCodeKey.MinimumLength}.")
            : new QueryCodeKey(bytes);
    }
}

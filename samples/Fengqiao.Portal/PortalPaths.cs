namespace Fengqiao.Portal;

internal static class PortalPaths
{
    // The profile and the database named in appsettings.json are relative to the project folder, wherever `dotnet run` starts.
    public static void ResolveAgainstContentRoot(ConfigurationManager configuration, IWebHostEnvironment environment)
    {
        foreach (var key in new[] { "Fengqiao:ProfilePath", "Fengqiao:Connection", "Fengqiao:QueryCodeKeyFile" })
        {
            if (configuration[key] is { Length: > 0 } path && !Path.IsPathRooted(path))
            {
                configuration[key] = Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
            }
        }
    }

    // A sample's convenience: the first run writes a random query-code key beside the database (owner-only). A real
    // portal gets the county's key from its secret store; without the same key no case is found by its code again.
    public static void EnsureQueryCodeKey(ConfigurationManager configuration)
    {
        if (configuration["Fengqiao:QueryCodeKey"] is { Length: > 0 } || configuration["Fengqiao:QueryCodeKeyFile"] is not { Length: > 0 } file || File.Exists(file))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(file, options);
        stream.Write(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    }
}

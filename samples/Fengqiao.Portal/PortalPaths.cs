namespace Fengqiao.Portal;

internal static class PortalPaths
{
    // The profile and the database named in appsettings.json are relative to the project folder, wherever `dotnet run` starts.
    public static void ResolveAgainstContentRoot(ConfigurationManager configuration, IWebHostEnvironment environment)
    {
        foreach (var key in new[] { "Fengqiao:ProfilePath", "Fengqiao:Connection" })
        {
            if (configuration[key] is { Length: > 0 } path && !Path.IsPathRooted(path))
            {
                configuration[key] = Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
            }
        }
    }
}

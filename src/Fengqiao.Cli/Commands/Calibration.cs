using System.Globalization;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Commands;

/// <summary><c>fengqiao simulate --calibrate --out fitted.yaml</c>: fits the profile's behaviour to its published figures
/// and writes a copy of the profile with the fitted <c>simulation:</c> section.</summary>
internal static class Calibration
{
    private const string Header = "# Fitted by fengqiao simulate --calibrate";

    /// <summary>Whether an existing file is a previous fitted profile (which a new calibration may replace).</summary>
    public static bool IsFittedProfile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine()?.StartsWith(Header, StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static int Run(CliContext context, CountyProfile county, string? profilePath, string outPath, SimulationOptions options)
    {
        var before = county.Simulation ?? SimulationProfile.Default;
        var result = Calibrator.CalibrateAsync(county, options, (run, report) =>
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {report.Published.Count(p => p.Within)}/{report.Published.Count} published figures within tolerance"))).GetAwaiter().GetResult();
        context.Output.Write(Calibrator.Describe(result, before));

        var source = profilePath is null ? ReadDefaultProfile() : File.ReadAllText(profilePath);
        var provenance = string.Create(CultureInfo.InvariantCulture,
            $"fitted by fengqiao simulate --calibrate (seed {options.Seed}, {options.Days} days × {options.CasesPerDay} reports, drain {(options.DrainDays is { } d ? d.ToString(CultureInfo.InvariantCulture) : "default")}) to the published figures");
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{Header} from {(profilePath is null ? "the built-in default profile" : Path.GetFileName(profilePath))} (seed {options.Seed}, {options.Days} days × {options.CasesPerDay} reports a day).\n");
        var text = header + Calibrator.WithSimulation(source, before, result.Behaviour, provenance);

        // The copy must load as the original does, with the fitted values in it (the values are written into the
        // profile's own text, so read them back rather than trust the edit).
        CountyProfile written;
        try
        {
            written = CountyProfileLoader.Parse(text, outPath);
        }
        catch (ProfileLoadException e)
        {
            throw new CliException($"the fitted profile does not load: {string.Join("; ", e.Problems.Take(3))}", FengqiaoCli.Internal);
        }

        if (Calibrator.AllKnobs().FirstOrDefault(k => Math.Abs(k.Get(written.Simulation) - k.Get(result.Behaviour)) > 1e-4) is { } wrong)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"the fitted profile reads {wrong.Parameter} as {wrong.Get(written.Simulation)}, not the fitted {wrong.Get(result.Behaviour)}; nothing was written"), FengqiaoCli.Internal);
        }

        FilePaths.WriteAllTextAtomically(outPath, text);
        context.Output.WriteLine($"Fitted profile written to {outPath}");
        return result.AllWithin ? FengqiaoCli.Ok : FengqiaoCli.Invalid;
    }

    private static string ReadDefaultProfile()
    {
        using var stream = typeof(Calibration).Assembly.GetManifestResourceStream("Fengqiao.Cli.DefaultProfile.yaml")
            ?? throw new CliException("The built-in default profile is missing from this build of fengqiao.", FengqiaoCli.Internal);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

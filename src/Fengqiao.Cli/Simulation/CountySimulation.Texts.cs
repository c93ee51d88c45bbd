using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;

namespace Fengqiao.Cli.Simulation;

/// <content>What a simulated report says and who files it, from the profile's <c>simulation.texts</c>: the employer it
/// names, the threat it carries (a word of <c>warnings.violent-risk.keywords</c>), and whether an earlier reporter of the
/// same category comes back with a new matter — so that the county's warning rules meet what they look for.</content>
internal sealed partial class CountySimulation
{
    private const int RememberedReporters = 200;

    private readonly Dictionary<CaseCategory, List<Reporter>> reportersByCategory = [];
    private ThreatWordsCheck? textCache;

    private string ReportText(CaseCategory category, OrgUnit grid)
    {
        var texts = behaviour.Texts;
        var text = $"{category} matter in {grid.Name}";
        if (texts.IsNone)
        {
            return text;
        }

        textCache ??= new ThreatWordsCheck(texts, profile.Warnings);
        if (!texts.Employers.IsDefaultOrEmpty && IntakeChance(SimulationTexts.ShareOf(texts.EmployerShare, category.Key)))
        {
            // The full-width colon ends the run of ideographs before the name, so the employer pattern finds the name itself.
            text += $"：{texts.Employers[intake.Next(texts.Employers.Length)]}拖欠工资";
        }

        if (textCache.ThreatWords.Length > 0 && IntakeChance(SimulationTexts.ShareOf(texts.ThreatShare, category.Key)))
        {
            text += $"；对方{textCache.ThreatWords[intake.Next(textCache.ThreatWords.Length)]}";
        }

        return text;
    }

    private Reporter? ReturningReporter(CaseCategory category) =>
        reportersByCategory.TryGetValue(category, out var earlier) && earlier.Count > 0 && IntakeChance(SimulationTexts.ShareOf(behaviour.Texts.Returning, category.Key))
            ? earlier[intake.Next(earlier.Count)]
            : null;

    /// <summary>A draw from the intake generator: what citizens report never depends on how cases are handled.</summary>
    private bool IntakeChance(double share) => intake.NextDouble() < share;

    private void RememberReporter(CaseCategory category, Reporter reporter)
    {
        if (SimulationTexts.ShareOf(behaviour.Texts.Returning, category.Key) <= 0)
        {
            return;
        }

        if (!reportersByCategory.TryGetValue(category, out var list))
        {
            reportersByCategory[category] = list = [];
        }

        if (!list.Contains(reporter))
        {
            list.Add(reporter);
            if (list.Count > RememberedReporters)
            {
                list.RemoveAt(0);
            }
        }
    }

    /// <summary>The threat words, checked once: a profile with threat shares must give the words in <c>warnings.violent-risk.keywords</c>.</summary>
    private sealed class ThreatWordsCheck
    {
        public ThreatWordsCheck(SimulationTexts texts, WarningsProfile warnings)
        {
            var keywords = warnings.Find(WarningKind.ViolentRisk)?.Keywords ?? default;
            ThreatWords = keywords.IsDefaultOrEmpty ? [] : [.. keywords];
            if (ThreatWords.Length == 0 && texts.ThreatShare.Values.Any(v => v > 0))
            {
                throw new CliException("simulation.texts.threat-share needs threat words, and the profile's warnings.violent-risk names no keywords.");
            }
        }

        public string[] ThreatWords { get; }
    }
}

using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Rules;
using Fengqiao.Sla;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// The default escalation rule set (升级规则): seven named rules, each overridable by id through
/// <see cref="RuleSet{TFact, TDecision}.With"/>, under the priority hit policy.
/// </summary>
/// <remarks>
/// <para>In declaration order, with salience (higher wins when several match):</para>
/// <list type="number">
/// <item><description><c>leader-instruction</c> (60): a pending leader's instruction (批示) whose level is at or above
/// the holder → supervision (督办) by the instructing level with the instruction's limit and grade.</description></item>
/// <item><description><c>must-start-high</c> (50): a category or keyword that must start high, the holder below
/// <see cref="EscalationRuleOptions.MustStartHighLevel"/> → start at that level, red supervision.</description></item>
/// <item><description><c>wage-arrears</c> (45): wage arrears (欠薪), the holder below
/// <see cref="EscalationRuleOptions.WageArrearsLevel"/> → start at that level, at the labour department.</description></item>
/// <item><description><c>reopen-above-closer</c> (40): closed by a unit below the top, and rated unsatisfied (不满意) or
/// reopened by a people's deputy → reopen one level above the closer.</description></item>
/// <item><description><c>repeat-complaint</c> (30): the same matter reported N times within D days and since the case
/// last moved up (<see cref="EscalationFacts.RepeatReports"/>), the holder not at the top (or below the configured
/// target level) → one level up (or the target level).</description></item>
/// <item><description><c>overdue</c> (20): the handling clock is overdue, the holder not at the top → next level up,
/// yellow supervision by it.</description></item>
/// <item><description><c>cannot-resolve</c> (10): the holder declared it cannot resolve the matter (无法解决), not at
/// the top → next level up.</description></item>
/// </list>
/// <para>Every rule carries the guard parts that keep it from asking to move a case down or past the top, so the
/// default set only ever moves cases up. Condition parts are named after the parameters
/// (<c>reported 3+ times within 30 days</c>) so that renderings and traces read as the county configured them.</para>
/// <para>For county profiles the same rules can be stated as a decision table: see <see cref="EscalationTable"/>.</para>
/// </remarks>
/// <threadsafety>All members are thread-safe; the rule sets they return are immutable and thread-safe.</threadsafety>
public static class DefaultEscalationRules
{
    /// <summary>The name of the rule set: <c>escalation</c>.</summary>
    public const string RuleSetName = "escalation";

    /// <summary>Creates the default rule set.</summary>
    /// <param name="options">The parameters; the documented defaults when null.</param>
    /// <param name="ladder">A ladder to check the options' level keys against, or null to skip that check.</param>
    /// <returns>An immutable rule set with the seven rules, origin <see cref="Fengqiao.Rules.Layering.RuleOrigin.Default"/>.</returns>
    /// <exception cref="EscalationException">An option is out of range, a list holds an empty entry, or a level key is
    /// not a level of <paramref name="ladder"/>; every problem is listed, each with the rule id it concerns.</exception>
    public static RuleSet<EscalationSituation, EscalationDecision> Create(EscalationRuleOptions? options = null, Ladder? ladder = null)
    {
        options ??= new EscalationRuleOptions();
        var problems = Check(options, ladder);
        if (problems.Count > 0)
        {
            throw new EscalationException(
                $"The escalation rule options have {problems.Count} problem(s):{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}",
                ruleId: problems[0][..problems[0].IndexOf(':', StringComparison.Ordinal)]);
        }

        var n = options.RepeatThreshold;
        var window = options.RepeatWindow;
        var days = window.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
        var startHighCategories = options.MustStartHighCategories.ToImmutableArray();
        var startHighKeywords = options.MustStartHighKeywords.ToArray();
        var startHighLevel = options.MustStartHighLevel;
        var wageCategories = options.WageArrearsCategories.ToImmutableArray();
        var wageKeywords = options.WageArrearsKeywords.ToArray();
        var wageLevel = options.WageArrearsLevel;
        var repeatLevel = options.RepeatTargetLevel;

        var notAtTop = Condition.Not(Condition.Part<EscalationSituation>("holder at the top of the ladder", s => s.HolderAtTop));
        var startHigh = EscalationDecision.StartAt(startHighLevel, null, options.MustStartHighSupervision);
        var wages = EscalationDecision.StartAt(wageLevel, options.WageArrearsDepartment);
        var repeat = repeatLevel is null ? EscalationDecision.NextLevel() : EscalationDecision.ToLevel(repeatLevel);
        var overdue = EscalationDecision.NextLevel(options.OverdueSupervision);
        var reopen = EscalationDecision.ReopenAboveCloser();
        var next = EscalationDecision.NextLevel();

        return new RuleSetBuilder<EscalationSituation, EscalationDecision>(RuleSetName) { HitPolicy = HitPolicy.Priority }
            .Add(
                EscalationRuleIds.LeaderInstruction,
                "A leader's instruction (批示): supervision (督办) by the instructing level, with the instruction's own deadline and grade",
                Condition.All(
                    Condition.Part<EscalationSituation>("a leader's instruction (批示) is pending", s => s.Facts.PendingInstruction is not null),
                    Condition.Part<EscalationSituation>("the instructing level is at or above the holder", s => s.LevelAtOrAboveHolder(s.Facts.PendingInstruction!.Level))),
                s => EscalationDecision.Supervise(new SupervisionTerms(s.Facts.PendingInstruction!.Grade, s.Facts.PendingInstruction.Limit, s.Facts.PendingInstruction.Level)),
                salience: 60)
            .Add(
                EscalationRuleIds.MustStartHigh,
                $"Safety risks and mass incidents start at level '{startHighLevel}'{SupervisionText(options.MustStartHighSupervision)}",
                Condition.All(
                    Condition.Any(
                        Condition.Part<EscalationSituation>($"category is one of [{string.Join(", ", startHighCategories)}]", s => startHighCategories.Contains(s.Facts.Category.Key)),
                        Condition.Part<EscalationSituation>($"keywords include one of [{string.Join(", ", startHighKeywords)}]", s => MatchesAny(s.Facts.Keywords, startHighKeywords))),
                    Condition.Part<EscalationSituation>($"holder below level '{startHighLevel}'", s => s.HolderBelow(startHighLevel))),
                _ => startHigh,
                salience: 50)
            .Add(
                EscalationRuleIds.WageArrears,
                $"Wage arrears (欠薪) go to level '{wageLevel}'{(options.WageArrearsDepartment is { } d ? $", department '{d}'" : "")}",
                Condition.All(
                    Condition.Any(
                        Condition.Part<EscalationSituation>($"category is one of [{string.Join(", ", wageCategories)}]", s => wageCategories.Contains(s.Facts.Category.Key)),
                        Condition.Part<EscalationSituation>($"keywords include one of [{string.Join(", ", wageKeywords)}]", s => MatchesAny(s.Facts.Keywords, wageKeywords))),
                    Condition.Part<EscalationSituation>($"holder below level '{wageLevel}'", s => s.HolderBelow(wageLevel))),
                _ => wages,
                salience: 45)
            .Add(
                EscalationRuleIds.ReopenAboveCloser,
                "An unsatisfied rating (不满意) or a people's deputy's reopening reopens the case one level above the unit that closed it",
                Condition.All(
                    Condition.Part<EscalationSituation>("closed by a unit below the top of the ladder", s => s.CloserBelowTop),
                    Condition.Any(
                        Condition.Part<EscalationSituation>("latest rating is unsatisfied (不满意)", s => s.Facts.LatestRating == CaseRating.Unsatisfied),
                        Condition.Part<EscalationSituation>("a people's deputy asked to reopen it", s => s.Facts.ReopenedByDeputy))),
                _ => reopen,
                salience: 40)
            .Add(
                EscalationRuleIds.RepeatComplaint,
                $"The same matter reported {n} times within {days} days (repeat complaint, 重复投诉) moves {(repeatLevel is null ? "one level up" : $"to level '{repeatLevel}'")}",
                Condition.All(
                    Condition.Part<EscalationSituation>(string.Create(CultureInfo.InvariantCulture, $"reported {n}+ times within {days} days since the last move up"), s => s.Facts.RepeatReports(window) >= n),
                    repeatLevel is null
                        ? notAtTop
                        : Condition.Part<EscalationSituation>($"holder below level '{repeatLevel}'", s => s.HolderBelow(repeatLevel))),
                _ => repeat,
                salience: 30)
            .Add(
                EscalationRuleIds.Overdue,
                $"The holding unit's handling clock is overdue: next level up,{SupervisionText(options.OverdueSupervision)}",
                Condition.All(
                    Condition.Part<EscalationSituation>("handling clock overdue", s => s.Facts.HandlingStage == SlaStage.Overdue),
                    notAtTop),
                _ => overdue,
                salience: 20)
            .Add(
                EscalationRuleIds.CannotResolve,
                "The holding unit declares it cannot resolve the matter (无法解决): next level up",
                Condition.All(
                    Condition.Part<EscalationSituation>("holder declared it cannot resolve the matter (无法解决)", s => s.Facts.DeclaredUnresolvable),
                    notAtTop),
                _ => next,
                salience: 10)
            .Build();
    }

    /// <summary>Tells whether any of a case's keywords contains any of a rule's keywords (ordinal substring match).</summary>
    /// <param name="caseKeywords">The case's keywords.</param>
    /// <param name="ruleKeywords">The rule's keywords.</param>
    /// <returns>Whether one matches.</returns>
    internal static bool MatchesAny(ImmutableArray<string> caseKeywords, string[] ruleKeywords)
    {
        foreach (var keyword in caseKeywords)
        {
            foreach (var wanted in ruleKeywords)
            {
                if (keyword.Contains(wanted, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string SupervisionText(SupervisionTerms? terms) => terms is null ? "" : $" with {terms}";

    private static List<string> Check(EscalationRuleOptions options, Ladder? ladder)
    {
        var problems = new List<string>();
        if (options.RepeatThreshold < 2)
        {
            problems.Add($"{EscalationRuleIds.RepeatComplaint}: RepeatThreshold must be at least 2 (a matter reported once is not a repeat); got {options.RepeatThreshold}.");
        }

        if (options.RepeatWindow <= NodaTime.Duration.Zero)
        {
            problems.Add($"{EscalationRuleIds.RepeatComplaint}: RepeatWindow must be positive; got {options.RepeatWindow}.");
        }

        CheckList(problems, EscalationRuleIds.MustStartHigh, nameof(options.MustStartHighCategories), options.MustStartHighCategories);
        CheckList(problems, EscalationRuleIds.MustStartHigh, nameof(options.MustStartHighKeywords), options.MustStartHighKeywords);
        CheckList(problems, EscalationRuleIds.WageArrears, nameof(options.WageArrearsCategories), options.WageArrearsCategories);
        CheckList(problems, EscalationRuleIds.WageArrears, nameof(options.WageArrearsKeywords), options.WageArrearsKeywords);
        CheckLevel(problems, EscalationRuleIds.MustStartHigh, nameof(options.MustStartHighLevel), options.MustStartHighLevel, ladder, required: true);
        CheckLevel(problems, EscalationRuleIds.MustStartHigh, "MustStartHighSupervision.IssuerLevel", options.MustStartHighSupervision?.IssuerLevel, ladder, required: false);
        CheckLevel(problems, EscalationRuleIds.WageArrears, nameof(options.WageArrearsLevel), options.WageArrearsLevel, ladder, required: true);
        CheckLevel(problems, EscalationRuleIds.RepeatComplaint, nameof(options.RepeatTargetLevel), options.RepeatTargetLevel, ladder, required: false);
        if (options.OverdueSupervision is null)
        {
            problems.Add($"{EscalationRuleIds.Overdue}: OverdueSupervision must be set (the overdue rule always supervises).");
        }
        else
        {
            CheckLevel(problems, EscalationRuleIds.Overdue, "OverdueSupervision.IssuerLevel", options.OverdueSupervision.IssuerLevel, ladder, required: false);
        }

        if (options.WageArrearsDepartment is { } department && string.IsNullOrWhiteSpace(department))
        {
            problems.Add($"{EscalationRuleIds.WageArrears}: WageArrearsDepartment must be null or a department key; got an empty one.");
        }

        return problems;
    }

    private static void CheckList(List<string> problems, string ruleId, string name, IList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{ruleId}: {name}[{i}] is empty; every entry must be a non-empty key or keyword."));
            }
        }
    }

    private static void CheckLevel(List<string> problems, string ruleId, string name, string? level, Ladder? ladder, bool required)
    {
        if (level is null)
        {
            if (required)
            {
                problems.Add($"{ruleId}: {name} must name a ladder level.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(level))
        {
            problems.Add($"{ruleId}: {name} is empty; it must name a ladder level.");
        }
        else if (ladder is not null && ladder.IndexOf(level) < 0)
        {
            problems.Add($"{ruleId}: {name} '{level}' is not a level of ladder '{ladder.Key}' ({string.Join(", ", ladder.Levels.Select(l => l.Key))}).");
        }
    }
}

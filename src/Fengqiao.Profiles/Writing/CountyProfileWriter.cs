using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Sla = Fengqiao.Sla;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Profiles.Loading;
using NodaTime.Text;

namespace Fengqiao.Profiles;

/// <summary>Writes a county profile back out as YAML in the form <see cref="CountyProfileLoader"/> reads.</summary>
/// <remarks>Writing then loading gives an equal profile: <c>Write(Parse(Write(p)))</c> equals <c>Write(p)</c>.
/// Built-in ladders are written by key; generated units stay generators.</remarks>
/// <threadsafety>Stateless; safe to call concurrently.</threadsafety>
public static partial class CountyProfileWriter
{
    /// <summary>Renders the profile as YAML.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public static string Write(CountyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var w = new StringBuilder();
        Func<string, ProvenanceEntry?> of = profile.ProvenanceOf;
        Line(w, 0, $"name: {Quote(profile.Name)}");
        if (of("time-zone") is { } zoneProvenance)
        {
            Line(w, 0, "time-zone:");
            Line(w, 1, $"id: {Quote(profile.Zone.Id)}");
            WriteProvenance(w, 1, "", zoneProvenance);
        }
        else
        {
            Line(w, 0, $"time-zone: {Quote(profile.Zone.Id)}");
        }

        Line(w, 0, "hours:");
        Line(w, 1, $"default: {Quote(profile.Hours.Default.ToString())}");
        WriteProvenance(w, 1, "", of("hours"));
        if (!profile.Hours.Seasonal.IsDefaultOrEmpty)
        {
            Line(w, 1, "seasonal:");
            for (var i = 0; i < profile.Hours.Seasonal.Length; i++)
            {
                var season = profile.Hours.Seasonal[i];
                Line(w, 2, $"- from: {Quote(AnnualDatePattern.Iso.Format(season.From))}");
                Line(w, 2, $"  hours: {Quote(season.Hours.ToString())}");
                WriteProvenance(w, 2, "  ", of(Inv($"hours.seasonal[{i}]")));
            }
        }

        if (!profile.Hours.Weekdays.IsDefaultOrEmpty)
        {
            Line(w, 1, "weekdays:");
            foreach (var (day, hours) in profile.Hours.Weekdays)
            {
                Line(w, 2, $"{KebabNames.Of(day)}: {Quote(hours.ToString())}");
            }
        }

        Line(w, 0, "calendar:");
        Line(w, 1, $"region: {KebabNames.Of(profile.Calendar.Region)}");
        Line(w, 1, $"strict: {(profile.Calendar.Strict ? "true" : "false")}");
        Line(w, 1, $"projection-through: {profile.Calendar.ProjectionThrough.ToString(CultureInfo.InvariantCulture)}");
        if (!Items(profile.Calendar.NoticeFiles).IsEmpty)
        {
            Line(w, 1, $"notice-files: [{string.Join(", ", profile.Calendar.NoticeFiles.Select(Quote))}]");
        }

        WriteDates(w, "extra-rest-days", profile.Calendar.ExtraRestDays);
        WriteDates(w, "extra-working-days", profile.Calendar.ExtraWorkingDays);
        WriteProvenance(w, 1, "", of("calendar"));

        Line(w, 0, $"channels: [{string.Join(", ", Items(profile.Channels).Select(c => c.Key()))}]");

        Line(w, 0, "org:");
        if (!profile.Org.Units.IsDefaultOrEmpty)
        {
            Line(w, 1, "units:");
            for (var u = 0; u < profile.Org.Units.Length; u++)
            {
                var unit = profile.Org.Units[u];
                Line(w, 2, $"- id: {Quote(unit.Id.Value)}");
                WriteProvenance(w, 2, "  ", of(Inv($"org.units[{u}]")));
                Line(w, 2, $"  name: {Quote(unit.Name)}");
                Line(w, 2, $"  kind: {KebabNames.Of(unit.Kind)}");
                if (unit.Parent is { } parent)
                {
                    Line(w, 2, $"  parent: {Quote(parent.Value)}");
                }

                if (!unit.Tags.IsDefaultOrEmpty)
                {
                    Line(w, 2, $"  tags: [{string.Join(", ", unit.Tags.Select(Quote))}]");
                }

                if (!unit.Members.IsDefaultOrEmpty)
                {
                    Line(w, 2, "  members:");
                    foreach (var member in unit.Members)
                    {
                        Line(w, 3, $"  - id: {Quote(member.Id.Value)}");
                        Line(w, 3, $"    name: {Quote(member.Name)}");
                        Line(w, 3, $"    roles: [{string.Join(", ", Items(member.Roles).Select(r => Quote(r.Name)))}]");
                    }
                }
            }
        }

        if (!profile.Org.Generated.IsDefaultOrEmpty)
        {
            Line(w, 1, "generate:");
            for (var gi = 0; gi < profile.Org.Generated.Length; gi++)
            {
                var g = profile.Org.Generated[gi];
                Line(w, 2, $"- id: {Quote(g.IdPattern)}");
                WriteProvenance(w, 2, "  ", of(Inv($"org.generate[{gi}]")));
                Line(w, 2, $"  name: {Quote(g.NamePattern)}");
                Line(w, 2, $"  kind: {KebabNames.Of(g.Kind)}");
                Line(w, 2, $"  count: {g.Count.ToString(CultureInfo.InvariantCulture)}");
                if (!g.Parents.IsDefaultOrEmpty)
                {
                    Line(w, 2, $"  parents: [{string.Join(", ", g.Parents.Select(p => Quote(p.Value)))}]");
                }

                if (!g.Tags.IsDefaultOrEmpty)
                {
                    Line(w, 2, $"  tags: [{string.Join(", ", g.Tags.Select(Quote))}]");
                }

                if (!g.Members.IsDefaultOrEmpty)
                {
                    Line(w, 2, "  members:");
                    foreach (var member in g.Members)
                    {
                        Line(w, 3, $"  - id: {Quote(member.Id.Value)}");
                        Line(w, 3, $"    name: {Quote(member.Name)}");
                        Line(w, 3, $"    roles: [{string.Join(", ", Items(member.Roles).Select(r => Quote(r.Name)))}]");
                    }
                }
            }
        }

        WriteLadder(w, profile.Ladder, of);
        WriteCategories(w, profile.Categories, of);
        WriteSeasonsAndTiers(w, profile, of);
        WriteSla(w, profile.Sla, of);
        WriteMediation(w, profile.Mediation, of);
        WriteRules(w, profile.EscalationRules, profile.HandOffRules ?? HandOffRulesProfile.None, of);
        WriteRouting(w, profile.Routing, of);
        WriteDeputiesAndReports(w, profile, of);

        if (profile.Simulation is { } simulation && simulation != SimulationProfile.Default)
        {
            WriteSimulationSection(w, simulation, of("simulation"), of("simulation.texts"));
        }

        WritePublished(w, profile.Published, of);
        WriteWarnings(w, profile.Warnings ?? WarningsProfile.None, of);
        return w.ToString();
    }

    private static void WriteRouting(StringBuilder w, Fengqiao.Escalation.Routing.RoutingTable? routing, Func<string, ProvenanceEntry?> of)
    {
        if (routing is null)
        {
            return;
        }

        Line(w, 0, "routing:");
        Line(w, 1, $"unrouted: {(routing.Fallback is { } fallback ? Quote(fallback.Value) : "refuse")}");
        Line(w, 1, routing.Rows.IsEmpty ? "rows: []" : "rows:");
        for (var i = 0; i < routing.Rows.Length; i++)
        {
            var row = routing.Rows[i];
            Line(w, 2, $"- category: {Quote(row.Category)}");
            WriteProvenance(w, 2, "  ", of(Inv($"routing.rows[{i}]")));
            var target = row.Target;
            Line(w, 2, target.Kind switch
            {
                Fengqiao.Escalation.Routing.RoutingTargetKind.Unit => $"  unit: {Quote(target.Unit!.Value.Value)}",
                Fengqiao.Escalation.Routing.RoutingTargetKind.UnitKind => $"  kind: {KebabNames.Of(target.UnitKind!.Value)}",
                _ => $"  level: {Quote(target.Level!)}",
            });
            if (row.Department is { } department)
            {
                Line(w, 2, $"  department: {Quote(department.Value)}");
            }

            if (!row.Channels.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  channels: [{string.Join(", ", row.Channels.Select(c => c.Key()))}]");
            }

            if (!row.Priorities.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  priorities: [{string.Join(", ", row.Priorities.Select(KebabNames.Of))}]");
            }

            if (row.Area is { } area)
            {
                Line(w, 2, $"  area: {Quote(area.Value)}");
            }

            if (!row.Months.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  months: [{string.Join(", ", row.Months.Select(m => m.ToString(CultureInfo.InvariantCulture)))}]");
            }

            if (!row.Tiers.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  tiers: [{string.Join(", ", row.Tiers.Select(KebabNames.Of))}]");
            }
        }
    }

    private static void WriteLadder(StringBuilder w, Ladder ladder, Func<string, ProvenanceEntry?> of)
    {
        if (BuiltInLadders.All.TryGetValue(ladder.Key, out var builtIn) && ReferenceEquals(builtIn, ladder))
        {
            if (of("ladder") is { } builtInProvenance)
            {
                Line(w, 0, "ladder:");
                Line(w, 1, $"key: {ladder.Key}");
                WriteProvenance(w, 1, "", builtInProvenance);
            }
            else
            {
                Line(w, 0, $"ladder: {ladder.Key}");
            }

            return;
        }

        Line(w, 0, "ladder:");
        Line(w, 1, $"key: {Quote(ladder.Key)}");
        Line(w, 1, $"name: {Quote(ladder.Name)}");
        WriteProvenance(w, 1, "", of("ladder"));
        Line(w, 1, "levels:");
        for (var i = 0; i < ladder.Levels.Length; i++)
        {
            var level = ladder.Levels[i];
            Line(w, 2, $"- key: {Quote(level.Key)}");
            WriteProvenance(w, 2, "  ", of(Inv($"ladder.levels[{i}]")));
            Line(w, 2, $"  name: {Quote(level.Name)}");
            Line(w, 2, $"  kinds: [{string.Join(", ", Items(level.Kinds).Select(KebabNames.Of))}]");
            if (!level.ReachableFrom.IsEmpty)
            {
                Line(w, 2, $"  reachable-from: [{string.Join(", ", level.ReachableFrom.Select(Quote))}]");
            }
        }
    }

    private static void WriteCategories(StringBuilder w, System.Collections.Immutable.ImmutableArray<CategoryProfile> categories, Func<string, ProvenanceEntry?> of)
    {
        if (categories.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 0, "categories:");
        for (var c = 0; c < categories.Length; c++)
        {
            var category = categories[c];
            Line(w, 1, $"- key: {Quote(category.Key.Key)}");
            WriteProvenance(w, 1, "  ", of(Inv($"categories[{c}]")));
            Line(w, 1, $"  name: {Quote(category.Name)}");
            Line(w, 1, $"  share: {category.Share.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    private static void WriteSla(StringBuilder w, SlaProfile sla, Func<string, ProvenanceEntry?> of)
    {
        Line(w, 0, "sla:");
        Line(w, 1, $"name: {Quote(sla.Name)}");
        if (sla.Preset is not null)
        {
            Line(w, 1, $"preset: {sla.Preset}");
        }

        WriteProvenance(w, 1, "", of("sla"));

        if (sla.Rules.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 1, "rules:");
        for (var i = 0; i < sla.Rules.Length; i++)
        {
            var rule = sla.Rules[i];
            Line(w, 2, $"- category: {Quote(rule.Category)}");
            if (rule.Channel is not null)
            {
                Line(w, 2, $"  channel: {rule.Channel}");
            }

            if (rule.Priority is not null)
            {
                Line(w, 2, $"  priority: {rule.Priority}");
            }

            WriteTierAndMonths(w, 2, rule.Tier, [.. rule.Months]);

            Line(w, 2, "  limits:");
            foreach (var (name, limit) in rule.Limits.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                Line(w, 3, $"  {name}: {Quote(limit.ToString())}");
            }

            if (rule.Thresholds.Count > 0)
            {
                Line(w, 2, "  warnings:");
                foreach (var threshold in rule.Thresholds)
                {
                    Line(w, 3, $"  - name: {Quote(threshold.Name)}");
                    Line(w, 3, threshold.FractionOfAllotted is { } fraction
                        ? $"    after-fraction: {fraction.ToString("R", CultureInfo.InvariantCulture)}"
                        : $"    before-deadline: {Quote(Sla.TimeLimit.WorkingTime(threshold.LeadTime!.Value).ToString())}");
                }
            }

            if (of(Inv($"sla.rules[{i}]")) is { } provenance)
            {
                WriteProvenance(w, 2, "  ", provenance);
            }
            else if (rule.Source is not null)
            {
                Line(w, 2, $"  source: {Quote(rule.Source)}");
            }
        }
    }

    private static void WriteMediation(StringBuilder w, MediationProfile mediation, Func<string, ProvenanceEntry?> of)
    {
        if (mediation.Bodies.IsDefaultOrEmpty && mediation.Mediators.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 0, "mediation:");
        Line(w, 1, "bodies:");
        for (var b = 0; b < mediation.Bodies.Length; b++)
        {
            var body = mediation.Bodies[b];
            Line(w, 2, $"- id: {Quote(body.Id.Value)}");
            WriteProvenance(w, 2, "  ", of(Inv($"mediation.bodies[{b}]")));
            Line(w, 2, $"  name: {Quote(body.Name)}");
            Line(w, 2, $"  kind: {KebabNames.Of(body.Kind)}");
            if (!body.DisputeTypes.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  dispute-types: [{string.Join(", ", body.DisputeTypes.Select(t => Quote(t.Key)))}]");
            }

            if (body.Area is { } area)
            {
                Line(w, 2, $"  area: {Quote(area.Value)}");
            }
        }

        if (mediation.Mediators.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 1, "mediators:");
        for (var mi = 0; mi < mediation.Mediators.Length; mi++)
        {
            var m = mediation.Mediators[mi];
            Line(w, 2, $"- id: {Quote(m.Id.Value)}");
            WriteProvenance(w, 2, "  ", of(Inv($"mediation.mediators[{mi}]")));
            Line(w, 2, $"  name: {Quote(m.Name)}");
            Line(w, 2, $"  body: {Quote(m.Body.Value)}");
            if (!m.Specialties.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  specialties: [{string.Join(", ", m.Specialties.Select(t => Quote(t.Key)))}]");
            }

            if (!m.Languages.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  languages: [{string.Join(", ", m.Languages.Select(Quote))}]");
            }

            Line(w, 2, $"  station: {KebabNames.Of(m.Station)}");
            if (!m.RotaDays.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  rota: [{string.Join(", ", m.RotaDays.Select(d => KebabNames.Of(d)))}]");
            }

            Line(w, 2, $"  capacity: {m.Capacity.ToString(CultureInfo.InvariantCulture)}");
            Line(w, 2, $"  remote: {(m.Remote ? "true" : "false")}");
            if (!m.DeclaredRelations.IsDefaultOrEmpty)
            {
                Line(w, 2, $"  relations: [{string.Join(", ", m.DeclaredRelations.Select(Quote))}]");
            }
        }
    }

    private static void WriteRules(StringBuilder w, EscalationRulesProfile rules, HandOffRulesProfile handOffs, Func<string, ProvenanceEntry?> of)
    {
        var levels = rules.Levels ?? System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;
        var escalation = !(rules.Rows.IsDefaultOrEmpty && rules.Disable.IsDefaultOrEmpty && levels.IsEmpty && rules.RepeatThreshold is null);
        if (!escalation && handOffs.IsEmpty)
        {
            return;
        }

        Line(w, 0, "rules:");
        if (escalation)
        {
            Line(w, 1, "escalation:");
            if (!levels.IsEmpty)
            {
                Line(w, 2, "levels:");
                foreach (var key in EscalationRulesProfile.LevelKeys.Where(levels.ContainsKey))
                {
                    Line(w, 3, $"{key}: {Quote(levels[key])}");
                }

                WriteProvenance(w, 3, "", of("rules.escalation.levels"));
            }

            if (rules.RepeatThreshold is { } threshold)
            {
                Line(w, 2, $"repeat-threshold: {threshold.ToString(CultureInfo.InvariantCulture)}");
            }

            WriteTableLayer(w, rules.Disable, rules.Rows, "rules.escalation.rows", of);
        }

        if (!handOffs.IsEmpty)
        {
            Line(w, 1, "hand-offs:");
            WriteTableLayer(w, handOffs.Disable, handOffs.Rows, "rules.hand-offs.rows", of);
        }
    }

    private static void WriteTableLayer(
        StringBuilder w,
        System.Collections.Immutable.ImmutableArray<string> disable,
        System.Collections.Immutable.ImmutableArray<Fengqiao.Rules.Tables.DecisionRow> rows,
        string path,
        Func<string, ProvenanceEntry?> of)
    {
        if (!disable.IsDefaultOrEmpty)
        {
            Line(w, 2, $"disable: [{string.Join(", ", disable.Select(Quote))}]");
        }

        if (rows.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 2, "rows:");
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            Line(w, 3, $"- id: {Quote(row.Id)}");
            WriteProvenance(w, 3, "  ", of(Inv($"{path}[{i}]")));
            Line(w, 3, $"  description: {Quote(row.Description)}");
            Line(w, 3, $"  salience: {row.Salience.ToString(CultureInfo.InvariantCulture)}");
            Line(w, 3, "  when:");
            WriteCondition(w, 5, row.Condition);
            Line(w, 3, "  then:");
            Line(w, 5, $"target: {Quote(row.Action.Target)}");
            foreach (var (key, value) in row.Action.ParameterList)
            {
                Line(w, 5, $"{key}: {Quote(value)}");
            }
        }
    }

    private static void WriteCondition(StringBuilder w, int indent, Fengqiao.Rules.Tables.TableCondition condition)
    {
        if (condition.Kind is Fengqiao.Rules.Tables.TableConditionKind.All or Fengqiao.Rules.Tables.TableConditionKind.Any)
        {
            Line(w, indent, condition.Kind == Fengqiao.Rules.Tables.TableConditionKind.All ? "all:" : "any:");
            foreach (var child in condition.Children)
            {
                var sb = new StringBuilder();
                WriteCondition(sb, 0, child);
                var lines = sb.ToString().TrimEnd('\n').Split('\n');
                Line(w, indent + 1, "- " + lines[0]);
                foreach (var line in lines.Skip(1))
                {
                    Line(w, indent + 1, "  " + line);
                }
            }

            return;
        }

        Line(w, indent, $"field: {Quote(condition.Field!)}");
        Line(w, indent, $"op: {Quote(CountyProfileLoader.OperatorName(condition.Operator))}");
        Line(w, indent, $"values: [{string.Join(", ", condition.Values.Select(Quote))}]");
    }

    private static void WriteDates(StringBuilder w, string key, System.Collections.Immutable.ImmutableArray<DateOverride> dates)
    {
        if (dates.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 1, $"{key}:");
        foreach (var date in dates)
        {
            Line(w, 2, $"- date: {LocalDatePattern.Iso.Format(date.Date)}");
            Line(w, 2, $"  reason: {Quote(date.Reason)}");
        }
    }

    /// <summary>Treats an uninitialised (default) array in a hand-built profile as empty rather than failing.</summary>
    private static System.Collections.Immutable.ImmutableArray<T> Items<T>(System.Collections.Immutable.ImmutableArray<T> items) =>
        items.IsDefault ? [] : items;

    /// <summary>Renders a <c>simulation:</c> section alone (as <c>fengqiao simulate --calibrate</c> writes it into a copy
    /// of a profile): every field, defaults included, so the section reads as the whole behaviour of the county.</summary>
    /// <param name="simulation">The behaviour.</param>
    /// <param name="provenance">The section's <c>source:</c> or <c>assumption:</c>, or null for none.</param>
    /// <returns>YAML text starting with the line <c>simulation:</c> and ending with a newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    /// <remarks>Stateless; safe to call concurrently.</remarks>
    internal static string WriteSimulation(SimulationProfile simulation, ProvenanceEntry? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var w = new StringBuilder();
        WriteSimulationSection(w, simulation, provenance);
        return w.ToString();
    }

    private static void WriteSimulationSection(StringBuilder w, SimulationProfile s, ProvenanceEntry? provenance, ProvenanceEntry? textsProvenance = null)
    {
        static string N(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        Line(w, 0, "simulation:");
        WriteProvenance(w, 1, "", provenance);
        if (s.ReportsPerDay is { } perDay)
        {
            Line(w, 1, Inv($"reports-per-day: {perDay}"));
        }

        Line(w, 1, $"answer-share-of-limit: {N(s.AnswerShareOfLimit)}");
        Line(w, 1, $"mediation-days: {N(s.MediationDays)}");
        Line(w, 1, "satisfaction:");
        Line(w, 2, $"satisfied: {N(s.Satisfied)}");
        Line(w, 2, $"basically-satisfied: {N(s.BasicallySatisfied)}");
        Line(w, 2, $"late-factor: {N(s.LateSatisfactionFactor)}");
        Line(w, 2, $"failed-mediation-factor: {N(s.FailedMediationSatisfactionFactor)}");
        Line(w, 1, "mediation-success:");
        Line(w, 2, $"default: {N(s.MediationSuccess)}");
        foreach (var (kind, share) in s.MediationSuccessByBody.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Line(w, 2, $"{kind}: {N(share)}");
        }

        foreach (var (key, get, _) in CountyProfileLoader.SimulationShares)
        {
            Line(w, 1, $"{key}: {N(get(s))}");
        }

        foreach (var (key, _, _, _, get, _) in CountyProfileLoader.SimulationNumbers)
        {
            Line(w, 1, $"{key}: {N(get(s))}");
        }

        if (!s.Origins.IsEmpty)
        {
            Line(w, 1, "origins:");
            foreach (var key in SimulationProfile.OriginKeys.Where(s.Origins.ContainsKey))
            {
                Line(w, 2, $"{key}: {N(s.Origins[key])}");
            }
        }

        if (s.SimpleTier > 0 || s.DifficultTier > 0)
        {
            Line(w, 1, "tiers:");
            Line(w, 2, $"simple: {N(s.SimpleTier)}");
            Line(w, 2, $"difficult: {N(s.DifficultTier)}");
            Line(w, 2, $"difficult-factor: {N(s.DifficultFactor)}");
        }

        var texts = s.Texts;
        if (!texts.Employers.IsDefaultOrEmpty || !texts.IsNone)
        {
            Line(w, 1, "texts:");
            WriteProvenance(w, 2, "", textsProvenance);
            if (!texts.Employers.IsDefaultOrEmpty)
            {
                Line(w, 2, $"employers: [{string.Join(", ", texts.Employers.Select(Quote))}]");
            }

            foreach (var (key, shares) in new[] { ("employer-share", texts.EmployerShare), ("threat-share", texts.ThreatShare), ("returning", texts.Returning) })
            {
                if (!shares.IsEmpty)
                {
                    Line(w, 2, $"{key}: {{ {string.Join(", ", shares.Select(p => $"{p.Key}: {N(p.Value)}"))} }}");
                }
            }
        }
    }

    private static void WritePublished(StringBuilder w, System.Collections.Immutable.ImmutableArray<PublishedFigure> published, Func<string, ProvenanceEntry?> of)
    {
        if (published.IsDefaultOrEmpty)
        {
            return;
        }

        Line(w, 0, "published:");
        for (var i = 0; i < published.Length; i++)
        {
            var p = published[i];
            Line(w, 1, $"- key: {p.Key}");
            Line(w, 1, $"  value: {p.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}");
            Line(w, 1, $"  quote: {Quote(p.Quote)}");
            Line(w, 1, $"  date: {Quote(p.Date)}");
            if (p.PeriodDays is { } days)
            {
                Line(w, 1, Inv($"  period-days: {days}"));
            }

            if (p.AtLeast)
            {
                Line(w, 1, "  at-least: true");
            }

            WriteProvenance(w, 1, "  ", of(Inv($"published[{i}]")));
        }
    }

    private static void WriteProvenance(StringBuilder w, int indent, string prefix, ProvenanceEntry? provenance)
    {
        if (provenance?.Source is { } source)
        {
            Line(w, indent, $"{prefix}source: {Quote(source)}");
        }
        else if (provenance?.Assumption is { } assumption)
        {
            Line(w, indent, $"{prefix}assumption: {Quote(assumption)}");
        }
    }

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);

    private static void Line(StringBuilder w, int indent, string text) =>
        w.Append(' ', indent * 2).Append(text).Append('\n');

    /// <summary>Double-quotes a value, escaping as YAML requires, so no value is ever read as another type.</summary>
    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}

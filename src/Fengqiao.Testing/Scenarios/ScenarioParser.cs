using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fengqiao.Testing;

/// <summary>Reads scenario YAML into checked steps; every problem is a <see cref="ScenarioFormatException"/> at the node's mark.</summary>
internal sealed class ScenarioParser
{
    private static readonly LocalDateTimePattern[] DateTimePatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
    ];

    private static readonly ImmutableDictionary<string, CaseTrigger> Aliases = new Dictionary<string, CaseTrigger>(StringComparer.Ordinal)
    {
        ["answer"] = CaseTrigger.Resolve,
        ["callback"] = CaseTrigger.CallBack,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private static readonly string[] TopKeys = ["name", "profile", "start", "steps"];
    private static readonly string[] ReportKeys = ["case", "category", "unit", "channel", "phone", "name", "text", "priority", "address", "by", "reference", "joins", "refused", "reason-contains", "tier"];
    private static readonly string[] ActKeys = ["case", "action", "by", "unit", "to", "level", "text", "reason", "rating", "as", "into", "limit", "departments", "grade", "refused", "reason-contains"];
    private static readonly string[] ExpectKeys = ["case", "state", "holder", "level", "rule", "due", "unit-due", "events-include", "hand-off", "supervised-by", "worker", "post", "scores", "written-reports"];

    // The desk-call steps that are not lifecycle triggers, as a table: each step's keys (in the order its error message
    // lists them) and which of them it requires. One reader (Fields) checks and reads them all the same way.
    private static readonly StepShape HandOverShape = new("hand-over", ["case", "by", "unit", "post", "text", "refused", "reason-contains"], ["by", "post"]);
    private static readonly StepShape ScoreShape = new("score", ["case", "by", "unit", "score", "text", "refused", "reason-contains"], ["by", "score"]);
    private static readonly StepShape WrittenReportShape = new("written-report", ["case", "by", "unit", "to", "text", "refused", "reason-contains"], ["by", "to", "text"]);
    private const string StepNames = "report, act, hand-over, score, written-report, advance, sweep or expect";

    private readonly string file;
    private readonly HashSet<string> cases = new(StringComparer.Ordinal);

    private ScenarioParser(string file) => this.file = file;

    /// <summary>Gets every action name a scenario accepts (trigger names in kebab case and the aliases).</summary>
    public static IEnumerable<string> ActionNames => DeskAction.Triggers.Select(DeskAction.NameOf).Concat(Aliases.Keys).Order(StringComparer.Ordinal);

    public static CountyScenario Parse(string yaml, string file, string baseDirectory)
    {
        var parser = new ScenarioParser(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ScenarioFormatException(file, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {Clean(e.Message)}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioFormatException(file, 1, 1, "a scenario is a mapping with 'profile', 'start' and 'steps'.");
        }

        return parser.Read(root, baseDirectory);
    }

    private static string Clean(string message) => message.ReplaceLineEndings(" ").Trim();

    private CountyScenario Read(YamlMappingNode root, string baseDirectory)
    {
        CheckKeys(root, TopKeys, "a scenario");
        var profileNode = Required(root, "profile", "the scenario");
        var profileText = Scalar(profileNode, "profile");
        var profilePath = Path.GetFullPath(Path.Combine(baseDirectory, profileText));
        CountyProfile profile;
        try
        {
            profile = CountyProfileLoader.LoadFile(profilePath);
        }
        catch (ProfileLoadException e)
        {
            throw Fail(profileNode, $"profile '{profileText}' does not load: {string.Join("; ", e.Problems.Take(3))}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(profileNode, $"profile '{profileText}' cannot be read ({profilePath}): {e.Message}", e);
        }

        var start = root.Children.TryGetValue(new YamlScalarNode("start"), out var startNode)
            ? DateTime(startNode, "start")
            : TestCountyOptions.DefaultStart;
        var name = root.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode)
            ? Scalar(nameNode, "name")
            : Path.GetFileNameWithoutExtension(file);
        if (Required(root, "steps", "the scenario") is not YamlSequenceNode stepsNode || stepsNode.Children.Count == 0)
        {
            throw Fail(root["steps"], $"'steps' must be a non-empty list of steps ({StepNames}).");
        }

        var steps = ImmutableArray.CreateBuilder<ScenarioStep>(stepsNode.Children.Count);
        foreach (var node in stepsNode.Children)
        {
            steps.Add(Step(steps.Count, node));
        }

        return new CountyScenario(file, name, profilePath, profile, start, steps.MoveToImmutable());
    }

    private ScenarioStep Step(int index, YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count != 1)
        {
            throw Fail(node, $"a step is a mapping with one key: {StepNames}.");
        }

        var (keyNode, value) = map.Children.First();
        var key = ((YamlScalarNode)keyNode).Value ?? "";
        var text = $"{key}: {Flow(value)}";
        ScenarioStepBody body;
        ScenarioStepKind kind;
        switch (key)
        {
            case "report":
                kind = ScenarioStepKind.Report;
                body = Report(Mapping(value, key));
                break;
            case "act":
                kind = ScenarioStepKind.Act;
                body = Act(Mapping(value, key));
                break;
            case "hand-over":
                kind = ScenarioStepKind.HandOver;
                body = HandOver(Mapping(value, key));
                break;
            case "score":
                kind = ScenarioStepKind.Score;
                body = Score(Mapping(value, key));
                break;
            case "written-report":
                kind = ScenarioStepKind.WrittenReport;
                body = WrittenReport(Mapping(value, key));
                break;
            case "advance":
                kind = ScenarioStepKind.Advance;
                body = Advance(value);
                break;
            case "sweep":
                kind = ScenarioStepKind.Sweep;
                if (value is YamlMappingNode { Children.Count: > 0 } || value is YamlScalarNode { Value: { Length: > 0 } })
                {
                    throw Fail(value, "'sweep' takes no arguments: write 'sweep: {}'.");
                }

                body = new SweepStepBody();
                break;
            case "expect":
                kind = ScenarioStepKind.Expect;
                body = Expect(Mapping(value, key));
                break;
            default:
                throw Fail(keyNode, $"unknown step '{key}'; a step is one of {StepNames}.");
        }

        return new ScenarioStep(index, file, (int)node.Start.Line, (int)node.Start.Column, kind, text, body);
    }

    private ReportStepBody Report(YamlMappingNode map)
    {
        CheckKeys(map, ReportKeys, "'report'");
        var caseNode = Required(map, "case", "'report'");
        var caseName = Scalar(caseNode, "case");
        if (!cases.Add(caseName))
        {
            throw Fail(caseNode, $"case '{caseName}' is already reported; give each report its own name (use 'joins: {caseName}' to expect a duplicate).");
        }

        var joins = Optional(map, "joins");
        if (joins is not null && !cases.Contains(joins))
        {
            throw Fail(map["joins"], $"'joins' names case '{joins}', which no earlier step reports.");
        }

        var channelNode = Required(map, "channel", "'report'");
        CaseChannel channel;
        try
        {
            channel = CaseChannels.Parse(Scalar(channelNode, "channel"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Fail(channelNode, $"'channel': {e.Message}", e);
        }

        var priority = CasePriority.Normal;
        if (map.Children.TryGetValue(new YamlScalarNode("priority"), out var priorityNode))
        {
            priority = Enumerated<CasePriority>(priorityNode, "priority");
        }

        var reporterName = Optional(map, "name");
        var phone = Optional(map, "phone");
        var reporter = reporterName is null && phone is null ? Reporter.Anonymous : new Reporter(reporterName ?? "匿名", phone);
        var report = new CaseReport(
            channel,
            new CaseCategory(Scalar(Required(map, "category", "'report'"), "category")),
            priority,
            new CaseLocation(new OrgUnitId(Scalar(Required(map, "unit", "'report'"), "unit")), Optional(map, "address")),
            reporter,
            Optional(map, "text") ?? "",
            Optional(map, "reference"))
        {
            // The complexity tier the registering acceptor gives (简单/复杂/疑难); without it a profile's tiers: rule may give one.
            Tier = map.Children.TryGetValue(new YamlScalarNode("tier"), out var tierNode) ? Enumerated<CaseTier>(tierNode, "tier") : null,
        };
        var (refused, reason) = Refusal(map);
        return new ReportStepBody(caseName, report, Optional(map, "by"), joins, refused, reason);
    }

    private ActStepBody Act(YamlMappingNode map)
    {
        CheckKeys(map, ActKeys, "'act'");
        var caseName = KnownCase(map);
        var actionNode = Required(map, "action", "'act'");
        var action = Scalar(actionNode, "action");
        if (!Aliases.TryGetValue(action, out var trigger) && !DeskAction.TryParseName(action, out trigger))
        {
            throw Fail(actionNode, $"unknown action '{action}'; actions are {string.Join(", ", ActionNames)}.");
        }

        var by = Optional(map, "by");
        var @as = Optional(map, "as");
        if (@as is not null && @as != "citizen" && !@as.StartsWith("deputy:", StringComparison.Ordinal))
        {
            throw Fail(map["as"], $"'as' is 'citizen' or 'deputy:<member id>', not '{@as}'.");
        }

        if (by is null && @as is null)
        {
            throw Fail(map, $"'act' needs 'by' (a member id, or citizen){(trigger == CaseTrigger.Rate ? " or 'as'" : "")}.");
        }

        var to = Optional(map, "to");
        var level = Optional(map, "level");
        var into = Optional(map, "into");
        var rating = CaseRating.Satisfied;
        if (trigger == CaseTrigger.Rate)
        {
            var ratingNode = Required(map, "rating", "'rate'");
            rating = Scalar(ratingNode, "rating") switch
            {
                "satisfied" => CaseRating.Satisfied,
                "basic" or "basically-satisfied" => CaseRating.BasicallySatisfied,
                "unsatisfied" => CaseRating.Unsatisfied,
                var other => throw Fail(ratingNode, $"'rating' is satisfied, basic or unsatisfied, not '{other}'."),
            };
        }

        switch (trigger)
        {
            case CaseTrigger.Dispatch or CaseTrigger.HandOff when to is null:
                throw Fail(map, $"'{action}' needs 'to' (a unit id).");
            case CaseTrigger.Escalate when to is null && level is null:
                throw Fail(map, "'escalate' needs 'to' (a unit id) or 'level' (a ladder level key).");
            case CaseTrigger.Merge when into is null:
                throw Fail(map, "'merge' needs 'into' (the case it merges into).");
            case CaseTrigger.Merge when !cases.Contains(into!):
                throw Fail(map["into"], $"'into' names case '{into}', which no earlier step reports.");
        }

        TimeLimit? limit = null;
        if (map.Children.TryGetValue(new YamlScalarNode("limit"), out var limitNode))
        {
            limit = Limit(limitNode, "limit");
        }

        var departments = ImmutableArray<string>.Empty;
        if (map.Children.TryGetValue(new YamlScalarNode("departments"), out var departmentsNode))
        {
            departments = List(departmentsNode, "departments");
        }

        if (trigger == CaseTrigger.Summon && departments.IsEmpty && to is null)
        {
            throw Fail(map, "'summon' needs 'departments' (a list of unit ids).");
        }

        if (trigger == CaseTrigger.ReportIn && to is null)
        {
            throw Fail(map, "'report-in' needs 'to' (the department reporting in).");
        }

        // A tracked supervision (督办 with a target and a limit, e.g. a deputy's 监督调度) names both; a plain one neither.
        if (trigger == CaseTrigger.Supervise && (to is null) != (limit is null))
        {
            throw Fail(map, "a tracked 'supervise' needs both 'to' (the unit pressed) and 'limit'; a plain one takes neither.");
        }

        CaseSupervisionGrade? grade = null;
        if (map.Children.TryGetValue(new YamlScalarNode("grade"), out var gradeNode))
        {
            if (trigger != CaseTrigger.Supervise || to is null)
            {
                throw Fail(gradeNode, "'grade' goes with a tracked 'supervise' (with 'to' and 'limit').");
            }

            grade = Enumerated<CaseSupervisionGrade>(gradeNode, "grade");
        }

        var (refused, reason) = Refusal(map);
        return new ActStepBody(
            caseName, action, trigger, by ?? @as!, Optional(map, "unit"), to, level, Optional(map, "text") ?? Optional(map, "reason"),
            rating, @as, into, limit, departments, refused, reason)
        {
            Grade = grade,
        };
    }

    private HandOverStepBody HandOver(YamlMappingNode map)
    {
        var f = Fields(map, HandOverShape);
        return new HandOverStepBody(f.Case, f["by"], f.Optional("unit"), f["post"], f.Optional("text"), f.Refused, f.Reason);
    }

    private ScoreStepBody Score(YamlMappingNode map)
    {
        var f = Fields(map, ScoreShape);
        var text = f["score"];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            || score < Fengqiao.Cases.Events.CaseDeputyScored.MinScore || score > Fengqiao.Cases.Events.CaseDeputyScored.MaxScore)
        {
            throw Fail(f.Node("score"), $"'score' is a whole number from {Fengqiao.Cases.Events.CaseDeputyScored.MinScore} to {Fengqiao.Cases.Events.CaseDeputyScored.MaxScore}, not '{text}'.");
        }

        return new ScoreStepBody(f.Case, f["by"], f.Optional("unit"), score, f.Optional("text"), f.Refused, f.Reason);
    }

    private WrittenReportStepBody WrittenReport(YamlMappingNode map)
    {
        var f = Fields(map, WrittenReportShape);
        return new WrittenReportStepBody(f.Case, f["by"], f.Optional("unit"), f["to"], f["text"], f.Refused, f.Reason);
    }

    /// <summary>Reads a step by its shape: unknown keys refused (naming the keys it takes), the case known, every required
    /// key present and a non-empty text value (in the table's order, so the first one missing is named), and the refusal
    /// keys; each problem at its node's line and column.</summary>
    private StepFields Fields(YamlMappingNode map, StepShape shape)
    {
        var owner = $"'{shape.Name}'";
        CheckKeys(map, shape.Keys, owner);
        var caseName = KnownCase(map);
        var required = new Dictionary<string, (YamlNode Node, string Text)>(StringComparer.Ordinal);
        foreach (var key in shape.Required)
        {
            var node = Required(map, key, owner);
            required[key] = (node, Scalar(node, key));
        }

        var (refused, reason) = Refusal(map);
        return new StepFields(caseName, required, key => Optional(map, key), refused, reason);
    }

    /// <summary>A step's keys in the order its messages list them, and those it requires.</summary>
    private sealed record StepShape(string Name, string[] Keys, string[] Required);

    /// <summary>A step's fields as <see cref="Fields"/> read them.</summary>
    private sealed class StepFields(string caseName, Dictionary<string, (YamlNode Node, string Text)> required, Func<string, string?> optional, bool refused, string? reason)
    {
        public string Case => caseName;

        public bool Refused => refused;

        public string? Reason => reason;

        /// <summary>A required key's text (the table guarantees it was read).</summary>
        public string this[string key] => required[key].Text;

        public YamlNode Node(string key) => required[key].Node;

        public string? Optional(string key) => optional(key);
    }

    private AdvanceStepBody Advance(YamlNode value)
    {
        if (value is YamlScalarNode)
        {
            return new AdvanceStepBody(Limit(value, "advance"), null);
        }

        var map = Mapping(value, "advance");
        CheckKeys(map, ["to"], "'advance'");
        return new AdvanceStepBody(null, DateTime(Required(map, "to", "'advance'"), "to"));
    }

    private ExpectStepBody Expect(YamlMappingNode map)
    {
        CheckKeys(map, ExpectKeys, "'expect'");
        if (map.Children.Count < 2)
        {
            throw Fail(map, $"'expect' needs 'case' and at least one of {string.Join(", ", ExpectKeys.Skip(1))}.");
        }

        var caseName = KnownCase(map);
        CaseState? state = map.Children.TryGetValue(new YamlScalarNode("state"), out var stateNode) ? Enumerated<CaseState>(stateNode, "state") : null;
        var events = map.Children.TryGetValue(new YamlScalarNode("events-include"), out var eventsNode) ? List(eventsNode, "events-include") : default;
        HandOffExpectation? handOff = null;
        if (map.Children.TryGetValue(new YamlScalarNode("hand-off"), out var handOffNode))
        {
            if (handOffNode is YamlScalarNode { Value: "none" })
            {
                handOff = new HandOffExpectation(null, null, None: true);
            }
            else
            {
                var h = Mapping(handOffNode, "hand-off");
                CheckKeys(h, ["purpose", "body"], "'hand-off'");
                handOff = new HandOffExpectation(Optional(h, "purpose"), Optional(h, "body"), None: false);
                if (handOff.Purpose is null && handOff.Body is null)
                {
                    throw Fail(h, "'hand-off' needs 'purpose', 'body' or both (or write 'hand-off: none').");
                }
            }
        }

        return new ExpectStepBody(
            caseName,
            state,
            Optional(map, "holder"),
            Optional(map, "level"),
            Optional(map, "rule"),
            Due(map, "due"),
            Due(map, "unit-due"),
            events,
            handOff,
            Optional(map, "supervised-by"),
            Optional(map, "worker"))
        {
            Post = Optional(map, "post"),
            Scores = map.Children.TryGetValue(new YamlScalarNode("scores"), out var scoresNode) ? Numbers(scoresNode, "scores") : default,
            WrittenReports = map.Children.TryGetValue(new YamlScalarNode("written-reports"), out var reportsNode) ? Units(reportsNode, "written-reports") : default,
        };
    }

    // A list that may be empty ('[]': none expected).
    private ImmutableArray<string> Units(YamlNode node, string key) =>
        node is YamlSequenceNode { Children.Count: 0 } ? [] : List(node, key);

    private ImmutableArray<int> Numbers(YamlNode node, string key)
    {
        var numbers = ImmutableArray.CreateBuilder<int>();
        foreach (var item in node is YamlSequenceNode sequence ? sequence.Children : [node])
        {
            var text = Scalar(item, key);
            numbers.Add(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw Fail(item, $"'{key}' is a list of whole numbers, not '{text}'."));
        }

        return numbers.ToImmutable();
    }

    private DueExpectation? Due(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: "none" })
        {
            return new DueExpectation(null, null, None: true);
        }

        if (node is YamlScalarNode)
        {
            return new DueExpectation(DateTime(node, key), null, None: false);
        }

        var m = Mapping(node, key);
        CheckKeys(m, ["at", "provisional"], $"'{key}'");
        LocalDateTime? at = m.Children.TryGetValue(new YamlScalarNode("at"), out var atNode) ? DateTime(atNode, "at") : null;
        bool? provisional = m.Children.TryGetValue(new YamlScalarNode("provisional"), out var p) ? Bool(p, "provisional") : null;
        if (at is null && provisional is null)
        {
            throw Fail(m, $"'{key}' is a local date-time, 'none', or {{at: …, provisional: true|false}}.");
        }

        return new DueExpectation(at, provisional, None: false);
    }

    private string KnownCase(YamlMappingNode map)
    {
        var node = Required(map, "case", "the step");
        var name = Scalar(node, "case");
        if (!cases.Contains(name))
        {
            throw Fail(node, $"case '{name}' is not reported by an earlier step.");
        }

        return name;
    }

    private (bool Refused, string? Reason) Refusal(YamlMappingNode map)
    {
        var refused = map.Children.TryGetValue(new YamlScalarNode("refused"), out var node) && Bool(node, "refused");
        var reason = Optional(map, "reason-contains");
        if (reason is not null && !refused)
        {
            throw Fail(map["reason-contains"], "'reason-contains' goes with 'refused: true'.");
        }

        return (refused, reason);
    }

    private T Enumerated<T>(YamlNode node, string key)
        where T : struct, Enum
    {
        var text = Scalar(node, key);
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(ScenarioNames.Kebab(value.ToString()), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw Fail(node, $"'{key}' is one of {string.Join(", ", Enum.GetValues<T>().Select(v => ScenarioNames.Kebab(v.ToString())))}, not '{text}'.");
    }

    private TimeLimit Limit(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        try
        {
            return TimeLimit.Parse(text);
        }
        catch (FormatException e)
        {
            throw Fail(node, $"'{key}' is not a time limit ('4 working days', '2 hours', '15日'): {e.Message}", e);
        }
    }

    private LocalDateTime DateTime(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        foreach (var pattern in DateTimePatterns)
        {
            if (pattern.Parse(text) is { Success: true } result)
            {
                return result.Value;
            }
        }

        throw Fail(node, $"'{key}' is a local date-time like 2025-11-03T09:00, not '{text}'.");
    }

    private bool Bool(YamlNode node, string key) => Scalar(node, key) switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        var other => throw Fail(node, $"'{key}' is true or false, not '{other}'."),
    };

    private ImmutableArray<string> List(YamlNode node, string key)
    {
        if (node is YamlScalarNode)
        {
            return [Scalar(node, key)];
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            throw Fail(node, $"'{key}' is a non-empty list.");
        }

        return [.. sequence.Children.Select(c => Scalar(c, key))];
    }

    private string? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Scalar(node, key) : null;

    private YamlNode Required(YamlMappingNode map, string key, string owner) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : throw Fail(map, $"{owner} needs '{key}'.");

    private string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Fail(node, $"'{key}' must be a non-empty text value.");

    private YamlMappingNode Mapping(YamlNode node, string key) =>
        node as YamlMappingNode ?? throw Fail(node, $"'{key}' takes a mapping such as {{case: c1, …}}.");

    private void CheckKeys(YamlMappingNode map, string[] allowed, string owner)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Fail(key, $"unknown key '{name}' in {owner}; it takes {string.Join(", ", allowed)}.");
            }
        }
    }

    private ScenarioFormatException Fail(YamlNode node, string problem, Exception? inner = null) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, problem, inner);

    private static string Flow(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode s:
                var v = s.Value ?? "";
                return v.Length == 0 || v.Contains(',', StringComparison.Ordinal) || v.Contains(':', StringComparison.Ordinal) && !char.IsDigit(v[0])
                    ? $"\"{v}\""
                    : v;
            case YamlSequenceNode q:
                return "[" + string.Join(", ", q.Children.Select(Flow)) + "]";
            case YamlMappingNode m:
                var builder = new StringBuilder("{");
                foreach (var (k, child) in m.Children)
                {
                    if (builder.Length > 1)
                    {
                        builder.Append(", ");
                    }

                    builder.Append(Flow(k)).Append(": ").Append(Flow(child));
                }

                return builder.Append('}').ToString();
            default:
                return node.ToString() ?? "";
        }
    }
}

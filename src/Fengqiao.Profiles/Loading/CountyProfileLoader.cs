using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Profiles.Loading;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fengqiao.Profiles;

/// <summary>Loads county profiles from YAML. Loading never half-succeeds: every problem is reported at once.</summary>
/// <remarks>
/// <para>Each problem names the file, line and column and what was expected: an unknown field (with "did you
/// mean"), a bad time limit or time zone, a unit referenced but not defined, a cycle in the org tree, a ladder level
/// no unit serves at, overlapping working hours, an empty file, a YAML syntax error.</para>
/// <para>The field names and their meaning are documented in <c>docs/profiles.md</c>; <see cref="CountyProfileWriter"/>
/// writes the same form back.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call concurrently.</threadsafety>
public static partial class CountyProfileLoader
{
    /// <summary>Loads a profile from a file.</summary>
    /// <param name="path">The YAML file.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileLoadException">The file is missing, unreadable or invalid; every problem is listed.</exception>
    public static CountyProfile LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? text;
        try
        {
            text = ReadBounded(path);
        }
        catch (DecoderFallbackException e)
        {
            throw new ProfileLoadException([new ProfileProblem(path, 0, 0, "", $"the file is not UTF-8 text: {e.Message}")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ProfileLoadException([new ProfileProblem(path, 0, 0, "", $"cannot read the file: {e.Message}")]);
        }

        if (text is null)
        {
            throw new ProfileLoadException([new ProfileProblem(path, 0, 0, "", TooLarge)]);
        }

        return Parse(text, path);
    }

    /// <summary>Loads a profile from YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="fileName">The name problems are reported under.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileLoadException">The text is invalid; every problem is listed.</exception>
    public static CountyProfile Parse(string yaml, string fileName = "<profile>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var sink = new ProblemSink(fileName ?? "<profile>");
        if (yaml.Length > ProfileLimits.MaxFileBytes)
        {
            sink.AddWholeFile(TooLarge);
            throw new ProfileLoadException(sink.Ordered());
        }

        var root = ReadYaml(yaml, sink);
        if (root is null)
        {
            throw new ProfileLoadException(sink.Ordered());
        }

        var profile = ReadProfile(new Node(root, "", sink, root.Start), sink);
        if (sink.HasProblems || profile is null)
        {
            throw new ProfileLoadException(sink.Ordered());
        }

        return profile;
    }

    private static YamlNode? ReadYaml(string yaml, ProblemSink sink)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            sink.AddWholeFile("the file is empty: a county profile needs at least 'name', 'time-zone' and 'org'");
            return null;
        }

        if (!ScanSyntax(yaml, sink))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            sink.Add(e.Start, "", $"YAML syntax error: {InnermostMessage(e)}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            sink.AddWholeFile("the file is empty: a county profile needs at least 'name', 'time-zone' and 'org'");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            sink.Add(stream.Documents[1].RootNode.Start, "", "a profile file holds one YAML document; found more");
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Reads the token stream once so a syntax error is reported where it is: YamlDotNet's document loader reports
    /// some malformed streams (an unclosed bracket) without a position.
    /// </summary>
    private static bool ScanSyntax(string yaml, ProblemSink sink)
    {
        var parser = new Parser(new StringReader(yaml));
        var lastGood = default(Mark);
        try
        {
            return ProfileLimits.Check(parser, sink, ref lastGood);
        }
        catch (YamlException e)
        {
            sink.Add(e.Start, "", $"YAML syntax error: {InnermostMessage(e)}");
        }
        catch (InvalidOperationException)
        {
            sink.Add(lastGood, "", "YAML syntax error: the text cannot be read past this point (an unclosed bracket, brace or quote?)");
        }

        return false;
    }

    private static readonly string TooLarge = string.Create(CultureInfo.InvariantCulture,
        $"the file is larger than {ProfileLimits.MaxFileBytes / 1024 / 1024} MiB, the limit for a county profile (is it the right file?)");

    /// <summary>Reads at most one byte more than the size limit, so a huge file or an endless one (<c>/dev/zero</c>)
    /// is refused after reading that much, never read whole.</summary>
    private static string? ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[ProfileLimits.MaxFileBytes + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read > ProfileLimits.MaxFileBytes)
        {
            return null;
        }

        // Strict UTF-8 (a byte-order mark may say UTF-16): a stray byte is a problem, never a silent U+FFFD.
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var reader = new StreamReader(new MemoryStream(buffer, 0, read, writable: false), strict, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string InnermostMessage(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    private static CountyProfile? ReadProfile(Node root, ProblemSink sink)
    {
        var map = root.Map();
        if (!map.IsPresent)
        {
            return null;
        }

        var name = map.Required("name", "the county's display name").RequiredText("the county's name");
        var zone = ReadZone(map.Required("time-zone", "a TZDB time zone such as Asia/Shanghai or Asia/Urumqi"));
        var hours = ReadHours(map.Optional("hours"));
        var calendar = ReadCalendar(map.Optional("calendar"));
        var channels = ReadChannels(map.Optional("channels"));
        var places = new Dictionary<OrgUnitId, (Node Id, Node Parent)>();
        var org = ReadOrg(map.Required("org", "the org tree: units, members, generated grids"), places);
        var ladderNode = map.Optional("ladder");
        var ladder = ReadLadder(ladderNode);
        var categories = ReadCategories(map.Optional("categories"));
        var seasons = ReadSeasons(map.Optional("seasons"));
        var tierRules = ReadTierRules(map.Optional("tiers"), categories);
        var sla = ReadSla(map.Optional("sla"), categories, name ?? "county", ladder);
        var orgIds = org is null ? [] : AllUnits(org).Select(u => u.Id.Value).ToHashSet(StringComparer.Ordinal);
        var mediation = ReadMediation(map.Optional("mediation"), id => orgIds.Contains(id.Value), orgIds);
        var rules = ReadRules(map.Optional("rules"), ladder, name ?? "county", out var handOffsNode);
        var handOffs = ReadHandOffs(handOffsNode, mediation, categories, name ?? "county");
        var routingNode = map.Optional("routing");
        var rowNodes = new List<Node>();
        var routing = ReadRouting(routingNode, orgIds, ladder, categories, rowNodes);
        var deputies = ReadDeputies(map.Optional("deputies"));
        var writtenReports = ReadWrittenReports(map.Optional("written-reports"), orgIds);
        var posts = ReadPosts(map.Optional("posts"), org);
        var stationed = ReadStationed(map.Optional("stationed"), org);
        var simulation = ReadSimulation(map.Optional("simulation"), categories);
        var published = ReadPublished(map.Optional("published"));
        var warnings = ReadWarnings(map.Optional("warnings"), org, categories);
        map.Done();

        if (org is not null)
        {
            CheckOrg(org, places, map.Optional("org"));
            if (ladder is not null && AllUnits(org).Any())
            {
                CheckLadder(ladder, org, ladderNode.IsMissing ? root : ladderNode, implicitDefault: ladderNode.IsMissing);
                if (!sink.HasProblems)
                {
                    CheckRouting(org, ladder, channels, categories, routing, routingNode, rowNodes, map.Optional("categories"), ladderNode.IsMissing ? root : ladderNode);
                }
            }
        }

        return name is null || zone is null || hours is null || calendar is null || org is null || ladder is null || sla is null
            ? null
            : new CountyProfile(name, zone, hours, calendar, channels, org, ladder, categories, sla, mediation, rules)
            {
                HandOffRules = handOffs,
                Routing = routing,
                DeputyScope = deputies.Scope,
                DeputiesSupervise = deputies.Supervise,
                WrittenReports = writtenReports,
                Posts = posts,
                Stationed = stationed,
                Simulation = simulation,
                Published = published,
                Warnings = warnings,
                Seasons = seasons,
                TierRules = tierRules,
                Provenance = [.. sink.Provenance.OrderBy(p => p.Line)],
            };
    }

    private static DateTimeZone? ReadZone(Node node)
    {
        if (node.Yaml is YamlMappingNode)
        {
            // The long form carries provenance: time-zone: { id: Asia/Urumqi, source: "…" }.
            var zoneMap = node.Map();
            var idNode = zoneMap.Required("id", "a TZDB time zone such as Asia/Shanghai or Asia/Urumqi");
            zoneMap.Provenance();
            zoneMap.Done();
            return idNode.IsMissing ? null : ReadZone(idNode);
        }

        var id = node.RequiredText("the time zone");
        if (id is null)
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
        {
            node.Problem($"unknown time zone '{id}'{Suggest.DidYouMean(id, DateTimeZoneProviders.Tzdb.Ids)}; use a TZDB id such as Asia/Shanghai or Asia/Urumqi");
        }

        return zone;
    }

    private static HoursProfile? ReadHours(Node node)
    {
        var map = node.Map();
        var defaultHours = WorkSchedule.Default;
        var defaultNode = map.Optional("default");
        if (!defaultNode.IsMissing && defaultNode.TryRead("working hours such as 09:00-12:00,13:30-17:30", WorkSchedule.Parse, out var parsed))
        {
            defaultHours = parsed;
        }

        var seasonal = ImmutableArray.CreateBuilder<SeasonalHours>();
        foreach (var item in map.Optional("seasonal").Items())
        {
            var season = item.Map();
            var fromOk = season.Required("from", "the day of the year, MM-dd").TryRead("a day of the year such as 05-01", t => AnnualDatePattern.Iso.Parse(t).GetValueOrThrow(), out var from);
            var hoursOk = season.Required("hours", "working hours").TryRead("working hours such as 09:00-12:00,13:30-17:30", WorkSchedule.Parse, out var seasonHours);
            season.Provenance();
            season.Done();
            if (fromOk && hoursOk)
            {
                seasonal.Add(new SeasonalHours(from, seasonHours!));
            }
        }

        var weekdays = ImmutableArray.CreateBuilder<KeyValuePair<IsoDayOfWeek, WorkSchedule>>();
        var weekdayMap = map.Optional("weekdays").Map();
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var dayNode = weekdayMap.Optional(KebabNames.Of(day));
            if (!dayNode.IsMissing && dayNode.TryRead("working hours such as 09:00-12:00", WorkSchedule.Parse, out var dayHours))
            {
                weekdays.Add(new(day, dayHours));
            }
        }

        weekdayMap.Done();
        map.Provenance();
        map.Done();
        return new HoursProfile(defaultHours, seasonal.ToImmutable(), weekdays.ToImmutable());
    }

    private static CalendarProfile? ReadCalendar(Node node)
    {
        var map = node.Map();
        var region = ChinaRegion.None;
        var regionNode = map.Optional("region");
        if (!regionNode.IsMissing)
        {
            regionNode.TryRead("a region", KebabNames.Parse<ChinaRegion>, out region);
        }

        // Projection is the default: a year the notice has not reached is a normal day at work, marked provisional.
        var strict = false;
        var strictNode = map.Optional("strict");
        if (!strictNode.IsMissing)
        {
            strictNode.TryRead("true or false", ParseBool, out strict);
        }

        var allowNode = map.Optional("allow-projection");
        if (!allowNode.IsMissing && allowNode.TryRead("true or false", ParseBool, out var allow))
        {
            if (!strictNode.IsMissing && allow == strict)
            {
                allowNode.Problem($"'allow-projection: {(allow ? "true" : "false")}' contradicts 'strict: {(strict ? "true" : "false")}'; write only 'strict'");
            }

            strict = !allow;
        }

        var through = 2035;
        var throughNode = map.Optional("projection-through");
        if (!throughNode.IsMissing)
        {
            throughNode.TryRead("a year from 2027 to 2035", t => ParseInt(t, 2027, 2035), out through);
        }

        var (noticeFiles, notices) = ReadNotices(map.Optional("notice-files"));
        var rest = ReadDates(map.Optional("extra-rest-days"));
        var work = ReadDates(map.Optional("extra-working-days"));
        map.Provenance();
        map.Done();
        return new CalendarProfile(region, !strict, through, rest, work) { NoticeFiles = noticeFiles, Notices = notices };
    }

    private static (ImmutableArray<string> Files, ImmutableArray<HolidayNotice> Notices) ReadNotices(Node node)
    {
        var files = ImmutableArray.CreateBuilder<string>();
        var notices = new List<(HolidayNotice Notice, Node Node)>();
        var profileFile = node.Sink.File;
        var folder = File.Exists(profileFile)
            ? Path.GetDirectoryName(Path.GetFullPath(profileFile)) ?? Directory.GetCurrentDirectory()
            : Directory.GetCurrentDirectory();
        foreach (var item in node.Items())
        {
            var name = item.RequiredText("a notice file such as 2027.csv");
            if (name is null)
            {
                continue;
            }

            files.Add(name);
            try
            {
                notices.Add((HolidayNotice.Load(Path.Combine(folder, name)), item));
            }
            catch (HolidayNoticeException e)
            {
                foreach (var problem in e.Problems)
                {
                    node.Sink.Add(problem.Line == 0
                        ? new ProfileProblem(profileFile, (int)item.Mark.Line, (int)item.Mark.Column, item.Path, $"{problem.Source}: {problem.Message}")
                        : new ProfileProblem(problem.Source, problem.Line, 1, item.Path, problem.Message));
                }
            }
        }

        var next = BusinessCalendar.ChinaNational.CoveredEnd.Year + 1;
        var seen = new Dictionary<int, string>();
        foreach (var (notice, item) in notices.OrderBy(n => n.Notice.Year))
        {
            if (seen.TryGetValue(notice.Year, out var other))
            {
                item.Problem($"{notice.Source} is a second notice for {notice.Year} (also {other}); list each year once");
                continue;
            }

            seen[notice.Year] = notice.Source;
            if (notice.Year > next)
            {
                item.Problem($"the notice for {notice.Year} ({notice.Source}) leaves {next} uncovered: add the {next} notice first");
            }

            next = Math.Max(next, notice.Year + 1);
        }

        return (files.ToImmutable(), [.. notices.Select(n => n.Notice).OrderBy(n => n.Year)]);
    }


    private static ImmutableArray<DateOverride> ReadDates(Node node)
    {
        var result = ImmutableArray.CreateBuilder<DateOverride>();
        foreach (var item in node.Items())
        {
            var map = item.Map();
            var dateOk = map.Required("date", "yyyy-MM-dd").TryRead("a date such as 2026-07-20", t => LocalDatePattern.Iso.Parse(t).GetValueOrThrow(), out var date);
            var reason = map.Required("reason", "why, for explanations").RequiredText("the reason");
            map.Done();
            if (dateOk && reason is not null)
            {
                result.Add(new DateOverride(date, reason));
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<CaseChannel> ReadChannels(Node node)
    {
        var result = ImmutableArray.CreateBuilder<CaseChannel>();
        foreach (var item in node.Items())
        {
            if (item.TryRead("a channel", CaseChannels.Parse, out var channel))
            {
                if (result.Contains(channel))
                {
                    item.Problem($"channel '{channel.Key()}' is listed twice");
                }

                result.Add(channel);
            }
        }

        return result.Count == 0 && node.IsMissing ? [.. Enum.GetValues<CaseChannel>()] : result.ToImmutable();
    }

    private static OrgProfile? ReadOrg(Node node, Dictionary<OrgUnitId, (Node Id, Node Parent)> places)
    {
        if (node.IsMissing)
        {
            return null;
        }

        var map = node.Map();
        var units = ImmutableArray.CreateBuilder<UnitProfile>();
        long unitCount = 0, memberCount = 0;
        foreach (var item in map.Optional("units").Items())
        {
            if (ReadUnit(item) is { } unit)
            {
                units.Add(unit);
                unitCount++;
                memberCount += unit.Members.IsDefault ? 0 : unit.Members.Length;
                var unitMap = item.Map();
                places.TryAdd(unit.Id, (unitMap.Optional("id"), unitMap.Optional("parent")));
            }
        }

        var generated = ImmutableArray.CreateBuilder<UnitGenerator>();
        var overLimit = false;
        foreach (var item in map.Optional("generate").Items())
        {
            if (ReadGenerator(item) is { } generator)
            {
                // Checked before expanding: one entry aliased many times would otherwise build millions of units.
                unitCount += generator.Count;
                memberCount += (long)generator.Count * (generator.Members.IsDefault ? 0 : generator.Members.Length);
                if (unitCount > ProfileLimits.MaxUnits || memberCount > ProfileLimits.MaxMembers)
                {
                    item.Problem(string.Create(CultureInfo.InvariantCulture,
                        $"with this entry the org tree would have {unitCount:N0} units and {memberCount:N0} members; a profile may have at most {ProfileLimits.MaxUnits:N0} units and {ProfileLimits.MaxMembers:N0} members (is one entry used many times through an alias?)"));
                    overLimit = true;
                    break;
                }

                generated.Add(generator);
                foreach (var unit in generator.Expand())
                {
                    places.TryAdd(unit.Id, (item, item.Map().Optional("parents")));
                }
            }
        }

        map.Done();
        if (units.Count == 0 && generated.Count == 0 && !overLimit)
        {
            node.Problem("the org tree has no units");
        }

        return new OrgProfile(units.ToImmutable(), generated.ToImmutable());
    }

    private static UnitProfile? ReadUnit(Node item)
    {
        var map = item.Map();
        var idOk = map.Required("id", "the unit id").TryRead("a unit id", t => new OrgUnitId(t), out var id);
        var name = map.Required("name", "the unit's display name").RequiredText("the unit's name");
        var kindOk = map.Required("kind", string.Join("|", KebabNames.All<OrgUnitKind>())).TryRead("a unit kind", KebabNames.Parse<OrgUnitKind>, out var kind);
        OrgUnitId? parent = null;
        var parentNode = map.Optional("parent");
        if (!parentNode.IsMissing && parentNode.TryRead("a unit id", t => new OrgUnitId(t), out var p))
        {
            parent = p;
        }

        var tags = ReadStrings(map.Optional("tags"));
        var members = ReadMembers(map.Optional("members"), patterns: false);
        map.Provenance();
        map.Done();
        return idOk && name is not null && kindOk ? new UnitProfile(id, name, kind, parent, tags, members) : null;
    }

    /// <summary>Reads a unit's members; for a generator (<paramref name="patterns"/>) ids and names may hold {n}.</summary>
    private static ImmutableArray<OrgMember> ReadMembers(Node node, bool patterns)
    {
        var members = ImmutableArray.CreateBuilder<OrgMember>();
        foreach (var memberNode in node.Items())
        {
            var m = memberNode.Map();
            var memberIdOk = m.Required("id", patterns ? "the member's actor id (a pattern with {n} gives each unit its own)" : "the member's actor id")
                .TryRead("an actor id", t => new ActorId(patterns ? MemberPattern(t) : t), out var memberId);
            var memberName = m.Required("name", "the member's name").RequiredText("the member's name");
            if (patterns && memberName is not null && !m.Optional("name").TryRead("a name, optionally with {n}", MemberPattern, out _))
            {
                memberName = null;
            }

            var roles = ReadStrings(m.Required("roles", "a list of roles such as worker, dispatcher, leader"))
                .Select(r => new MemberRole(r)).ToImmutableArray();
            if (roles.IsEmpty && !m.Optional("roles").IsMissing)
            {
                memberNode.Problem("a member needs at least one role");
            }

            m.Done();
            if (memberIdOk && memberName is not null)
            {
                members.Add(new OrgMember(memberId, memberName, roles));
            }
        }

        return members.ToImmutable();
    }

    private static string MemberPattern(string text)
    {
        if (text.Contains("{n", StringComparison.Ordinal))
        {
            _ = UnitGenerator.Format(text, 1);
        }

        return text;
    }

    private static UnitGenerator? ReadGenerator(Node item)
    {
        var map = item.Map();
        var idNode = map.Required("id", "an id pattern with {n}, e.g. grid-{n:000}");
        var idOk = idNode.TryRead("an id pattern with {n}", t => Pattern(t), out var idPattern);
        var nameOk = map.Required("name", "a name pattern with {n}, e.g. 第{n}网格").TryRead("a name pattern with {n}", t => Pattern(t), out var namePattern);
        var kindOk = map.Required("kind", string.Join("|", KebabNames.All<OrgUnitKind>())).TryRead("a unit kind", KebabNames.Parse<OrgUnitKind>, out var kind);
        var countOk = map.Required("count", "how many units").TryRead("a count from 1 to 100000", t => ParseInt(t, 1, 100_000), out var count);
        var parents = ReadStrings(map.Optional("parents")).Select(p => new OrgUnitId(p)).ToImmutableArray();
        var tags = ReadStrings(map.Optional("tags"));
        var members = ReadMembers(map.Optional("members"), patterns: true);
        map.Provenance();
        map.Done();
        return idOk && nameOk && kindOk && countOk ? new UnitGenerator(idPattern!, namePattern!, kind, count, parents, tags) { Members = members } : null;
    }

    private static string Pattern(string text)
    {
        _ = UnitGenerator.Format(text, 1);
        return text;
    }

    private static ImmutableArray<string> ReadStrings(Node node)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var item in node.Items())
        {
            if (item.RequiredText("a value") is { } text)
            {
                result.Add(text);
            }
        }

        return result.ToImmutable();
    }

    private static Ladder? ReadLadder(Node node)
    {
        if (node.IsMissing)
        {
            return BuiltInLadders.Default;
        }

        if (node.Yaml is YamlScalarNode)
        {
            node.TryRead($"a built-in ladder ({string.Join(", ", BuiltInLadders.All.Keys.Order(StringComparer.Ordinal))}) or a ladder definition", BuiltInLadders.Get, out var builtIn);
            return builtIn;
        }

        var map = node.Map();
        if (node.Yaml is YamlMappingNode ladderMapping && !ladderMapping.Children.ContainsKey(new YamlScalarNode("levels")))
        {
            // The long form of a built-in ladder carries provenance: ladder: { key: baiyin, source: "…" }.
            var builtInKey = map.Required("key", "the built-in ladder's key");
            map.Provenance();
            map.Done();
            Ladder? named = null;
            _ = !builtInKey.IsMissing && builtInKey.TryRead($"a built-in ladder ({string.Join(", ", BuiltInLadders.All.Keys.Order(StringComparer.Ordinal))}), or a definition with name and levels", BuiltInLadders.Get, out named);
            return named;
        }

        var key = map.Required("key", "the ladder's key").RequiredText("the ladder's key");
        var name = map.Required("name", "the ladder's display name").RequiredText("the ladder's name");
        var levels = new List<LadderLevel>();
        foreach (var item in map.Required("levels", "the levels, bottom first").Items())
        {
            var level = item.Map();
            var levelKey = level.Required("key", "the level key units are tagged with").RequiredText("the level's key");
            var levelName = level.Required("name", "the level's display name").RequiredText("the level's name");
            var kinds = ImmutableArray.CreateBuilder<OrgUnitKind>();
            foreach (var kindNode in level.Optional("kinds").Items())
            {
                if (kindNode.TryRead("a unit kind", KebabNames.Parse<OrgUnitKind>, out var kind))
                {
                    kinds.Add(kind);
                }
            }

            var reachableNode = level.Optional("reachable-from");
            var reachable = ImmutableArray.CreateBuilder<string>();
            foreach (var fromNode in reachableNode.Items())
            {
                if (fromNode.RequiredText("a lower level's key") is not { } fromKey)
                {
                    continue;
                }

                if (!levels.Any(l => l.Key == fromKey))
                {
                    fromNode.Problem($"'{fromKey}' is not a level below '{levelKey}'{Suggest.DidYouMean(fromKey, levels.Select(l => l.Key))}; reachable-from lists lower levels of this ladder whose holders may send a case straight here");
                    continue;
                }

                reachable.Add(fromKey);
            }

            level.Provenance();
            level.Done();
            if (levelKey is not null && levelName is not null)
            {
                levels.Add(new LadderLevel(levelKey, levelName, kinds.ToImmutable()) { ReachableFrom = reachable.ToImmutable() });
            }
        }

        map.Provenance();
        map.Done();
        if (key is null || name is null)
        {
            return null;
        }

        try
        {
            return new Ladder(key, name, levels);
        }
        catch (LadderDefinitionException e)
        {
            foreach (var problem in e.Problems)
            {
                node.Problem(problem);
            }

            return null;
        }
    }

    private static void CheckOrg(OrgProfile org, Dictionary<OrgUnitId, (Node Id, Node Parent)> places, Node orgNode)
    {
        var all = AllUnits(org).ToList();
        var ids = new HashSet<OrgUnitId>();
        var clean = true;
        foreach (var unit in all)
        {
            if (!ids.Add(unit.Id))
            {
                clean = false;
                orgNode.Problem($"unit '{unit.Id}' is defined more than once");
            }
        }

        foreach (var unit in all)
        {
            if (unit.Parent is { } parent && !ids.Contains(parent))
            {
                clean = false;
                var where = places.TryGetValue(unit.Id, out var place) && !place.Parent.IsMissing ? place.Parent : orgNode;
                where.Problem($"unit '{unit.Id}' names parent '{parent}', which is not defined{Suggest.DidYouMean(parent.Value, ids.Select(i => i.Value))}");
            }
        }

        if (!clean)
        {
            return;
        }

        try
        {
            _ = BuildTree(all);
        }
        catch (OrgTreeException e)
        {
            foreach (var problem in e.Problems)
            {
                orgNode.Problem(problem);
            }
        }
    }

    private static void CheckLadder(Ladder ladder, OrgProfile org, Node where, bool implicitDefault)
    {
        var units = AllUnits(org).Select(u => new OrgUnit(u.Id, u.Name, u.Kind, u.Parent, u.Members, u.Tags)).ToList();
        foreach (var level in ladder.Levels)
        {
            if (!units.Any(level.IsServedBy))
            {
                where.Problem($"ladder '{ladder.Key}'{(implicitDefault ? " (used because the profile names no ladder)" : "")} level '{level.Key}' has no unit: tag a unit '{level.Key}'"
                    + (level.Kinds.IsEmpty ? "" : $" or add a unit of kind {string.Join("/", level.Kinds.Select(KebabNames.Of))}"));
            }
        }
    }

    internal static IEnumerable<UnitProfile> AllUnits(OrgProfile org) =>
        org.Units.Concat(org.Generated.SelectMany(g => g.Expand()));

    internal static OrgTree BuildTree(IEnumerable<UnitProfile> units)
    {
        var builder = new OrgTreeBuilder();
        foreach (var unit in units)
        {
            builder.AddUnit(unit.Id, unit.Name, unit.Kind, unit.Parent, unit.Tags);
            foreach (var member in unit.Members)
            {
                builder.AddMember(unit.Id, member.Id, member.Name, [.. member.Roles]);
            }
        }

        return builder.Build();
    }

    private static bool ParseBool(string text) => text switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw new FormatException("expected true or false"),
    };

    private static int ParseInt(string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("expected a whole number");
        }

        return value < min || value > max ? throw new FormatException($"expected a number from {min} to {max}") : value;
    }
}

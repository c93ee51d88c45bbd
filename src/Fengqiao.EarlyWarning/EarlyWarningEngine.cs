using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.EarlyWarning.Facts;
using Fengqiao.EarlyWarning.Index;
using Fengqiao.EarlyWarning.Rules;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using NodaTime;
using NRules;
using NRules.Fluent;

namespace Fengqiao.EarlyWarning;

/// <summary>
/// Early warning across cases: a long-lived NRules session fed one desk event at a time, with the built-in rules of the
/// county profile's <c>warnings:</c> section and any county-written NRules rules.
/// </summary>
/// <remarks>
/// <para><b>Fact shape.</b> A registration adds the case to at most four <see cref="CaseGroup"/> facts — its grid, its
/// township, its reporter and the employer its text names — and inserts one <see cref="CaseFact"/>. Only those groups are
/// updated in the session, so one event costs the same whatever the number of open cases: the rules never join cases
/// with cases (NRules's joins are not hash-indexed; a same-grid join over 20,000 cases takes seconds). A case that
/// reaches Closed, Declined, Merged or Withdrawn has its <see cref="CaseFact"/> retracted; the groups keep it until it
/// ages out of the longest window.</para>
/// <para><b>Rules.</b> The profile's rules are facts (<see cref="WarningRuleProfile"/>), so thresholds change with the
/// profile, not the code. A county rule is an NRules <c>Rule</c> class matching <see cref="CaseGroup"/> or
/// <see cref="CaseFact"/> (and, if it likes, the <see cref="WarningRuleProfile"/> facts) whose action calls
/// <see cref="WarningContextExtensions.RaiseWarning"/>; its NRules name is its rule id.</para>
/// <para><b>Occurrences.</b> A rule that keeps matching as a group grows continues the same occurrence; only a new
/// occurrence is returned (see <see cref="RaisedWarning.OccurrenceId"/>). Acting is <see cref="WarningResponder"/>'s job.</para>
/// <para><b>Determinism.</b> Windows count back from the newest case's registration, never from a clock: the same events
/// in the same order give the same warnings with the same occurrence ids.</para>
/// </remarks>
/// <threadsafety>Safe to call from several threads: <see cref="Observe"/> is serialised by a lock, since an NRules session is not thread-safe.</threadsafety>
public sealed class EarlyWarningEngine
{
    private static readonly Duration MinimumRetention = Duration.FromDays(366);

    private readonly object gate = new();
    private readonly ISession session;
    private readonly WarningCollector collector = new();
    private readonly OrgTree tree;
    private readonly BusinessCalendar calendar;
    private readonly Duration retention;
    private readonly Regex? employerPattern;
    private readonly ImmutableArray<string> keywords;
    private readonly ImmutableArray<CaseCategory> violentCategories;
    private readonly Dictionary<(CaseGroupKind, string), CaseGroup> groups = [];
    private readonly Dictionary<CaseId, CaseFact> open = [];
    private readonly Dictionary<(string, CaseGroupKind, string), (string Id, HashSet<CaseId> Cases)> episodes = [];
    private readonly Dictionary<int, LocalDate?> festivals = [];
    private readonly Dictionary<CaseId, OrgUnitId?> townshipOf = [];
    private readonly HashSet<CaseId> overdue = [];
    private readonly Dictionary<(OrgUnitId, IndexIndicator), List<Instant>> indexEvents = [];
    private readonly Dictionary<OrgUnitId, SafetyLevel> lastLevel = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<RaisedWarning> raisedQueue = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<EarlyWarningException> failures = new();

    /// <summary>Creates an engine for a county profile: its <c>warnings:</c> rules, org tree and calendar.</summary>
    /// <param name="profile">The county profile.</param>
    /// <param name="countyRules">County-written NRules rule types (each a non-abstract <c>NRules.Fluent.Dsl.Rule</c> with a public parameterless constructor); none by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="EarlyWarningException">A county rule type is not an NRules rule, or the rules do not compile; the message names the rule.</exception>
    public EarlyWarningEngine(CountyProfile profile, IEnumerable<Type>? countyRules = null)
        : this((profile ?? throw new ArgumentNullException(nameof(profile))).Warnings, profile.BuildOrgTree(), profile.BuildCalendar(), countyRules)
    {
    }

    /// <summary>Creates an engine from its parts.</summary>
    /// <param name="warnings">The rules and their thresholds.</param>
    /// <param name="tree">The org tree, to find each grid's township.</param>
    /// <param name="calendar">The county's calendar, to find the Spring Festival and the local day.</param>
    /// <param name="countyRules">County-written NRules rule types; none by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="warnings"/>, <paramref name="tree"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="EarlyWarningException">A rule is inconsistent (a count or window below 1, a summons without departments, two rules of one kind, a bad employer pattern), a county rule type is not an NRules rule, or the rules do not compile.</exception>
    public EarlyWarningEngine(WarningsProfile warnings, OrgTree tree, BusinessCalendar calendar, IEnumerable<Type>? countyRules = null)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(calendar);
        this.tree = tree;
        this.calendar = calendar;
        Warnings = warnings;
        var rules = warnings.Rules.IsDefault ? [] : warnings.Rules;
        Check(rules);
        retention = Duration.FromDays(Math.Max(MinimumRetention.Days, rules.IsEmpty ? 0 : rules.Max(r => r.Days)));
        if (warnings.Find(WarningKind.EmployerCluster)?.EmployerPattern is { } pattern)
        {
            employerPattern = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }

        var violent = warnings.Find(WarningKind.ViolentRisk);
        keywords = violent?.Keywords.IsDefault == false ? violent.Keywords : [];
        violentCategories = violent?.Categories.IsDefault == false ? violent.Categories : [];

        var types = BuiltInRules.Types.Concat(countyRules ?? []).ToList();
        foreach (var type in types)
        {
            if (!typeof(NRules.Fluent.Dsl.Rule).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new EarlyWarningException($"county rule type '{type.FullName}' is not a concrete NRules rule (a class deriving from NRules.Fluent.Dsl.Rule with a public parameterless constructor)");
            }
        }

        try
        {
            var repository = new RuleRepository();
            repository.Load(spec => spec.From(scan => scan.Type([.. types]).PrivateTypes(true).NestedTypes(true)));
            var definitions = repository.GetRules().ToList();
            var duplicate = definitions.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new EarlyWarningException($"two rules are named '{duplicate.Key}'; every warning rule needs its own id (NRules [Name])");
            }

            RuleIds = [.. definitions.Select(r => r.Name).Order(StringComparer.Ordinal)];
            Descriptions = definitions.ToImmutableSortedDictionary(r => r.Name, r => r.Description ?? "", StringComparer.Ordinal);
            session = new RuleCompiler().Compile(definitions).CreateSession();
        }
        catch (Exception e) when (e is NRules.RuleCompilationException or NRules.Fluent.RuleDefinitionException or NRules.Fluent.RuleActivationException)
        {
            throw new EarlyWarningException($"the warning rules do not compile: {e.Message}", e);
        }

        session.DependencyResolver = collector;
        session.Insert(new FestivalZone(calendar.Zone));
        foreach (var rule in rules)
        {
            session.Insert(rule);
        }
    }

    /// <summary>Gets the built-in rules' ids and descriptions (NRules <c>[Name]</c> and <c>[Description]</c>), sorted by id.</summary>
    /// <remarks>Each id is <c>warning.</c> followed by the profile key that configures it (<see cref="WarningRuleProfile.RuleId"/>); a rule runs only when the profile configures it.</remarks>
    public static ImmutableSortedDictionary<string, string> BuiltInRuleDescriptions => LazyBuiltIns.Value;

    private static readonly Lazy<ImmutableSortedDictionary<string, string>> LazyBuiltIns = new(() =>
    {
        var repository = new RuleRepository();
        repository.Load(spec => spec.From(scan => scan.Type([.. BuiltInRules.Types]).PrivateTypes(true)));
        return repository.GetRules().ToImmutableSortedDictionary(r => r.Name, r => r.Description ?? "", StringComparer.Ordinal);
    });

    /// <summary>Gets the county's warning section the engine runs.</summary>
    public WarningsProfile Warnings { get; }

    /// <summary>Gets the ids of every rule in the session, built-in and county-written, sorted.</summary>
    public ImmutableArray<string> RuleIds { get; }

    /// <summary>Gets each rule's description (NRules <c>[Description]</c>), by rule id.</summary>
    public ImmutableSortedDictionary<string, string> Descriptions { get; }

    /// <summary>Gets how many registered cases are open in the session (their <see cref="CaseFact"/> not yet retracted).</summary>
    public int OpenCases
    {
        get
        {
            lock (gate)
            {
                return open.Count;
            }
        }
    }

    /// <summary>Gets how many groups the session holds.</summary>
    public int Groups
    {
        get
        {
            lock (gate)
            {
                return groups.Count;
            }
        }
    }

    /// <summary>Feeds the desk's published events to the engine and queues the warnings they raise for <see cref="TakeRaised"/>.</summary>
    /// <param name="desk">The desk whose <see cref="CaseDesk.Events"/> to follow.</param>
    /// <returns>The subscription; dispose it to stop following.</returns>
    /// <remarks>
    /// The desk publishes an event after storing it, on the thread that acted; the engine only observes there, and acting
    /// is left to the host (<see cref="WarningResponder"/> on what <see cref="TakeRaised"/> returns), so the desk is never
    /// re-entered from its own publication. A rule that fails is queued for <see cref="TakeFailures"/> instead of dropping the
    /// subscription.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="desk"/> is null.</exception>
    public IDisposable Attach(CaseDesk desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        return desk.Events.Subscribe(new Follower(this));
    }

    /// <summary>Takes the warnings raised by followed events since the last call, oldest first.</summary>
    /// <returns>The warnings; empty when none.</returns>
    public ImmutableArray<RaisedWarning> TakeRaised() => Take(raisedQueue);

    /// <summary>Takes the rule failures met while following a desk since the last call, oldest first.</summary>
    /// <returns>The failures; empty when none.</returns>
    public ImmutableArray<EarlyWarningException> TakeFailures() => Take(failures);

    private static ImmutableArray<T> Take<T>(System.Collections.Concurrent.ConcurrentQueue<T> queue)
    {
        var result = ImmutableArray.CreateBuilder<T>();
        while (queue.TryDequeue(out var item))
        {
            result.Add(item);
        }

        return result.ToImmutable();
    }

    private sealed class Follower(EarlyWarningEngine engine) : IObserver<CaseEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(CaseEvent value)
        {
            try
            {
                foreach (var warning in engine.Observe(value))
                {
                    engine.raisedQueue.Enqueue(warning);
                }
            }
            catch (EarlyWarningException e)
            {
                engine.failures.Enqueue(e);
            }
        }
    }

    /// <summary>Feeds one accepted desk event to the session and returns the new warning occurrences it completes.</summary>
    /// <param name="caseEvent">An event the desk accepted (from <see cref="CaseDesk.Events"/> or a store's history), in the order the desk accepted them.</param>
    /// <returns>The new occurrences, in the order the rules fired; usually none.</returns>
    /// <remarks>
    /// A registration adds the case; a report the desk joined to an open case (<see cref="CaseReportJoined"/>) counts for
    /// its reporter as a repeat; an event that ends the case (Closed, Declined, Merged, Withdrawn) retracts its
    /// <see cref="CaseFact"/>; every other event changes nothing. Feeding the same registration twice does not count
    /// the case twice.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvent"/> is null.</exception>
    /// <exception cref="EarlyWarningException">A rule failed while evaluating or acting; the message names the rule and the case. The event's changes to the groups stand.</exception>
    public IReadOnlyList<RaisedWarning> Observe(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        lock (gate)
        {
            if (caseEvent.Payload is CaseRegistration registration)
            {
                Register(caseEvent.CaseId, registration.Report, caseEvent.At);
            }
            else if (caseEvent.To is CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn
                && open.Remove(caseEvent.CaseId, out var fact))
            {
                session.TryRetract(fact);
                overdue.Remove(caseEvent.CaseId);
            }
            else if (caseEvent.Payload is CaseClockStageChanged { Stage: SlaStage.Overdue } && open.ContainsKey(caseEvent.CaseId))
            {
                overdue.Add(caseEvent.CaseId);
            }
            else if (caseEvent.Payload is CaseReportJoined joined && PersonKey(joined.Report.Reporter) is { } person)
            {
                // The same matter reported again (the desk joined it to the open case): for the person, a repeat.
                var grid = joined.Report.Location.Grid;
                Join(CaseGroupKind.Person, person, new CaseFact(caseEvent.CaseId, joined.Report.Category, grid, townshipOf.GetValueOrDefault(caseEvent.CaseId),
                    person, null, caseEvent.At, null, null));
            }
            else if (caseEvent.Payload is CaseHandedBack)
            {
                Count(caseEvent.CaseId, IndexIndicator.MediationFailures, caseEvent.At);
            }

            try
            {
                session.Fire();
            }
            catch (Exception e) when (e is NRules.RuleExecutionException or NRules.RuleExpressionEvaluationException or NRules.AgendaExpressionEvaluationException or EarlyWarningException)
            {
                collector.Drain();
                throw new EarlyWarningException($"a warning rule failed on case '{caseEvent.CaseId}' (event v{caseEvent.Version}): {Innermost(e).Message}", e);
            }

            var raised = Occurrences(collector.Drain());
            foreach (var warning in raised)
            {
                if (warning.RuleId == "warning.repeat-petition")
                {
                    Count(warning.Target, IndexIndicator.RepeatPetitions, warning.RaisedAt);
                }
                else if (warning.RuleId == "warning.violent-risk")
                {
                    Count(warning.Target, IndexIndicator.ViolentRisk, warning.RaisedAt);
                }
            }

            return raised;
        }
    }

    /// <summary>Computes every township's 平安指数 (safety index) at the end of a day, and the warning letters (工作提示函) of the townships that turned red.</summary>
    /// <param name="day">The day, in the county's time zone; the window of <c>warnings.index.window-days</c> ends at its end.</param>
    /// <returns>The report: each township (every street/township unit of the org tree), sorted by id, and the letters.</returns>
    /// <remarks>
    /// <para>Indicators: registrations in the window per 1,000 residents; repeat-petition and violent-risk warnings
    /// raised in the window (on cases of the township); the share of the township's open cases whose clock is overdue
    /// now; hand-backs from mediation in the window. Each scores <c>min(1, value / full-at) × 100</c> and the index is
    /// the weighted sum.</para>
    /// <para>A letter goes out when a township is red and was not red on the previous day computed (or was never
    /// computed); compute the days in order to get one letter per turn to red.</para>
    /// </remarks>
    /// <exception cref="EarlyWarningException">The profile has no <c>warnings.index</c> section.</exception>
    public SafetyIndexReport ComputeIndex(LocalDate day)
    {
        var index = Warnings.Index ?? throw new EarlyWarningException("the profile has no warnings.index section: there is no 平安指数 to compute");
        lock (gate)
        {
            var end = day.PlusDays(1).AtStartOfDayInZone(calendar.Zone).ToInstant();
            var start = end - Duration.FromDays(index.WindowDays);
            var openByTownship = open.Values.Where(f => f.Township is not null).GroupBy(f => f.Township!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var townships = ImmutableArray.CreateBuilder<TownshipIndex>();
            var letters = ImmutableArray.CreateBuilder<WarningLetter>();
            foreach (var township in tree.Units.Where(u => u.Kind == OrgUnitKind.Street).Select(u => u.Id).OrderBy(u => u.Value, StringComparer.Ordinal))
            {
                var raw = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
                var value = 0.0;
                foreach (var indicator in index.Indicators)
                {
                    var x = indicator.Indicator switch
                    {
                        IndexIndicator.DisputesPerThousand => RegisteredBetween(township, start, end) * 1000.0 / (index.PopulationOf(township) ?? throw new EarlyWarningException($"warnings.index gives no population for township '{township}'")),
                        IndexIndicator.OverdueShare => openByTownship.TryGetValue(township, out var cases) && cases.Count > 0 ? cases.Count(c => overdue.Contains(c.Id)) / (double)cases.Count : 0,
                        _ => indexEvents.TryGetValue((township, indicator.Indicator), out var at) ? at.Count(i => i >= start && i < end) : 0,
                    };
                    raw[Kebab(indicator.Indicator.ToString())] = x;
                    value += indicator.Weight * Math.Min(1, x / indicator.FullAt) * 100;
                }

                value = Math.Round(value, 1);
                var level = value >= index.Red ? SafetyLevel.Red : value >= index.Orange ? SafetyLevel.Orange : value >= index.Yellow ? SafetyLevel.Yellow : SafetyLevel.Green;
                var result = new TownshipIndex(township, day, value, level, raw.ToImmutable());
                townships.Add(result);
                var previous = lastLevel.TryGetValue(township, out var p) ? p : SafetyLevel.Green;
                if (level == SafetyLevel.Red && previous != SafetyLevel.Red)
                {
                    letters.Add(new WarningLetter(township, day, result, previous));
                }

                lastLevel[township] = level;
            }

            return new SafetyIndexReport(day, townships.ToImmutable(), letters.ToImmutable());
        }
    }

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private int RegisteredBetween(OrgUnitId township, Instant start, Instant end) =>
        groups.TryGetValue((CaseGroupKind.Township, township.Value), out var group) ? group.Cases.Count(c => c.RegisteredAt >= start && c.RegisteredAt < end) : 0;

    private void Count(CaseId id, IndexIndicator indicator, Instant at)
    {
        if (townshipOf.TryGetValue(id, out var township) && township is { } t)
        {
            if (!indexEvents.TryGetValue((t, indicator), out var list))
            {
                indexEvents[(t, indicator)] = list = [];
            }

            list.Add(at);
        }
    }

    private void Register(CaseId id, CaseReport report, Instant at)
    {
        if (open.ContainsKey(id))
        {
            return;
        }

        var township = tree.Find(report.Location.Grid) is null
            ? (OrgUnitId?)null
            : tree.PathToRoot(report.Location.Grid).FirstOrDefault(u => u.Kind == OrgUnitKind.Street)?.Id;
        var fact = new CaseFact(id, report.Category, report.Location.Grid, township, PersonKey(report.Reporter), Employer(report.Text), at,
            ViolentSignal(report), FestivalAfter(at.InZone(calendar.Zone).Date));
        open[id] = fact;
        townshipOf[id] = township;
        session.Insert(fact);
        Join(CaseGroupKind.Grid, fact.Grid.Value, fact);
        if (fact.Township is { } t)
        {
            Join(CaseGroupKind.Township, t.Value, fact);
        }

        if (fact.Person is { } person)
        {
            Join(CaseGroupKind.Person, person, fact);
        }

        if (fact.Employer is { } employer)
        {
            Join(CaseGroupKind.Employer, employer, fact);
        }
    }

    private void Join(CaseGroupKind kind, string key, CaseFact fact)
    {
        if (!groups.TryGetValue((kind, key), out var group))
        {
            group = new CaseGroup(kind, key);
            group.Add(fact, retention);
            groups[(kind, key)] = group;
            session.Insert(group);
            return;
        }

        group.Add(fact, retention);
        session.Update(group);
    }

    private List<RaisedWarning> Occurrences(List<(string RuleId, WarningRequest Request)> raised)
    {
        var result = new List<RaisedWarning>();
        foreach (var (ruleId, request) in raised)
        {
            var matched = request.Matched.OrderBy(f => f.RegisteredAt).ToImmutableArray();
            var ids = matched.Select(f => f.Id).ToHashSet();
            var key = (ruleId, request.GroupKind, request.GroupKey);
            if (episodes.TryGetValue(key, out var episode) && episode.Cases.Overlaps(ids))
            {
                episode.Cases.UnionWith(ids);
                continue;
            }

            // A person's key is a pseudonym of a phone number: it stays out of the id, which is stored on the case as the cause.
            var occurrence = request.GroupKind == CaseGroupKind.Person
                ? $"{ruleId}:{request.GroupKind}:{matched[0].Id}"
                : $"{ruleId}:{request.GroupKind}:{request.GroupKey}:{matched[0].Id}";
            episodes[key] = (occurrence, ids);
            var facts = request.Facts.ToImmutableSortedDictionary(StringComparer.Ordinal).SetItem("occurrence", occurrence);
            result.Add(new RaisedWarning(ruleId, occurrence, request.GroupKind, request.GroupKey, matched[^1].Id, [.. matched.Select(f => f.Id)],
                request.Action, request.Message, matched[^1].RegisteredAt)
            {
                Facts = facts,
                Grade = request.Grade,
                Limit = request.Limit,
                Departments = request.Departments.IsDefault ? [] : request.Departments,
            });
        }

        return result;
    }

    private string? Employer(string text)
    {
        if (employerPattern is null || text.Length == 0)
        {
            return null;
        }

        try
        {
            var match = employerPattern.Match(text);
            return !match.Success ? null : match.Groups["employer"] is { Success: true } g ? g.Value : match.Value;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private string? ViolentSignal(CaseReport report)
    {
        if (keywords.IsEmpty || (!violentCategories.IsEmpty && !violentCategories.Contains(report.Category)))
        {
            return null;
        }

        foreach (var word in keywords)
        {
            if (report.Text.Contains(word, StringComparison.Ordinal))
            {
                return word;
            }
        }

        return null;
    }

    private LocalDate? FestivalAfter(LocalDate date)
    {
        for (var year = date.Year; year <= date.Year + 1; year++)
        {
            if (!festivals.TryGetValue(year, out var start))
            {
                start = SpringFestivalStart(year);
                festivals[year] = start;
            }

            if (start is { } s && s >= date)
            {
                return s;
            }
        }

        return null;
    }

    private LocalDate? SpringFestivalStart(int year)
    {
        try
        {
            return calendar.SpecialDays(year)
                .Where(d => d.Kind == DayKind.Holiday && d.Reason.Contains("Spring Festival", StringComparison.OrdinalIgnoreCase))
                .Select(d => (LocalDate?)d.Date)
                .FirstOrDefault();
        }
        catch (ArgumentOutOfRangeException)
        {
            // The calendar does not cover the year: no festival is known, so the wage-arrears rule cannot count these cases.
            return null;
        }
    }

    /// <summary>A pseudonym for the reporter: the key groups a person's cases without putting a phone number into ids and notes.</summary>
    private static string? PersonKey(Reporter reporter)
    {
        var raw = reporter.Phone ?? (reporter.Name.Length > 0 ? reporter.Name : null);
        if (raw is null)
        {
            return null;
        }

        return "p-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)).AsSpan(0, 6)).ToLowerInvariant();
    }

    private static void Check(ImmutableArray<WarningRuleProfile> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Count < 1 || rule.Days < 1)
            {
                throw new EarlyWarningException($"warning rule '{rule.RuleId}' needs a count and a window of at least 1 (count {rule.Count}, days {rule.Days})");
            }

            if (rule.Action == WarningActionKind.Summon && rule.Departments.IsDefaultOrEmpty)
            {
                throw new EarlyWarningException($"warning rule '{rule.RuleId}' summons (吹哨) but names no department");
            }

            if (rules.Count(r => r.Kind == rule.Kind) > 1)
            {
                throw new EarlyWarningException($"warning rule '{rule.RuleId}' is configured twice");
            }

            if (rule.Kind == WarningKind.EmployerCluster)
            {
                if (rule.EmployerPattern is null)
                {
                    throw new EarlyWarningException($"warning rule '{rule.RuleId}' needs an employer pattern");
                }

                try
                {
                    _ = new Regex(rule.EmployerPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException e)
                {
                    throw new EarlyWarningException($"warning rule '{rule.RuleId}' has an invalid employer pattern: {e.Message}", e);
                }
            }
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}

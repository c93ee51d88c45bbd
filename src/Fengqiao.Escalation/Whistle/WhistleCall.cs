using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Whistle;

/// <summary>
/// A whistle-and-report call (吹哨报到): a street or centre summons several departments to one case; each must report
/// in within a limit; the departments that have not reported when the limit has passed are escalated.
/// </summary>
/// <remarks>
/// <para>Tianshan's "街道吹哨—部门报到" and Korla's "中心吹哨、部门报到、书记站台": the caller blows
/// the whistle on a case, the summoned departments report in, and a level above the caller (by default the one
/// directly above; Korla names the secretary) takes up each department that did not.</para>
/// <para>The call has its own <see cref="SlaClock"/>, started when the whistle is blown and stopped by
/// <see cref="Close"/> when the case is resolved. Every change returns a new call.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class WhistleCall
{
    private readonly ImmutableDictionary<OrgUnitId, Instant> _reports;

    private WhistleCall(CaseId caseId, LadderStep caller, LadderStep escalateTo, ImmutableArray<OrgUnitId> summoned, SlaClock clock, ImmutableDictionary<OrgUnitId, Instant> reports)
    {
        CaseId = caseId;
        Caller = caller;
        EscalateTo = escalateTo;
        Summoned = summoned;
        Clock = clock;
        _reports = reports;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the step of the unit that blew the whistle (a street, a centre).</summary>
    public LadderStep Caller { get; }

    /// <summary>Gets the step that takes up a department that does not report in.</summary>
    public LadderStep EscalateTo { get; }

    /// <summary>Gets the summoned departments, in the order they were summoned.</summary>
    public ImmutableArray<OrgUnitId> Summoned { get; }

    /// <summary>Gets the call's clock: started when the whistle was blown, on the report-in limit.</summary>
    public SlaClock Clock { get; }

    /// <summary>Gets the report-in deadline.</summary>
    public Instant Deadline => Clock.Deadline;

    /// <summary>Gets whether the call is closed.</summary>
    public bool IsClosed => Clock.State == SlaClockState.Stopped;

    /// <summary>Gets the departments that have reported in, in summon order.</summary>
    public ImmutableArray<OrgUnitId> Reported => [.. Summoned.Where(_reports.ContainsKey)];

    /// <summary>Gets the departments that have not reported in yet, in summon order.</summary>
    public ImmutableArray<OrgUnitId> Pending => [.. Summoned.Where(d => !_reports.ContainsKey(d))];

    /// <summary>Blows the whistle on a case.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="path">The case's ladder path; the caller must be on it.</param>
    /// <param name="caller">The unit blowing the whistle.</param>
    /// <param name="departments">The departments summoned: at least one, no repeats, not the caller.</param>
    /// <param name="calendar">The county's calendar.</param>
    /// <param name="at">The instant the whistle is blown.</param>
    /// <param name="reportLimit">How long each department has to report in.</param>
    /// <param name="escalateToLevel">The level that takes up departments that do not report, or null for the level
    /// directly above the caller; it must be above the caller.</param>
    /// <returns>An open call with no reports.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> or a department is the default value, no
    /// department is summoned, one is summoned twice, or the caller summons itself.</exception>
    /// <exception cref="EscalationException">The caller is not on the path, is at its top with no level given, or
    /// <paramref name="escalateToLevel"/> is not a level above it; the message names the case and unit.</exception>
    /// <exception cref="CalendarCoverageException">The deadline needs a date the calendar does not cover.</exception>
    public static WhistleCall Blow(
        CaseId caseId,
        LadderPath path,
        OrgUnitId caller,
        IEnumerable<OrgUnitId> departments,
        BusinessCalendar calendar,
        Instant at,
        TimeLimit reportLimit,
        string? escalateToLevel = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(reportLimit);
        if (caseId.Value is null)
        {
            throw new ArgumentException("A whistle-and-report call needs a case id; got the default (empty) CaseId.", nameof(caseId));
        }

        var summoned = departments.ToImmutableArray();
        if (summoned.IsEmpty)
        {
            throw new ArgumentException($"Case '{caseId}': a whistle-and-report call (吹哨报到) must summon at least one department.", nameof(departments));
        }

        var seen = new HashSet<OrgUnitId>();
        foreach (var department in summoned)
        {
            if (department.Value is null)
            {
                throw new ArgumentException($"Case '{caseId}': a summoned department is the default (empty) OrgUnitId.", nameof(departments));
            }

            if (!seen.Add(department))
            {
                throw new ArgumentException($"Case '{caseId}': department '{department}' is summoned twice.", nameof(departments));
            }

            if (department == caller)
            {
                throw new ArgumentException($"Case '{caseId}': the caller '{caller}' cannot summon itself.", nameof(departments));
            }
        }

        var callerStep = path.StepOf(caller)
            ?? throw new EscalationException($"Case '{caseId}': the caller '{caller}' is not on the case's ladder path ({path.Describe()}).", caseId, unit: caller);
        LadderStep target;
        if (escalateToLevel is null)
        {
            target = callerStep.Index + 1 < path.Steps.Length
                ? path.Steps[callerStep.Index + 1]
                : throw new EscalationException($"Case '{caseId}': the caller '{caller}' is at the top of ladder '{path.Ladder.Key}'; name the level that takes up departments that do not report.", caseId, unit: caller);
        }
        else
        {
            var index = path.Ladder.IndexOf(escalateToLevel);
            if (index <= callerStep.Index)
            {
                throw new EscalationException(
                    $"Case '{caseId}': level '{escalateToLevel}' is {(index < 0 ? $"not a level of ladder '{path.Ladder.Key}'" : "not above the caller")}; departments that do not report are escalated above the caller '{caller}' ({callerStep.Level.Key}).",
                    caseId, EscalationRuleIds.WhistleNoShow, caller);
            }

            target = path.Steps[index];
        }

        return new WhistleCall(caseId, callerStep, target, summoned, SlaClock.Start(calendar, at, reportLimit), ImmutableDictionary<OrgUnitId, Instant>.Empty);
    }

    /// <summary>Records that a summoned department reported in (报到).</summary>
    /// <param name="department">The department.</param>
    /// <param name="at">When it reported; a report after the deadline is recorded too (and counts from then on).</param>
    /// <returns>The call with the report.</returns>
    /// <exception cref="EscalationException">The department was not summoned, has already reported, or the call is
    /// closed; the message names the case and unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the whistle was blown.</exception>
    public WhistleCall ReportIn(OrgUnitId department, Instant at)
    {
        if (!Summoned.Contains(department))
        {
            throw new EscalationException($"Case '{CaseId}': '{department}' reports in, but the call by '{Caller.Unit.Id}' did not summon it (summoned: {string.Join(", ", Summoned)}).", CaseId, unit: department);
        }

        if (_reports.TryGetValue(department, out var earlier))
        {
            throw new EscalationException($"Case '{CaseId}': department '{department}' already reported in at {earlier}.", CaseId, unit: department);
        }

        if (IsClosed)
        {
            throw new EscalationException($"Case '{CaseId}': the whistle-and-report call by '{Caller.Unit.Id}' is closed; '{department}' can no longer report in.", CaseId, unit: department);
        }

        if (at < Clock.StartedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Case '{CaseId}': '{department}' cannot report in before the whistle was blown at {Clock.StartedAt}.");
        }

        return new WhistleCall(CaseId, Caller, EscalateTo, Summoned, Clock, _reports.Add(department, at));
    }

    /// <summary>Gets when a department reported in.</summary>
    /// <param name="department">The department.</param>
    /// <returns>The instant, or null when it has not reported (or was not summoned).</returns>
    public Instant? ReportedAt(OrgUnitId department) => _reports.TryGetValue(department, out var at) ? at : null;

    /// <summary>Closes the call: the case was resolved, no more escalations.</summary>
    /// <param name="at">The instant of closing.</param>
    /// <returns>A closed call.</returns>
    /// <exception cref="EscalationException">The call is already closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the whistle was blown.</exception>
    public WhistleCall Close(Instant at) => IsClosed
        ? throw new EscalationException($"Case '{CaseId}': the whistle-and-report call by '{Caller.Unit.Id}' is already closed.", CaseId, unit: Caller.Unit.Id)
        : new WhistleCall(CaseId, Caller, EscalateTo, Summoned, Clock.Stop(at), _reports);

    /// <summary>Lists the departments to escalate at an instant: those that have not reported in, once the deadline
    /// has passed, each naming rule <see cref="EscalationRuleIds.WhistleNoShow"/>.</summary>
    /// <param name="at">The instant (the sweep's "now").</param>
    /// <returns>One escalation per department that has not reported, in summon order; empty when the call is closed or
    /// the deadline has not passed (the deadline instant itself is still in time).</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public ImmutableArray<WhistleEscalation> Escalations(Instant at)
    {
        if (IsClosed || Clock.At(at).Stage != SlaStage.Overdue)
        {
            return [];
        }

        return [.. Pending.Select(d => new WhistleEscalation(CaseId, d, Caller, EscalateTo, Deadline))];
    }

    /// <summary>Returns the call on one line.</summary>
    /// <returns>E.g. <c>case c-1: 吹哨 by street-a, 2 of 3 reported, due …</c>.</returns>
    public override string ToString() =>
        $"case {CaseId}: 吹哨报到 by {Caller.Unit.Id} ({Caller.Level.Key}), {_reports.Count} of {Summoned.Length} reported, due {Deadline}{(IsClosed ? ", closed" : "")}";
}

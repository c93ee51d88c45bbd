using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Sla.Internal;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>
/// An immutable SLA clock for one case and one limit: start, pause (挂起), resume, extend (延期), stop — each transition
/// returns a new clock. At any instant it tells the deadline, elapsed and remaining working time and the stage.
/// </summary>
/// <remarks>
/// <para>Pausing stops the count: on resume the remaining working time carries forward from the resume instant, so
/// the deadline moves by exactly the working time the pause covered: a pause and resume at the same instant, or a
/// pause that covers no working time (overnight, a weekend), leaves the deadline where it was. A deadline that runs to
/// 24:00 (至24时) stays at 24:00 of the day on which the carried-forward working time runs out when none of that day's
/// working time is left (a pause covering whole working days moves it by whole working days); when the working time
/// runs out inside a working interval, the deadline is that instant. A pause after the deadline (overdue) moves
/// nothing.</para>
/// <para>An extension counts its limit on from the current deadline, the current <see cref="DueDate"/> being the
/// uncounted start day (see <see cref="BusinessCalendar.Deadline(DeadlineResult, TimeLimit)"/>): N working days
/// extended by M working days end where N + M working days end, and a 24:00 deadline extended by one working day ends
/// at close of business on the next working day. For an <see cref="TimeLimitUnit.Elapsed"/> limit the clock counts
/// plain time instead of working time.</para>
/// <para>Transitions must come in time order (each at or after the previous one) and make sense for the state
/// (resume only a paused clock, nothing after stop); otherwise they throw.</para>
/// <para>The case desk's sweep indexes open clocks by <see cref="NextStageChangeAfter(Instant)"/>.
/// <see cref="Reproject(BusinessCalendar)"/> replays the history on a new calendar (say, when the 2027 notice arrives).</para>
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class SlaClock
{
    private readonly ClockEvent[] events;
    private readonly IReadOnlyList<WarningThreshold> thresholds;
    private string[]? steps;                  // the explanation, built on first ask by replaying the history with text
    private Instant[]? warningInstants;       // per threshold, while running; fixed for this instance
    private readonly bool elapsedBasis;
    private readonly Duration consumed;       // counted before the current running segment
    private readonly Instant segmentStart;    // start or last resume
    private readonly Duration remainingAtHalt; // at pause or stop
    private readonly bool overdueAtHalt;
    private readonly Instant? haltedAt;
    private readonly bool toEndOfDay;         // the deadline runs to 24:00 (至24时) of its due day

    private SlaClock(
        BusinessCalendar calendar, IReadOnlyList<WarningThreshold> thresholds, ClockEvent[] events, string[]? steps,
        SlaClockState state, Instant deadline, Duration allotted, Duration consumed, Instant segmentStart,
        Duration remainingAtHalt, bool overdueAtHalt, Instant? haltedAt, bool isProvisional, LocalDate dueDate, bool toEndOfDay)
    {
        Calendar = calendar;
        this.thresholds = thresholds;
        this.events = events;
        this.steps = steps;
        State = state;
        Deadline = deadline;
        Allotted = allotted;
        this.consumed = consumed;
        this.segmentStart = segmentStart;
        this.remainingAtHalt = remainingAtHalt;
        this.overdueAtHalt = overdueAtHalt;
        this.haltedAt = haltedAt;
        IsProvisional = isProvisional;
        DueDate = dueDate;
        this.toEndOfDay = toEndOfDay;
        elapsedBasis = Limit.Unit == TimeLimitUnit.Elapsed;
    }

    /// <summary>Gets the calendar the clock counts on.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>Gets the warning thresholds.</summary>
    public IReadOnlyList<WarningThreshold> Thresholds => thresholds;

    /// <summary>Gets the instant the clock started.</summary>
    public Instant StartedAt => events[0].At;

    /// <summary>Gets the limit the clock started with.</summary>
    public TimeLimit Limit => events[0].Limit!;

    /// <summary>Gets whether the clock is running, paused or stopped.</summary>
    public SlaClockState State { get; }

    /// <summary>Gets the current deadline. While paused it is the deadline as it stood at the pause; see
    /// <see cref="At(Instant)"/> for the deadline if the clock resumed at a given instant.</summary>
    public Instant Deadline { get; }

    /// <summary>Gets the date the current deadline is due on: the last counted day (see <see cref="DeadlineResult.DueDate"/>).</summary>
    /// <remarks>For a limit ending at 24:00 (至24时), <see cref="Deadline"/> is 00:00 of the day after the due date.</remarks>
    public LocalDate DueDate { get; }

    /// <summary>Gets the working time allotted in total: the start limit plus extensions (plain time for elapsed limits).</summary>
    public Duration Allotted { get; }

    /// <summary>Gets a value indicating whether the deadline rests on provisional calendar days.</summary>
    public bool IsProvisional { get; }

    /// <summary>Starts a clock.</summary>
    /// <param name="calendar">The calendar to count on.</param>
    /// <param name="start">The instant the limit starts (receipt, acceptance…).</param>
    /// <param name="limit">The limit.</param>
    /// <param name="thresholds">The warning thresholds; null or empty for none.</param>
    /// <returns>A running clock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> or <paramref name="limit"/> is null.</exception>
    /// <exception cref="CalendarCoverageException">The deadline needs a date the calendar does not cover.</exception>
    public static SlaClock Start(BusinessCalendar calendar, Instant start, TimeLimit limit, IEnumerable<WarningThreshold>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(limit);
        // An immutable array (as a case's SLA terms hold them) is kept as it is; anything else is copied.
        IReadOnlyList<WarningThreshold> kept = thresholds switch
        {
            null => [],
            IReadOnlyList<WarningThreshold> boxed when thresholds is ImmutableArray<WarningThreshold> { IsDefault: false } => boxed,
            _ => [.. thresholds],
        };
        return Replay(calendar, kept, [new ClockEvent(ClockEventKind.Start, start, limit)], explain: false);
    }

    /// <summary>Gets the clock's transitions, the start first: what a case snapshot keeps to rebuild it (<see cref="Restore"/>).</summary>
    internal IReadOnlyList<ClockEvent> History => events;

    /// <summary>Rebuilds a clock from its transitions (<see cref="History"/>) on a calendar, as the transitions made it.</summary>
    /// <exception cref="ArgumentException">The history is empty, does not begin with a start, or starts again later.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A transition comes before the previous one.</exception>
    /// <exception cref="InvalidOperationException">A transition does not fit the clock's state (a resume of a running clock).</exception>
    /// <exception cref="CalendarCoverageException">The history needs a date the calendar does not cover.</exception>
    internal static SlaClock Restore(BusinessCalendar calendar, IReadOnlyList<WarningThreshold> thresholds, IReadOnlyList<ClockEvent> history)
    {
        if (history.Count == 0 || history[0].Kind != ClockEventKind.Start || history[0].Limit is null
            || history.Skip(1).Any(e => e.Kind == ClockEventKind.Start || (e.Kind == ClockEventKind.Extend) != (e.Limit is not null)))
        {
            throw new ArgumentException("A clock's history is one start with its limit, then pauses, resumes, stops and extensions (each with its limit).", nameof(history));
        }

        return Replay(calendar, thresholds, [.. history], explain: false);
    }

    /// <summary>Pauses the clock (挂起): time from <paramref name="at"/> until the resume does not count.</summary>
    /// <param name="at">The instant of the pause.</param>
    /// <returns>A paused clock.</returns>
    /// <exception cref="InvalidOperationException">The clock is not running.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the previous transition.</exception>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public SlaClock Pause(Instant at) => Then(ClockEventKind.Pause, at, null, explain: false);

    /// <summary>Resumes a paused clock: the working time left at the pause carries forward from <paramref name="at"/>.</summary>
    /// <param name="at">The instant of the resume.</param>
    /// <returns>A running clock with a moved deadline.</returns>
    /// <exception cref="InvalidOperationException">The clock is not paused.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the pause.</exception>
    /// <exception cref="CalendarCoverageException">The new deadline needs a date the calendar does not cover.</exception>
    public SlaClock Resume(Instant at) => Then(ClockEventKind.Resume, at, null, explain: false);

    /// <summary>Extends the clock (延期) by <paramref name="limit"/>, counted from the current deadline.</summary>
    /// <param name="limit">The extension, e.g. 30 days for a petition (信访 art.34).</param>
    /// <param name="at">The instant the extension was granted.</param>
    /// <returns>A clock with the later deadline, in the same state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="limit"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The clock is stopped.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the previous transition.</exception>
    /// <exception cref="CalendarCoverageException">The new deadline needs a date the calendar does not cover.</exception>
    public SlaClock Extend(TimeLimit limit, Instant at)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return Then(ClockEventKind.Extend, at, limit, explain: false);
    }

    /// <summary>Stops the clock (the case is handled); readings freeze at <paramref name="at"/>.</summary>
    /// <param name="at">The instant of the stop.</param>
    /// <returns>A stopped clock.</returns>
    /// <exception cref="InvalidOperationException">The clock is already stopped.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the previous transition.</exception>
    public SlaClock Stop(Instant at) => Then(ClockEventKind.Stop, at, null, explain: false);

    /// <summary>Reads the clock at <paramref name="at"/>.</summary>
    /// <param name="at">The instant; readings before the last transition are taken at the last transition.</param>
    /// <returns>The reading.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public SlaReading At(Instant at)
    {
        var (stage, warning) = StageAt(at);
        switch (State)
        {
            case SlaClockState.Running:
            {
                var t = Instant.Max(at, events[^1].At);
                return new SlaReading(at, State, stage, Deadline, consumed + Measure(segmentStart, t), Signed(t, Deadline), warning, IsProvisional, DueDate);
            }

            default:
            {
                var deadline = Deadline;
                if (State == SlaClockState.Paused && !overdueAtHalt)
                {
                    deadline = CarryForward(Instant.Max(at, haltedAt!.Value), remainingAtHalt);
                }

                return new SlaReading(at, State, stage, deadline, consumed, remainingAtHalt, warning, IsProvisional,
                    deadline == Deadline ? DueDate : DueDateOf(deadline));
            }
        }
    }

    /// <summary>Gets the stage and the warning level at <paramref name="at"/>: the <see cref="SlaReading.Stage"/> and
    /// <see cref="SlaReading.Warning"/> of <see cref="At(Instant)"/>, without building the reading.</summary>
    /// <param name="at">The instant; an instant before the last transition is taken as the last transition.</param>
    /// <returns>The stage, and the most severe warning threshold reached (the one with the least working time remaining
    /// at firing; the first such on a tie), or <see langword="null"/> when none is reached or the clock is overdue.</returns>
    /// <remarks>Allocates nothing once the clock's warning instants are known (computed on the first reading of a
    /// running clock and kept). This is what a sweep's due index needs: whether the stage or warning changed since it
    /// was last recorded.</remarks>
    /// <exception cref="CalendarCoverageException">A warning instant needs a date the calendar does not cover.</exception>
    public (SlaStage Stage, WarningThreshold? Warning) StageAt(Instant at)
    {
        WarningThreshold? warning = null;
        if (State == SlaClockState.Running)
        {
            var t = Instant.Max(at, events[^1].At);
            if (t > Deadline)
            {
                return (SlaStage.Overdue, null);
            }

            var instants = WarningInstants();
            for (var i = 0; i < instants.Length; i++)
            {
                // The most severe reached: the least remaining at firing; the first such on a tie (as OrderBy kept).
                if (t >= instants[i] && (warning is null || thresholds[i].RemainingAtFiring(Allotted) < warning.RemainingAtFiring(Allotted)))
                {
                    warning = thresholds[i];
                }
            }

            return (warning is null ? SlaStage.OnTrack : SlaStage.Warning, warning);
        }

        if (overdueAtHalt)
        {
            return (SlaStage.Overdue, null);
        }

        for (var i = 0; i < thresholds.Count; i++)
        {
            // Reached at the halt; the least remaining at firing, the first such on a tie (as OrderBy kept).
            var th = thresholds[i];
            if (remainingAtHalt <= th.RemainingAtFiring(Allotted) && (warning is null || th.RemainingAtFiring(Allotted) < warning.RemainingAtFiring(Allotted)))
            {
                warning = th;
            }
        }

        return (warning is null ? SlaStage.OnTrack : SlaStage.Warning, warning);
    }

    /// <summary>Gets the first instant after <paramref name="after"/> at which the stage (or warning level) changes:
    /// a warning threshold's instant, or the first instant past the deadline (deadline + 1 ns).</summary>
    /// <param name="after">The instant to look after.</param>
    /// <returns>The instant, or null if the clock is paused or stopped or nothing changes any more.</returns>
    /// <remarks>Index open cases by this instant; re-read a case's clock when it arrives.</remarks>
    /// <exception cref="CalendarCoverageException">A warning instant needs a date the calendar does not cover.</exception>
    public Instant? NextStageChangeAfter(Instant after)
    {
        if (State != SlaClockState.Running)
        {
            return null;
        }

        Instant? next = null;
        foreach (var candidate in WarningInstants())
        {
            if (candidate > after && (next is null || candidate < next))
            {
                next = candidate;
            }
        }

        var overdue = Deadline + Duration.Epsilon;
        return overdue > after && (next is null || overdue < next) ? overdue : next;
    }

    /// <summary>Gets the explanation steps: how the deadline was reached, then every pause, resume, extension and stop.</summary>
    /// <remarks>Built on first ask (by replaying the clock's history on its calendar with text) and kept; the clock's
    /// deadlines never depend on it.</remarks>
    public IReadOnlyList<string> Steps => Array.AsReadOnly(ExplainedSteps());

    /// <summary>Explains the deadline in one line, the steps joined with " · ".</summary>
    /// <returns>The explanation.</returns>
    public string Explain() => string.Join(" · ", ExplainedSteps());

    /// <summary>The explanation steps, replayed with text on first ask. Deterministic, so a race only builds them twice.</summary>
    private string[] ExplainedSteps() => steps ??= Replay(Calendar, thresholds, events, explain: true).steps!;

    /// <summary>Each threshold's warning instant, in threshold order; computed once per (immutable) clock.</summary>
    private Instant[] WarningInstants()
    {
        if (warningInstants is { } cached)
        {
            return cached;
        }

        var instants = thresholds.Count == 0 ? [] : new Instant[thresholds.Count];
        for (var i = 0; i < instants.Length; i++)
        {
            instants[i] = WarningInstant(thresholds[i]);
        }

        return warningInstants = instants;
    }

    /// <summary>Replays this clock's history on <paramref name="calendar"/> and reports whether and why the deadline moved.</summary>
    /// <param name="calendar">The new calendar (e.g. built after next year's notice arrived).</param>
    /// <returns>The re-projected clock and the reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="CalendarCoverageException">The history needs a date the new calendar does not cover.</exception>
    public SlaReprojection Reproject(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var clock = Replay(calendar, Thresholds, events, explain: false);
        var changes = new List<DayChange>();
        var last = Instant.Max(Deadline, clock.Deadline).InZone(calendar.Zone).Date;
        var first = StartedAt.InZone(calendar.Zone).Date;
        var before = Calendar.DaysBetween(first, last).ToDictionary(d => d.Date);
        foreach (var now in calendar.DaysBetween(first, last))
        {
            if (before.TryGetValue(now.Date, out var was)
                && (was.IsWorkingDay != now.IsWorkingDay || was.Source != now.Source || was.IsProvisional != now.IsProvisional))
            {
                changes.Add(new DayChange(was, now));
            }
        }

        var reasons = changes.Where(c => c.ChangesWorkingStatus).Select(c => c.ToString()).ToList();
        if (clock.Deadline != Deadline && reasons.Count == 0)
        {
            reasons.Add("the working hours or the time zone differ");
        }

        if (IsProvisional && !clock.IsProvisional)
        {
            reasons.Add("the deadline is no longer provisional");
        }

        return new SlaReprojection(clock, Deadline, DueDate, IsProvisional, changes, reasons);
    }

    private static SlaClock Replay(BusinessCalendar calendar, IReadOnlyList<WarningThreshold> thresholds, ClockEvent[] history, bool explain)
    {
        var first = history[0];
        // Only an explained replay needs the DeadlineResult (its steps); the plain one takes the allocation-free core.
        string[]? steps = null;
        Instant deadline;
        LocalDate dueDate;
        bool isProvisional;
        if (explain)
        {
            var result = calendar.Deadline(first.At, first.Limit!);
            (deadline, dueDate, isProvisional, steps) = (result.Deadline, result.DueDate, result.IsProvisional, [.. result.Steps]);
        }
        else
        {
            (deadline, dueDate, isProvisional) = calendar.DeadlineCore(first.At, first.Limit!);
        }

        var elapsedBasis = first.Limit!.Unit == TimeLimitUnit.Elapsed;
        var allotted = elapsedBasis ? deadline - first.At : calendar.WorkingTimeBetween(first.At, deadline);
        var clock = new SlaClock(calendar, thresholds, [first], steps, SlaClockState.Running, deadline,
            allotted, Duration.Zero, first.At, Duration.Zero, false, null, isProvisional, dueDate,
            RunsToEndOfDay(first.Limit));
        for (var i = 1; i < history.Length; i++)
        {
            clock = clock.Then(history[i].Kind, history[i].At, history[i].Limit, explain);
        }

        return clock;
    }

    /// <summary>One transition; with <paramref name="explain"/> (this clock explained) the new clock's steps are this
    /// clock's plus one, else they are left to be built on first ask.</summary>
    private SlaClock Then(ClockEventKind kind, Instant at, TimeLimit? limit, bool explain)
    {
        if (at < events[^1].At)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at,
                $"A clock transition at {Stamp(at)} comes before the previous one at {Stamp(events[^1].At)}.");
        }

        var allowed = kind switch
        {
            ClockEventKind.Pause => State == SlaClockState.Running,
            ClockEventKind.Resume => State == SlaClockState.Paused,
            _ => State != SlaClockState.Stopped,
        };
        if (!allowed)
        {
            throw new InvalidOperationException($"Cannot {kind.ToString().ToLowerInvariant()} a clock that is {State.ToString().ToLowerInvariant()}.");
        }

        ClockEvent[] history = [.. events, new ClockEvent(kind, at, limit)];
        var log = explain ? new List<string>(steps!) : null;
        switch (kind)
        {
            case ClockEventKind.Pause:
            {
                var remaining = Signed(at, Deadline);
                log?.Add($"paused (挂起) {Stamp(at)} with {Format(remaining)} left");
                return new SlaClock(Calendar, thresholds, history, log?.ToArray(), SlaClockState.Paused, Deadline, Allotted,
                    consumed + Measure(segmentStart, at), segmentStart, remaining, at > Deadline, at, IsProvisional, DueDate, toEndOfDay);
            }

            case ClockEventKind.Resume:
            {
                var deadline = Deadline;
                var provisional = IsProvisional;
                if (!overdueAtHalt)
                {
                    deadline = CarryForward(at, remainingAtHalt);
                    provisional |= !elapsedBasis && deadline > at && Calendar.IsProvisionalBetween(at, deadline);
                    log?.Add(deadline == Deadline
                        ? $"resumed {Stamp(at)}: the pause covered no working time, deadline stays {Stamp(deadline)}"
                        : $"resumed {Stamp(at)}: {Format(remainingAtHalt)} carried forward → deadline {Stamp(deadline)}");
                }
                else
                {
                    log?.Add($"resumed {Stamp(at)}: already overdue, deadline stays {Stamp(deadline)}");
                }

                return new SlaClock(Calendar, thresholds, history, log?.ToArray(), SlaClockState.Running, deadline, Allotted,
                    consumed, at, Duration.Zero, false, null, provisional, DueDateOf(deadline), toEndOfDay);
            }

            case ClockEventKind.Extend:
            {
                Instant newDeadline;
                LocalDate newDueDate;
                var provisional = IsProvisional;
                if (elapsedBasis || limit!.Unit == TimeLimitUnit.Elapsed)
                {
                    var result = Calendar.DeadlineAfter(Deadline, DueDate, limit!);
                    (newDeadline, newDueDate) = (result.Deadline, result.DueDate);
                    provisional |= result.IsProvisional;
                }
                else
                {
                    var (ticks, _, endDay, touched) = Calendar.ComputeAfter(Deadline, DueDate, limit);
                    (newDeadline, newDueDate) = (Instant.FromUnixTimeTicks(ticks), Calendar.DateAt(endDay));
                    provisional |= touched;
                }

                var added = Measure(Deadline, newDeadline);
                log?.Add($"extended (延期) {Stamp(at)} by {limit} from the deadline {Stamp(Deadline)} → {Stamp(newDeadline)}");
                var paused = State == SlaClockState.Paused;
                return new SlaClock(Calendar, thresholds, history, log?.ToArray(), State, newDeadline, Allotted + added,
                    consumed, segmentStart, paused ? remainingAtHalt + added : Duration.Zero,
                    paused && haltedAt!.Value > newDeadline, haltedAt, provisional, newDueDate, RunsToEndOfDay(limit!));
            }

            default:
            {
                var running = State == SlaClockState.Running;
                var total = running ? consumed + Measure(segmentStart, at) : consumed;
                var remaining = running ? Signed(at, Deadline) : remainingAtHalt;
                var overdue = running ? at > Deadline : overdueAtHalt;
                log?.Add($"stopped {Stamp(at)}{(overdue ? " (overdue)" : " (in time)")}");
                return new SlaClock(Calendar, thresholds, history, log?.ToArray(), SlaClockState.Stopped, Deadline, Allotted,
                    total, segmentStart, remaining, overdue, at, IsProvisional, DueDate, toEndOfDay);
            }
        }
    }

    private Instant WarningInstant(WarningThreshold threshold)
    {
        var toGo = Measure(segmentStart, Deadline) - threshold.RemainingAtFiring(Allotted);
        return toGo <= Duration.Zero ? segmentStart : Advance(segmentStart, toGo);
    }

    private static bool RunsToEndOfDay(TimeLimit limit) =>
        limit.CutOff == CutOff.EndOfDay && limit.Unit is TimeLimitUnit.CalendarDays or TimeLimitUnit.Months;

    /// <summary>The deadline when <paramref name="remaining"/> carries forward from <paramref name="from"/>.</summary>
    private Instant CarryForward(Instant from, Duration remaining) =>
        elapsedBasis
            ? from + remaining
            : Instant.FromUnixTimeTicks(Calendar.CarryForward(Calendar.TicksInRange(from), remaining.BclCompatibleTicks, toEndOfDay));

    private LocalDate DueDateOf(Instant deadline) =>
        elapsedBasis ? Calendar.DueDateOf(deadline) : Calendar.DateAt(Calendar.DueDayIndex(Calendar.TicksInRange(deadline)));

    private Duration Measure(Instant from, Instant to) =>
        to <= from ? Duration.Zero : elapsedBasis ? to - from : Calendar.WorkingTimeBetween(from, to);

    private Duration Signed(Instant at, Instant deadline) =>
        at <= deadline ? Measure(at, deadline) : -Measure(deadline, at);

    private Instant Advance(Instant from, Duration amount) =>
        elapsedBasis ? from + amount : Calendar.AddWorkingTime(from, amount);

    private string Stamp(Instant instant) => Explainer.Stamp(instant.InZone(Calendar.Zone));

    private static string Format(Duration d) =>
        (d < Duration.Zero ? "-" : string.Empty) +
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Abs(d.TotalHours)}h{Math.Abs(d.Minutes):00}m");
}

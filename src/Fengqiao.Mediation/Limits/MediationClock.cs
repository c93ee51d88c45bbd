using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Mediation.Limits;

/// <summary>
/// The clock of one statutory limit on one dispute: an <see cref="SlaClock"/> that knows the law's rules — what may
/// pause it (appraisal 鉴定, hearing 听证), whether and how it may be extended, and whether a lapse is a failure.
/// </summary>
/// <remarks>Immutable: every change returns a new clock. Pausing for a reason the limit does not allow, or extending a
/// limit that cannot be extended, throws rather than bending the law.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class MediationClock
{
    private MediationClock(StatutoryLimit limit, SlaClock clock, int extensions)
    {
        Limit = limit;
        Clock = clock;
        Extensions = extensions;
    }

    /// <summary>Gets the statutory limit the clock runs.</summary>
    public StatutoryLimit Limit { get; }

    /// <summary>Gets the underlying SLA clock (deadline, stage, explanation).</summary>
    public SlaClock Clock { get; }

    /// <summary>Gets how many extensions were granted.</summary>
    public int Extensions { get; }

    /// <summary>Starts the clock at the event the limit runs from.</summary>
    /// <param name="limit">The statutory limit.</param>
    /// <param name="calendar">The business calendar of the body running the clock.</param>
    /// <param name="start">The instant of the event the limit runs from (see <see cref="StatutoryLimit.RunsFrom"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CalendarCoverageException">The deadline falls outside the calendar's coverage.</exception>
    public static MediationClock Start(StatutoryLimit limit, BusinessCalendar calendar, Instant start)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(calendar);
        return new MediationClock(limit, SlaClock.Start(calendar, start, limit.Limit), 0);
    }

    /// <summary>Stops the clock while the excluded step runs (e.g. a medical appraisal): that time is not counted.</summary>
    /// <exception cref="InvalidOperationException">The limit names nothing that pauses it; the message names the limit.</exception>
    public MediationClock PauseForExclusion(Instant at)
    {
        if (Limit.PausesFor is null)
        {
            throw new InvalidOperationException($"{Limit.Name} ({Limit.Source}) has no excluded time: its clock cannot be paused.");
        }

        return new MediationClock(Limit, Clock.Pause(at), Extensions);
    }

    /// <summary>Restarts the clock when the excluded step ends; the remaining time carries forward.</summary>
    public MediationClock ResumeAfterExclusion(Instant at) => new(Limit, Clock.Resume(at), Extensions);

    /// <summary>Extends the limit as the law allows.</summary>
    /// <param name="by">The extension; for <see cref="ExtensionRule.OnceWithApproval"/> it must not exceed the
    /// statutory extension.</param>
    /// <param name="at">When the extension is granted.</param>
    /// <exception cref="InvalidOperationException">The limit cannot be extended, was already extended once, or
    /// <paramref name="by"/> exceeds the allowed extension; the message names the limit and its source.</exception>
    public MediationClock Extend(TimeLimit by, Instant at)
    {
        ArgumentNullException.ThrowIfNull(by);
        switch (Limit.Extension)
        {
            case ExtensionRule.None:
                throw new InvalidOperationException($"{Limit.Name} cannot be extended ({Limit.Source}).");
            case ExtensionRule.OnceWithApproval when Extensions > 0:
                throw new InvalidOperationException($"{Limit.Name} may be extended only once ({Limit.Source}); it already was.");
            case ExtensionRule.OnceWithApproval when !Fits(by, Limit.ExtensionLimit!):
                throw new InvalidOperationException($"{Limit.Name} may be extended by at most {Limit.ExtensionLimit} ({Limit.Source}); {by} asked.");
            default:
                return new MediationClock(Limit, Clock.Extend(by, at), Extensions + 1);
        }
    }

    /// <summary>Stops the clock when the step ends (agreement, failure, withdrawal).</summary>
    public MediationClock Stop(Instant at) => new(Limit, Clock.Stop(at), Extensions);

    /// <summary>Gets whether, at <paramref name="now"/>, the limit has run out and the law counts that as a failed
    /// mediation (医疗纠纷: 逾期视为调解不成).</summary>
    public bool HasLapsedAsFailure(Instant now) =>
        Limit.LapseMeansFailure && Clock.At(now).Stage == SlaStage.Overdue;

    private static bool Fits(TimeLimit asked, TimeLimit allowed) =>
        asked.Unit == allowed.Unit && asked.CutOff == allowed.CutOff && asked.Count <= allowed.Count;
}

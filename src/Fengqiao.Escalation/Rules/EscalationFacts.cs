using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// A snapshot of what the escalation rules (升级规则) look at for one case at one instant: what it is about, who holds
/// it, whether that unit gave up or ran overdue, how often the same matter came in, how it was rated and closed, and
/// any pending leader's instruction (批示).
/// </summary>
/// <remarks>
/// <para>The snapshot is plain data and knows nothing of the case desk: the host (or the desk's adapter) fills it
/// from the case's events and clocks, and <see cref="EscalationPolicy.Decide"/> reads it together with the case's
/// <see cref="Ladders.LadderPath"/>. The same snapshot and path always give the same decision.</para>
/// <para>Required: the case, its category, the holding unit and the instant of evaluation (<see cref="AsOf"/>, which
/// the repeat-complaint window counts back from). Every other property has a neutral default: normal priority, no
/// keywords, not declared unresolvable, handling clock on track, no other reports, not rated, not closed, no
/// instruction.</para>
/// <para>Properties are set with object initialisers or <c>with</c> expressions; each setter checks its value, so a
/// snapshot is always valid.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed record EscalationFacts
{
    private readonly OrgUnitId _holder;
    private readonly ImmutableArray<string> _keywords = [];
    private readonly ImmutableArray<Instant> _sameMatterReports = [];
    private readonly CasePriority _priority;
    private readonly SlaStage _handlingStage;
    private readonly CaseRating _latestRating;
    private readonly RaterKind _ratedBy;
    private readonly OrgUnitId? _closedBy;

    /// <summary>Creates a snapshot with the required facts; set the others with an object initialiser.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="category">What the case is about (事项类别).</param>
    /// <param name="holder">The org unit holding the case now.</param>
    /// <param name="asOf">The instant the snapshot describes (the sweep's "now").</param>
    /// <exception cref="ArgumentException"><paramref name="caseId"/>, <paramref name="category"/> or
    /// <paramref name="holder"/> is the default (empty) value.</exception>
    public EscalationFacts(CaseId caseId, CaseCategory category, OrgUnitId holder, Instant asOf)
    {
        if (caseId.Value is null)
        {
            throw new ArgumentException("Escalation facts need a case id; got the default (empty) CaseId.", nameof(caseId));
        }

        if (category.Key is null)
        {
            throw new ArgumentException($"Escalation facts for case '{caseId}' need a category; got the default (empty) CaseCategory.", nameof(category));
        }

        CaseId = caseId;
        Category = category;
        Holder = holder;
        AsOf = asOf;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets what the case is about.</summary>
    public CaseCategory Category { get; }

    /// <summary>Gets or initialises the org unit holding the case now; it must be on the case's ladder path.</summary>
    /// <exception cref="ArgumentException">The value is the default (empty) id.</exception>
    public OrgUnitId Holder
    {
        get => _holder;
        init => _holder = value.Value is not null
            ? value
            : throw new ArgumentException($"Escalation facts for case '{CaseId}' need the holding unit; got the default (empty) OrgUnitId.", nameof(value));
    }

    /// <summary>Gets or initialises the instant the snapshot describes.</summary>
    public Instant AsOf { get; init; }

    /// <summary>Gets or initialises the case's priority.</summary>
    /// <value>Default <see cref="CasePriority.Normal"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined priority.</exception>
    public CasePriority Priority
    {
        get => _priority;
        init => _priority = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': not a defined priority.");
    }

    /// <summary>Gets or initialises the keywords of the case's text, as the host extracted them (e.g. 欠薪, 火灾).</summary>
    /// <value>Default empty. Rules match a keyword list by substring, ordinally: the fact keyword 拖欠工资 matches the
    /// rule keyword 工资.</value>
    /// <exception cref="ArgumentException">The value is the default array or holds a null or empty keyword.</exception>
    public ImmutableArray<string> Keywords
    {
        get => _keywords;
        init
        {
            if (value.IsDefault || value.Any(string.IsNullOrEmpty))
            {
                throw new ArgumentException($"Case '{CaseId}': keywords must be an initialised array of non-empty strings.", nameof(value));
            }

            _keywords = value;
        }
    }

    /// <summary>Gets or initialises whether the holding unit declared that it cannot resolve the matter (无法解决).</summary>
    /// <value>Default false. Only the current holder's declaration counts: a declaration by a lower unit that already
    /// passed the case up must not be carried to the next snapshot, or the case would keep climbing.</value>
    public bool DeclaredUnresolvable { get; init; }

    /// <summary>Gets or initialises how the holding unit's handling clock stands (see <see cref="SlaClock.At"/>).</summary>
    /// <value>Default <see cref="SlaStage.OnTrack"/>. The clock of the current holder: when a case moves up, the new
    /// holder's clock starts afresh, or the overdue rule would fire again at once. Under relay budgets it is the worse of
    /// the holder's clock and its level's cumulative budget clock (<see cref="CaseClockKind.Relay"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined stage.</exception>
    public SlaStage HandlingStage
    {
        get => _handlingStage;
        init => _handlingStage = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': not a defined SLA stage.");
    }

    /// <summary>Gets or initialises how the citizen clock stands (办理时限 from registration, <see cref="CaseClockKind.Citizen"/>), which no dispatch, return or escalation resets.</summary>
    /// <value>Default <see cref="SlaStage.OnTrack"/>. Under relay budgets it is the whole relay's clock: a county rule on
    /// <c>citizen_stage</c> acts when the relay as a whole runs late, whichever level holds the case.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined stage.</exception>
    public SlaStage CitizenStage
    {
        get => _citizenStage;
        init => _citizenStage = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': not a defined SLA stage.");
    }

    private readonly SlaStage _citizenStage;

    /// <summary>Gets or initialises the instants at which the same matter was reported (this case and the reports
    /// merged into it or linked to it as repeats), in any order.</summary>
    /// <value>Default empty. Reports after <see cref="AsOf"/> are ignored by <see cref="ReportsWithin"/>.</value>
    /// <exception cref="ArgumentException">The value is the default array.</exception>
    public ImmutableArray<Instant> SameMatterReports
    {
        get => _sameMatterReports;
        init => _sameMatterReports = !value.IsDefault
            ? value
            : throw new ArgumentException($"Case '{CaseId}': same-matter reports must be an initialised array.", nameof(value));
    }

    /// <summary>Gets or initialises the case's latest rating (评价).</summary>
    /// <value>Default <see cref="CaseRating.NotRated"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined rating.</exception>
    public CaseRating LatestRating
    {
        get => _latestRating;
        init => _latestRating = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': not a defined rating.");
    }

    /// <summary>Gets or initialises who gave the latest rating.</summary>
    /// <value>Default <see cref="RaterKind.Citizen"/>; ignored while <see cref="LatestRating"/> is
    /// <see cref="CaseRating.NotRated"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public RaterKind RatedBy
    {
        get => _ratedBy;
        init => _ratedBy = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': not a defined rater.");
    }

    /// <summary>Gets or initialises the unit that closed (办结) the case, or null while it is open. When set, it must be
    /// on the case's ladder path.</summary>
    /// <exception cref="ArgumentException">The value is the default (empty) id.</exception>
    public OrgUnitId? ClosedBy
    {
        get => _closedBy;
        init => _closedBy = value is { Value: null }
            ? throw new ArgumentException($"Case '{CaseId}': the closing unit must be null or a real id; got the default (empty) OrgUnitId.", nameof(value))
            : value;
    }

    /// <summary>Gets or initialises whether a people's deputy asked for the closed case to be reopened (代表重开).</summary>
    /// <value>Default false.</value>
    public bool ReopenedByDeputy { get; init; }

    /// <summary>Gets or initialises the case's complexity tier (简单/复杂/疑难), or null when it has none.</summary>
    /// <value>Default null.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined tier.</exception>
    public CaseTier? Tier
    {
        get => _tier;
        init => _tier = value is null || Enum.IsDefined(value.Value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': not a defined tier.");
    }

    private readonly CaseTier? _tier;

    /// <summary>Gets or initialises the month (1–12) the case was registered in, in the county's time zone, for seasonal rules (e.g. heating in winter).</summary>
    /// <value>Default 0: not known, so no month condition holds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0–12.</exception>
    public int RegisteredMonth
    {
        get => _registeredMonth;
        init => _registeredMonth = value is >= 0 and <= 12 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Case '{CaseId}': a month is 1–12 (0 when not known).");
    }

    private readonly int _registeredMonth;

    /// <summary>Gets or initialises a leader's instruction (批示) not yet turned into a supervision, or null.</summary>
    public LeaderInstruction? PendingInstruction { get; init; }

    /// <summary>Gets or initialises when the case last moved up the ladder (escalated, started high or reopened above
    /// its closer), or null if it never has.</summary>
    /// <remarks>The repeat-complaint rule counts only reports after this instant (<see cref="RepeatReports"/>), so
    /// that the reports that moved a case once do not move it again at the next evaluation: a policy must be able to
    /// see from the facts that it has already acted.</remarks>
    public Instant? LastMovedUpAt { get; init; }

    /// <summary>Counts the reports of the same matter within <paramref name="window"/> before <see cref="AsOf"/>.</summary>
    /// <param name="window">How far back to count, e.g. 30 days.</param>
    /// <returns>The number of <see cref="SameMatterReports"/> in the half-open interval (AsOf − window, AsOf].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive.</exception>
    public int ReportsWithin(Duration window)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The repeat-complaint window must be positive.");
        }

        var from = AsOf - window;
        var count = 0;
        foreach (var at in _sameMatterReports)
        {
            if (at > from && at <= AsOf)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Counts the reports of the same matter that make a repeat complaint: those within
    /// <paramref name="window"/> before <see cref="AsOf"/> and after <see cref="LastMovedUpAt"/>.</summary>
    /// <param name="window">How far back to count, e.g. 30 days.</param>
    /// <returns>The number of <see cref="SameMatterReports"/> in (max(AsOf − window, LastMovedUpAt), AsOf].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive.</exception>
    public int RepeatReports(Duration window)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The repeat-complaint window must be positive.");
        }

        var from = AsOf - window;
        if (LastMovedUpAt is { } moved && moved > from)
        {
            from = moved;
        }

        var count = 0;
        foreach (var at in _sameMatterReports)
        {
            if (at > from && at <= AsOf)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Returns the facts on one line, for traces and logs.</summary>
    /// <returns>E.g. <c>case c-1 (dispute, Normal) held by community-a as of …: overdue, 2 report(s)</c>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"case {CaseId} ({Category}, {Priority}) held by {Holder} as of {AsOf}");
        var notes = new List<string>();
        if (!Keywords.IsEmpty)
        {
            notes.Add("keywords [" + string.Join(", ", Keywords) + "]");
        }

        if (DeclaredUnresolvable)
        {
            notes.Add("declared 无法解决");
        }

        if (HandlingStage != SlaStage.OnTrack)
        {
            notes.Add("handling " + HandlingStage);
        }

        if (!SameMatterReports.IsEmpty)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{SameMatterReports.Length} report(s) of the same matter"));
        }

        if (LatestRating != CaseRating.NotRated)
        {
            notes.Add($"rated {LatestRating} by {RatedBy}");
        }

        if (ClosedBy is { } closer)
        {
            notes.Add($"closed by {closer}");
        }

        if (ReopenedByDeputy)
        {
            notes.Add("reopened by a deputy");
        }

        if (PendingInstruction is { } instruction)
        {
            notes.Add(instruction.ToString());
        }

        if (Tier is { } tier)
        {
            notes.Add($"tier {tier}");
        }

        if (LastMovedUpAt is { } movedUp)
        {
            notes.Add($"last moved up at {movedUp}");
        }

        if (notes.Count > 0)
        {
            sb.Append(": ").Append(string.Join("; ", notes));
        }

        return sb.ToString();
    }
}

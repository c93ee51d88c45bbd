using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>
/// The county's register of hand-offs, keyed by the outside bodies' correlation keys (关联编号): sends hand-offs,
/// resolves the outside bodies' answers by key, flags overdue ones on a sweep, and keeps every hand-off and every
/// event — none ever disappears.
/// </summary>
/// <remarks>
/// <para>An answer for an unknown key is refused (<see cref="HandOffRefusal.UnknownKey"/>); an answer for a hand-off
/// already concluded or declined is refused (<see cref="HandOffRefusal.AlreadyClosed"/>); an answer that does not fit
/// the status is refused (<see cref="HandOffRefusal.NotPermitted"/>). A refused answer changes nothing: no hand-off,
/// no event. Every accepted answer appends exactly one or two events to <see cref="Events"/>, in the order applied.</para>
/// <para>The invariant the ledger keeps (and its property tests check): after a sweep at an instant, every
/// hand-off is concluded, declined (and so returned to its sender), pending within its limit, or flagged overdue.</para>
/// <para>The ledger is a projection of the case events (<see cref="Project"/>): every step of a hand-off is an event
/// of its case (<see cref="CaseHandedOff"/> with terms, then the <see cref="CaseHandOffRecord"/> family), recorded by
/// <see cref="Desk.MediationDesk"/>, which is the only writer. The state is held in memory; since the events are in the
/// case store, a mediation desk over a fresh ledger rebuilds it from the stored histories by itself: once, on the first
/// call that needs it (a call of the mediation desk, or the <see cref="Desk.HandOffCasePolicy"/> before it reads the
/// ledger), never in a constructor. A host that reads the ledger directly right after start-up, before any such call,
/// awaits <see cref="Desk.MediationDesk.CatchUpAsync"/> first.</para>
/// </remarks>
/// <threadsafety>Thread-safe: every operation takes one lock, so answers for the same key are applied one at a time
/// and never twice. Reads return immutable snapshots. The rebuild from the store runs at most once at a time, and once
/// it has succeeded never again.</threadsafety>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The only disposable field is a SemaphoreSlim whose wait handle is never created; the ledger lives as long as the host.")]
public sealed class HandOffLedger
{
    private readonly object gate = new();
    private readonly SemaphoreSlim rebuildGate = new(1, 1);
    private Func<CancellationToken, Task>? rebuildSource;
    private volatile bool rebuilt;
    private readonly BusinessCalendar calendar;
    private readonly Dictionary<CorrelationKey, HandOff> byKey = [];
    private readonly List<CorrelationKey> order = [];
    private readonly Dictionary<CorrelationKey, int> sentAs = [];
    private readonly Dictionary<CaseId, List<int>> byCase = [];
    private readonly SortedSet<int> pending = [];

    // How far each case's events were folded: kept for good for a case with a hand-off (bounded by the hand-offs, which
    // the ledger keeps anyway); for any other case only while it is among the last FoldWindow to 2 × FoldWindow cases
    // folded (two generations, the older dropped when the newer fills), so the ledger's memory follows its hand-offs and
    // the cases in play, not every case it ever saw (1.48 million a county-year).
    private readonly Dictionary<CaseId, long> folded = [];
    private Dictionary<CaseId, long> recentFolds = [];
    private Dictionary<CaseId, long> olderFolds = [];
    private ImmutableList<HandOffEvent> events = [];

    /// <summary>Creates a ledger.</summary>
    /// <param name="calendar">The business calendar the hand-offs' limits count on.</param>
    /// <param name="existing">Hand-offs to restore (e.g. loaded from the host's store), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException">Two restored hand-offs share a correlation key.</exception>
    public HandOffLedger(BusinessCalendar calendar, IEnumerable<HandOff>? existing = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        this.calendar = calendar;
        foreach (var handOff in existing ?? [])
        {
            IsRestored = true;
            ArgumentNullException.ThrowIfNull(handOff, nameof(existing));
            if (!byKey.TryAdd(handOff.Key, handOff))
            {
                throw new ArgumentException($"Two restored hand-offs share the correlation key '{handOff.Key}' (case {handOff.CaseId}).", nameof(existing));
            }

            Index(handOff);
        }
    }

    /// <summary>How many cases without a hand-off a generation of the ledger's fold records holds: a case without a
    /// hand-off is remembered while it is among the last <see cref="FoldWindow"/> to 2 × <see cref="FoldWindow"/> cases
    /// folded (see <see cref="Project"/>).</summary>
    internal const int FoldWindow = 131_072;

    /// <summary>Gets whether the ledger was created with restored hand-offs (the constructor's <c>existing</c>): a
    /// mediation desk then does not rebuild it from the stored case events, since it could not tell which of them the
    /// restored hand-offs already hold.</summary>
    public bool IsRestored { get; }

    /// <summary>Gets the actor the sweep records overdue flags under.</summary>
    public static ActorId SweepActor { get; } = new("system:hand-off-sweep");

    /// <summary>Gets every event applied through this ledger, in the order applied (restored hand-offs' histories are
    /// not repeated here).</summary>
    public ImmutableList<HandOffEvent> Events
    {
        get
        {
            lock (gate)
            {
                return events;
            }
        }
    }

    /// <summary>Sends a hand-off (see <see cref="HandOff.Send"/>).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The sent hand-off.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="HandOffRefusedException">The key is already in the ledger (<see cref="HandOffRefusal.DuplicateKey"/>),
    /// or the request does not meet its flow (see <see cref="HandOff.Send"/>).</exception>
    /// <exception cref="CalendarCoverageException">A limit needs a date the calendar does not cover.</exception>
    internal HandOff Send(HandOffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (gate)
        {
            if (byKey.TryGetValue(request.Key, out var existing))
            {
                throw new HandOffRefusedException(HandOffRefusal.DuplicateKey, request.Key, existing,
                    $"The correlation key '{request.Key}' already names {existing} (sent {existing.SentAt}); a new hand-off of case {request.CaseId} from {request.From} to {request.To} needs its own key.");
            }

            var handOff = HandOff.Send(request, calendar);
            byKey.Add(handOff.Key, handOff);
            Index(handOff);
            events = events.AddRange(handOff.History);
            return handOff;
        }
    }

    /// <summary>Checks a request as <see cref="Send"/> would, without sending it.</summary>
    internal void Validate(HandOffRequest request)
    {
        lock (gate)
        {
            if (byKey.TryGetValue(request.Key, out var existing))
            {
                throw new HandOffRefusedException(HandOffRefusal.DuplicateKey, request.Key, existing,
                    $"The correlation key '{request.Key}' already names {existing} (sent {existing.SentAt}); a new hand-off of case {request.CaseId} from {request.From} to {request.To} needs its own key.");
            }

            _ = HandOff.Send(request, calendar);
        }
    }

    /// <summary>Folds one case event into the ledger: a <see cref="CaseHandedOff"/> that carries its terms
    /// (<see cref="CaseHandedOff.Terms"/>) opens the hand-off it names, and a <see cref="CaseHandOffRecord"/> (accepted,
    /// declined, concluded, extended, paused, resumed, overdue) applies that step to the hand-off its key names.</summary>
    /// <param name="caseEvent">An event of any case, as the case desk published or the store returns it.</param>
    /// <returns><see langword="true"/> when the event changed a hand-off; <see langword="false"/> for any other event, and
    /// for an event of a case already folded up to that version (folding the same events twice changes nothing).</returns>
    /// <remarks>
    /// <para>The ledger is a projection of the case events: <see cref="Desk.MediationDesk"/> folds every event the desk
    /// publishes and, after a restart, rebuilds the ledger from the stored histories by itself. Each case's events must
    /// come in version order; the ledger remembers how far it folded each case. The first event folded of a case may
    /// have any version (a host may fold only what it kept); after it, versions must follow one by one.</para>
    /// <para>Memory: the ledger remembers the folded version of a case with a hand-off for good, and that of any other
    /// case only while it is among the last 131,072 to 262,144 distinct cases folded (at most about 20 MB), not for every case ever folded. A case forgotten that way counts as never folded: its
    /// next event is taken as its first, whatever its version, and <see cref="Desk.MediationDesk"/> reads its stored
    /// history once to catch up, which changes nothing for a case without hand-off steps. Only an event of such a case
    /// folded a second time after it was forgotten is folded again rather than skipped: a hand-off step the ledger
    /// refused before is then refused again (the same exception); no step is ever applied twice, since a case with a
    /// hand-off is never forgotten.</para>
    /// <para>A step is dated by the event's instant and names the event's actor. A hand-off is sent by the event's actor
    /// (or <see cref="CaseHandOffTerms.SentBy"/>); its facts are the event cause's facts (an explanation, never read back
    /// as terms).</para>
    /// <para>When the hand-off refuses the step (see <see cref="HandOff"/>), the exception propagates, the ledger's
    /// hand-offs are unchanged and the event counts as folded. A ledger created with restored hand-offs
    /// (<see cref="IsRestored"/>) does not check versions: every event given to it is taken as new.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event skips versions of its case (the ledger folded it up to an earlier
    /// version than the one before it, not 0), or the terms or a conclusion name a purpose or outcome Fengqiao.Mediation does not know.</exception>
    /// <exception cref="HandOffRefusedException">The hand-off refuses the step (an unknown key, a closed hand-off, a request its flow refuses).</exception>
    public bool Project(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        lock (gate)
        {
            var last = FoldedUpTo(caseEvent.CaseId);
            if (IsRestored)
            {
                // Restored hand-offs came without their events' versions: every event given is new.
                Remember(caseEvent.CaseId, Math.Max(last, caseEvent.Version));
                return FoldCore(caseEvent);
            }

            if (caseEvent.Version <= last)
            {
                return false;
            }

            if (last != 0 && caseEvent.Version != last + 1)
            {
                throw new ArgumentException(
                    $"Case {caseEvent.CaseId} v{caseEvent.Version}: the ledger has folded this case up to v{last}; fold each case's events in order from its first.",
                    nameof(caseEvent));
            }

            Remember(caseEvent.CaseId, caseEvent.Version);
            return FoldCore(caseEvent);
        }
    }

    /// <summary>Names how this ledger is rebuilt from the store (the first mediation desk built over it); later calls change nothing.</summary>
    internal void RebuildFrom(Func<CancellationToken, Task> source) => Interlocked.CompareExchange(ref rebuildSource, source, null);

    /// <summary>Rebuilds the ledger from the store through the source named by <see cref="RebuildFrom"/>, once: concurrent
    /// callers wait for the one rebuild; after it succeeded this returns at once. A failed rebuild throws to its caller
    /// and runs again on the next call (events already folded are skipped by version).</summary>
    internal ValueTask EnsureRebuiltAsync(CancellationToken cancellationToken) =>
        rebuilt || Volatile.Read(ref rebuildSource) is null ? ValueTask.CompletedTask : RebuildOnceAsync(cancellationToken);

    private async ValueTask RebuildOnceAsync(CancellationToken cancellationToken)
    {
        await rebuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!rebuilt)
            {
                await rebuildSource!(cancellationToken).ConfigureAwait(false);
                rebuilt = true;
            }
        }
        finally
        {
            rebuildGate.Release();
        }
    }

    /// <summary>Folds the event when it is the next of its case (as <see cref="Project"/>); reports a gap instead of throwing.</summary>
    internal bool ProjectIfNext(CaseEvent caseEvent, out bool gap)
    {
        lock (gate)
        {
            gap = !IsRestored && caseEvent.Version > FoldedUpTo(caseEvent.CaseId) + 1;
            return !gap && Project(caseEvent);
        }
    }

    /// <summary>Gets the version up to which the ledger folded a case's events (0 for none, or for a case without a
    /// hand-off that it has forgotten, see <see cref="Project"/>).</summary>
    internal long FoldedVersion(CaseId caseId)
    {
        lock (gate)
        {
            return FoldedUpTo(caseId);
        }
    }

    /// <summary>The version up to which a case was folded, 0 for none or forgotten (under the lock).</summary>
    private long FoldedUpTo(CaseId caseId) =>
        folded.TryGetValue(caseId, out var version) || recentFolds.TryGetValue(caseId, out version) || olderFolds.TryGetValue(caseId, out version)
            ? version
            : 0;

    /// <summary>Records how far a case was folded (under the lock): for good for a case with a hand-off, else in the
    /// newer generation, which becomes the older (dropping the older) when it holds <see cref="FoldWindow"/> cases.</summary>
    private void Remember(CaseId caseId, long version)
    {
        if (byCase.ContainsKey(caseId))
        {
            folded[caseId] = version;
            return;
        }

        recentFolds[caseId] = version;
        if (recentFolds.Count >= FoldWindow)
        {
            (olderFolds, recentFolds) = (recentFolds, olderFolds);
            recentFolds.Clear();
        }
    }

    private bool FoldCore(CaseEvent caseEvent)
    {
        var at = caseEvent.At;
        var by = caseEvent.Actor.Id;
        switch (caseEvent.Payload)
        {
            case CaseHandedOff { Terms: { } terms } handedOff:
                return Open(caseEvent, handedOff, terms);
            case CaseHandOffAccepted accepted:
                Apply(new CorrelationKey(accepted.Key), h => h.Accept(at, by));
                return true;
            case CaseHandOffDeclined declined:
                Apply(new CorrelationKey(declined.Key), h => h.Decline(at, by, declined.Reason));
                return true;
            case CaseHandOffConcluded concluded:
                if (!Enum.TryParse<HandOffOutcome>(concluded.Outcome, ignoreCase: false, out var outcome) || !Enum.IsDefined(outcome))
                {
                    throw new ArgumentException(
                        $"Case {caseEvent.CaseId} v{caseEvent.Version}: hand-off '{concluded.Key}' concluded with outcome '{concluded.Outcome}', which is not one of {string.Join(", ", Enum.GetNames<HandOffOutcome>())}.",
                        nameof(caseEvent));
                }

                Apply(new CorrelationKey(concluded.Key), h => h.Conclude(at, by, outcome, concluded.Text));
                return true;
            case CaseHandOffExtended extended:
                Apply(new CorrelationKey(extended.Key), h => h.Extend(extended.By, at, by, extended.Reason));
                return true;
            case CaseHandOffPaused paused:
                Apply(new CorrelationKey(paused.Key), h => h.PauseForExclusion(at, by, paused.Reason));
                return true;
            case CaseHandOffResumed resumed:
                Apply(new CorrelationKey(resumed.Key), h => h.Resume(at, by));
                return true;
            case CaseHandOffOverdue overdue:
                Apply(new CorrelationKey(overdue.Key), h => h.FlagOverdue(at, by));
                return true;
            default:
                return false;
        }
    }

    private bool Open(CaseEvent caseEvent, CaseHandedOff handedOff, CaseHandOffTerms terms)
    {
        if (!Enum.TryParse<HandOffPurpose>(terms.Purpose, ignoreCase: false, out var purpose) || !Enum.IsDefined(purpose))
        {
            throw new ArgumentException(
                $"Case {caseEvent.CaseId} v{caseEvent.Version}: the hand-off terms name purpose '{terms.Purpose}', which is not one of {string.Join(", ", Enum.GetNames<HandOffPurpose>())}.",
                nameof(caseEvent));
        }

        var key = new CorrelationKey(terms.Key);
        if (byKey.ContainsKey(key))
        {
            return false;
        }

        var request = new HandOffRequest(
            key, caseEvent.CaseId, purpose, new Bodies.DisputeType(terms.DisputeType), terms.From, handedOff.Body, terms.SentBy ?? caseEvent.Actor.Id,
            caseEvent.At, handedOff.Reason ?? terms.RuleId ?? purpose.ToString())
        {
            RuleId = terms.RuleId,
            Mediator = terms.Mediator,
            TrafficAccident = terms.TrafficAccident,
            Facts = (caseEvent.Cause?.Facts ?? ImmutableSortedDictionary<string, string>.Empty).WithComparers(StringComparer.Ordinal),
            AgreementTakesEffect = terms.AgreementTakesEffect,
            MediationTerminated = terms.MediationTerminated,
            MediationRecord = terms.MediationRecord,
            AnswerLimit = purpose == HandOffPurpose.PoliceTrafficSwitch ? Limits.MediationLimits.TrafficSwitchToPolice : null,
        };
        Send(request);
        return true;
    }

    /// <summary>Folds case events into the ledger in order (<see cref="Project"/>), for example every stored history
    /// when the host rebuilds a ledger by hand (a mediation desk does it by itself).</summary>
    /// <param name="caseEvents">The events, each case's in version order from its first.</param>
    /// <returns>How many events changed a hand-off.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvents"/> is null.</exception>
    /// <exception cref="ArgumentException">An event skips versions of its case, or names an unknown purpose or outcome.</exception>
    /// <exception cref="HandOffRefusedException">A hand-off refuses a step; the events folded before it stay.</exception>
    internal int ProjectAll(IEnumerable<CaseEvent> caseEvents)
    {
        ArgumentNullException.ThrowIfNull(caseEvents);
        var changed = 0;
        foreach (var e in caseEvents)
        {
            changed += Project(e) ? 1 : 0;
        }

        return changed;
    }

    /// <summary>Lists the pending hand-offs that a sweep at <paramref name="now"/> would flag overdue, without flagging them.</summary>
    internal ImmutableArray<HandOff> Overdue(Instant now)
    {
        lock (gate)
        {
            var due = ImmutableArray.CreateBuilder<HandOff>();
            foreach (var index in pending)
            {
                var h = byKey[order[index]];
                if (!ReferenceEquals(h, h.FlagOverdue(now, SweepActor)))
                {
                    due.Add(h);
                }
            }

            return due.ToImmutable();
        }
    }

    /// <summary>Gets whether <paramref name="key"/> is in the ledger.</summary>
    internal bool IsTaken(CorrelationKey key)
    {
        lock (gate)
        {
            return byKey.ContainsKey(key);
        }
    }

    /// <summary>Applies the receiving body's acceptance (签收) to the hand-off with <paramref name="key"/>.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who signed for it.</param>
    /// <returns>The hand-off after the answer.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the answer is refused (see <see cref="HandOff.Accept"/>).</exception>
    internal HandOff Accept(CorrelationKey key, Instant at, ActorId by) => Apply(key, h => h.Accept(at, by));

    /// <summary>Applies the receiving body's decline (退回) with a reason.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who declined it.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The declined hand-off.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the answer is refused (see <see cref="HandOff.Decline"/>).</exception>
    internal HandOff Decline(CorrelationKey key, Instant at, ActorId by, string reason) => Apply(key, h => h.Decline(at, by, reason));

    /// <summary>Applies an outcome to an accepted hand-off.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who reported it.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="note">A note, or <see langword="null"/>.</param>
    /// <returns>The concluded hand-off.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the answer is refused (see <see cref="HandOff.Conclude"/>).</exception>
    internal HandOff Conclude(CorrelationKey key, Instant at, ActorId by, HandOffOutcome outcome, string? note = null) =>
        Apply(key, h => h.Conclude(at, by, outcome, note));

    /// <summary>Extends the current limit of a pending hand-off (see <see cref="HandOff.Extend"/>).</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="by">The extension.</param>
    /// <param name="at">When.</param>
    /// <param name="actor">Who granted it.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The extended hand-off.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the extension is refused.</exception>
    internal HandOff Extend(CorrelationKey key, TimeLimit by, Instant at, ActorId actor, string reason) =>
        Apply(key, h => h.Extend(by, at, actor, reason));

    /// <summary>Pauses a pending hand-off's limit for excluded time (see <see cref="HandOff.PauseForExclusion"/>).</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="at">When.</param>
    /// <param name="actor">Who recorded it.</param>
    /// <param name="reason">What the excluded step is.</param>
    /// <returns>The paused hand-off.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the pause is refused.</exception>
    internal HandOff PauseForExclusion(CorrelationKey key, Instant at, ActorId actor, string reason) =>
        Apply(key, h => h.PauseForExclusion(at, actor, reason));

    /// <summary>Resumes a paused hand-off's limit (see <see cref="HandOff.Resume"/>).</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="at">When.</param>
    /// <param name="actor">Who recorded it.</param>
    /// <returns>The resumed hand-off.</returns>
    /// <exception cref="HandOffRefusedException">The key is unknown, or the resume is refused.</exception>
    internal HandOff Resume(CorrelationKey key, Instant at, ActorId actor) => Apply(key, h => h.Resume(at, actor));

    /// <summary>Flags every pending hand-off whose current limit has run out at <paramref name="now"/> and is not
    /// flagged yet.</summary>
    /// <param name="now">The instant of the sweep (from the host's <see cref="IClock"/>).</param>
    /// <returns>The overdue events appended, in key order of sending.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="now"/> is outside the calendar's range.</exception>
    internal ImmutableArray<HandOffEvent> Sweep(Instant now)
    {
        lock (gate)
        {
            var flagged = ImmutableArray.CreateBuilder<HandOffEvent>();
            // Only pending hand-offs can go overdue; the index keeps them in the order sent.
            foreach (var index in pending)
            {
                var key = order[index];
                var before = byKey[key];
                var after = before.FlagOverdue(now, SweepActor);
                if (!ReferenceEquals(before, after))
                {
                    byKey[key] = after;
                    flagged.Add(after.History[^1]);
                }
            }

            events = events.AddRange(flagged);
            return flagged.ToImmutable();
        }
    }

    /// <summary>Gets the hand-off with <paramref name="key"/>.</summary>
    /// <param name="key">The correlation key.</param>
    /// <returns>The hand-off.</returns>
    /// <exception cref="HandOffRefusedException">No hand-off has the key (<see cref="HandOffRefusal.UnknownKey"/>).</exception>
    public HandOff Get(CorrelationKey key)
    {
        lock (gate)
        {
            return byKey.TryGetValue(key, out var handOff) ? handOff : throw Unknown(key, "look up");
        }
    }

    /// <summary>Finds the hand-off with <paramref name="key"/>.</summary>
    /// <param name="key">The correlation key.</param>
    /// <param name="handOff">The hand-off, or <see langword="null"/>.</param>
    /// <returns>Whether the ledger has it.</returns>
    public bool TryGet(CorrelationKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HandOff? handOff)
    {
        lock (gate)
        {
            return byKey.TryGetValue(key, out handOff);
        }
    }

    /// <summary>Gets every hand-off, in the order sent.</summary>
    /// <returns>A snapshot.</returns>
    public ImmutableArray<HandOff> All()
    {
        lock (gate)
        {
            return [.. order.Select(k => byKey[k])];
        }
    }

    /// <summary>Gets a case's hand-offs across all bodies, in the order sent: its history between bodies.</summary>
    /// <param name="caseId">The case.</param>
    /// <returns>A snapshot; empty when the case has none.</returns>
    public ImmutableArray<HandOff> ForCase(CaseId caseId)
    {
        lock (gate)
        {
            return byCase.TryGetValue(caseId, out var sent) ? [.. sent.Select(i => byKey[order[i]])] : [];
        }
    }

    private HandOff Apply(CorrelationKey key, Func<HandOff, HandOff> answer)
    {
        lock (gate)
        {
            if (!byKey.TryGetValue(key, out var before))
            {
                throw Unknown(key, "answer");
            }

            var after = answer(before);
            byKey[key] = after;
            if (after.IsPending)
            {
                pending.Add(sentAs[key]);
            }
            else
            {
                pending.Remove(sentAs[key]);
            }

            events = events.AddRange(after.History.Skip(before.History.Length));
            return after;
        }
    }

    /// <summary>Gets each mediator's load: how many pending hand-offs to mediation name them as the mediator
    /// (<see cref="HandOff.Mediator"/>, from <see cref="CaseHandOffTerms.Mediator"/> or <see cref="HandOffRequest.Mediator"/>).</summary>
    /// <returns>A new dictionary, by mediator; mediators with nothing pending are absent. Pass it to
    /// <see cref="Fengqiao.Mediation.Routing.MediationRouter.Route"/> so no mediator is assigned beyond capacity.</returns>
    /// <remarks>The typed field is read, never the sent event's facts: those explain the rule's decision and may name
    /// anything.</remarks>
    public ImmutableDictionary<ActorId, int> MediatorLoads()
    {
        lock (gate)
        {
            var loads = ImmutableDictionary.CreateBuilder<ActorId, int>();
            foreach (var index in pending)
            {
                var handOff = byKey[order[index]];
                if (handOff is { Direction: HandOffDirection.ToMediation, Mediator: { } mediator })
                {
                    loads[mediator] = loads.GetValueOrDefault(mediator) + 1;
                }
            }

            return loads.ToImmutable();
        }
    }

    /// <summary>Records a new hand-off in the order, case and pending indexes (under the lock).</summary>
    private void Index(HandOff handOff)
    {
        var index = order.Count;
        order.Add(handOff.Key);
        sentAs.Add(handOff.Key, index);
        if (!byCase.TryGetValue(handOff.CaseId, out var sent))
        {
            byCase[handOff.CaseId] = sent = [];

            // The case's fold record is kept for good from its first hand-off on (see Remember).
            var version = FoldedUpTo(handOff.CaseId);
            if (version > 0)
            {
                folded[handOff.CaseId] = version;
            }
        }

        sent.Add(index);
        if (handOff.IsPending)
        {
            pending.Add(index);
        }
    }

    private static HandOffRefusedException Unknown(CorrelationKey key, string what) =>
        new(HandOffRefusal.UnknownKey, key, null,
            $"No hand-off has the correlation key '{key}': the {what} is refused and nothing was changed. Check the outside body's reference number.");
}

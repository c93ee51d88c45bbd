using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Hosting.Web;

/// <summary>One step of a case as a citizen sees it: when, and the state it reached.</summary>
/// <param name="At">When the step happened.</param>
/// <param name="State">The state reached.</param>
/// <param name="Label">The state's label (Chinese first, English beside).</param>
public sealed record CitizenTimelineEntry(NodaTime.Instant At, CaseState State, string Label)
{
    /// <summary>
    /// The name of the staff member who took the step, only when the county shows staff names to citizens
    /// (<see cref="FengqiaoCitizenViewOptions.ShowStaffNames"/>) and the actor is a member of its profile; otherwise <see langword="null"/>.
    /// </summary>
    public string? StaffName { get; init; }
}

/// <summary>
/// What a citizen holding the query code (查询码) may see of a case: its state, deadline, the reply and a public timeline.
/// </summary>
/// <remarks>
/// Never carries the reporter's name or phone, the report text of anyone else (joined reports), staff ids, or the text
/// of any event (reasons, instructions and notes are internal). The code of a report joined to the case as a duplicate
/// (<see cref="Case.JoinedQueryCodeDigests"/>) shows the same view of the case — its state, deadline, answer and public
/// timeline, never any report's text, neither the first reporter's nor the joined one's — marked
/// <see cref="IsJoinedReport"/>, with <see cref="CanRate"/> false: rating and withdrawing stay with the first reporter's code. Staff names appear only when the view is built with a
/// name lookup, which hosts pass only when the county allows it (<see cref="FengqiaoCitizenViewOptions.ShowStaffNames"/>). Immutable.
/// </remarks>
/// <param name="QueryCode">The query code the citizen presented (the case keeps only its digest, so the view repeats the code it was looked up by).</param>
/// <param name="State">The current state.</param>
/// <param name="StateLabel">The state's label.</param>
/// <param name="Category">The category key.</param>
/// <param name="RegisteredAt">When the case was registered.</param>
/// <param name="Due">The deadline of the citizen-facing clock, or <see langword="null"/> when there is none.</param>
/// <param name="Reply">The answer given to the citizen, once there is one.</param>
/// <param name="Rating">The citizen's current rating.</param>
/// <param name="CanRate">Whether the citizen may rate now.</param>
/// <param name="Timeline">The public steps, oldest first.</param>
public sealed record CitizenCaseView(
    string QueryCode,
    CaseState State,
    string StateLabel,
    string Category,
    NodaTime.Instant RegisteredAt,
    NodaTime.Instant? Due,
    string? Reply,
    CaseRating Rating,
    bool CanRate,
    ImmutableArray<CitizenTimelineEntry> Timeline)
{
    /// <summary>Builds the citizen's view of a case from the case, the code it was found by and its history.</summary>
    /// <param name="case">The case (from <c>CaseDesk.FindByQueryCodeAsync(code)</c>).</param>
    /// <param name="code">The query code the citizen presented and the case was found by.</param>
    /// <param name="history">Its events (from <c>CaseDesk.GetHistoryAsync</c>), oldest first.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CitizenCaseView From(Case @case, Cases.QueryCodes.QueryCode code, IReadOnlyList<CaseEvent> history) => From(@case, code, history, null);

    /// <summary>
    /// Builds the citizen's view of a case from the case and its history, naming the staff who handled it when
    /// <paramref name="staffName"/> is given (pass it only when the county allows, see <see cref="FengqiaoCitizenViewOptions.ShowStaffNames"/>).
    /// </summary>
    /// <param name="case">The case (from <c>CaseDesk.FindByQueryCodeAsync(code)</c>).</param>
    /// <param name="code">The query code the citizen presented and the case was found by.</param>
    /// <param name="history">Its events (from <c>CaseDesk.GetHistoryAsync</c>), oldest first.</param>
    /// <param name="staffName">
    /// The display name of a staff member by id (for example from the county profile's members), or <see langword="null"/>
    /// for none; <see langword="null"/> (the default) shows no staff names. Only staff and deputy actors are looked up;
    /// citizens, channels and the system never get a name here.
    /// </param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> or <paramref name="history"/> is null.</exception>
    /// <remarks>Thread-safe if <paramref name="staffName"/> is.</remarks>
    public static CitizenCaseView From(Case @case, Cases.QueryCodes.QueryCode code, IReadOnlyList<CaseEvent> history, Func<ActorId, string?>? staffName)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(history);
        string? NameOf(CaseActor actor) =>
            staffName is not null && actor.Kind is CaseActorKind.Staff or CaseActorKind.Deputy ? staffName(actor.Id) : null;
        var timeline = history
            .Where(e => e.Payload is CaseRegistration || (e.Payload is CaseTransition && (e.From != e.To || e.Payload is CaseEscalated)))
            .Select(e => new CitizenTimelineEntry(e.At, e.To, CaseLabels.State(e.To)) { StaffName = NameOf(e.Actor) })
            .ToImmutableArray();
        var due = (@case.Clock(CaseClockKind.Citizen) ?? @case.Clock(CaseClockKind.Unit))?.Deadline;
        return new CitizenCaseView(
            code.ToString(),
            @case.State,
            CaseLabels.State(@case.State),
            @case.Report.Category.Key,
            @case.RegisteredAt,
            due,
            @case.Reply,
            @case.CurrentRating,
            @case.State is CaseState.CallbackPending,
            timeline)
        {
            HandledBy = staffName is not null && @case.Worker is { } worker ? staffName(worker) : null,
        };
    }

    /// <summary>
    /// The name of the worker handling the case, only when the view was built with a staff-name lookup (the county shows
    /// staff names) and a worker has claimed it; otherwise <see langword="null"/>.
    /// </summary>
    public string? HandledBy { get; init; }

    /// <summary>Gets whether the code presented is a joined report's own code rather than the case's: set by the host
    /// (see <see cref="ForJoinedReport"/>), <see langword="false"/> by default.</summary>
    public bool IsJoinedReport { get; init; }

    /// <summary>Marks the view as seen through a joined report's code: <see cref="IsJoinedReport"/> set and
    /// <see cref="CanRate"/> cleared (only the first reporter's code rates or withdraws).</summary>
    /// <returns>The marked copy.</returns>
    /// <remarks>A host tells the two apart with <c>CaseDesk.Citizen(code, case).QueryCodeDigest != case.QueryCodeDigest</c>.</remarks>
    public CitizenCaseView ForJoinedReport() => this with { IsJoinedReport = true, CanRate = false };
}

/// <summary>One event of a case as staff see it.</summary>
/// <param name="Version">The event's version.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What kind of event: the payload's name, for example <c>CaseClaimed</c>.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Trigger">The trigger, for transitions.</param>
/// <param name="Actor">Who acted (id and kind, for example <c>staff:yashan-worker</c>).</param>
/// <param name="Text">The event's text (reason, reply, instruction, note), internal to staff; <see langword="null"/> when it has none.</param>
public sealed record StaffEventView(long Version, NodaTime.Instant At, string Kind, CaseState From, CaseState To, CaseTrigger? Trigger, string Actor, string? Text);

/// <summary>What staff see of a case: everything the citizen sees, the holder, the worker, the report and the full history.</summary>
/// <remarks>
/// The reporter's name and phone are masked (张* / 138****5678): staff reach the citizen through the hotline. Staff
/// never see the citizen's query code: the case keeps only its digest.
/// <see cref="ToString"/> prints the id and state only. Immutable.
/// </remarks>
/// <param name="Id">The case id.</param>
/// <param name="State">The current state.</param>
/// <param name="StateLabel">The state's label.</param>
/// <param name="Category">The category key.</param>
/// <param name="Grid">The grid the report names.</param>
/// <param name="HoldingUnit">The unit holding the case.</param>
/// <param name="Worker">The claiming worker, if any.</param>
/// <param name="Due">The unit clock's deadline, if running.</param>
/// <param name="Text">The report's text.</param>
/// <param name="Reporter">The reporter's masked name.</param>
/// <param name="Phone">The reporter's masked phone.</param>
/// <param name="EscalationCount">How often the case was escalated.</param>
/// <param name="History">Every event, oldest first.</param>
public sealed record StaffCaseView(
    string Id,
    CaseState State,
    string StateLabel,
    string Category,
    string Grid,
    string? HoldingUnit,
    string? Worker,
    NodaTime.Instant? Due,
    string Text,
    string Reporter,
    string? Phone,
    int EscalationCount,
    ImmutableArray<StaffEventView> History)
{
    /// <summary>The id and state only: never the reporter or the report text.</summary>
    /// <returns>For example <c>StaffCaseView { Id = case-1, State = Claimed }</c>.</returns>
    public override string ToString() => $"StaffCaseView {{ Id = {Id}, State = {State} }}";

    /// <summary>Builds the staff view of a case from the case and its history.</summary>
    /// <param name="case">The case.</param>
    /// <param name="history">Its events, oldest first.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static StaffCaseView From(Case @case, IReadOnlyList<CaseEvent> history)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(history);
        return new StaffCaseView(
            @case.Id.Value,
            @case.State,
            CaseLabels.State(@case.State),
            @case.Report.Category.Key,
            @case.Report.Location.Grid.Value,
            @case.HoldingUnit?.Value,
            @case.Worker?.Value,
            @case.Clock(CaseClockKind.Unit)?.Deadline,
            @case.Report.Text,
            @case.Report.Reporter.MaskedName,
            @case.Report.Reporter.MaskedPhone,
            @case.EscalationCount,
            history.Select(e => new StaffEventView(e.Version, e.At, e.Payload.GetType().Name, e.From, e.To, e.Trigger,
                e.Actor.Kind.ToString().ToUpperInvariant() + ":" + e.Actor.Id.Value, TextOf(e.Payload))).ToImmutableArray());
    }

    private static string? TextOf(CaseEventPayload payload) => payload switch
    {
        CaseResolved p => p.Reply,
        CaseReturned p => p.Reason,
        CaseDeclined p => p.Reason,
        CaseRejected p => p.Reason,
        CaseReopened p => p.Reason,
        CaseSuspended p => p.Reason,
        CaseExtensionRequested p => p.Reason,
        CaseExtensionDenied p => p.Reason,
        CaseMerged p => p.Reason,
        CaseWithdrawn p => p.Reason,
        CaseEscalated p => p.Reason,
        CaseHandedOff p => p.Reason,
        CaseHandedBack p => p.Note,
        CaseCalledBack p => p.Note,
        CaseSupervised p => p.Note,
        CaseInstructed p => p.Instruction,
        CaseDeputyAssigned p => p.Note,
        CasePolicyFailed p => p.Reason,
        _ => null,
    };
}

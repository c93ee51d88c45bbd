using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Cases.Desk;

// Erasing one case's personal data (个人信息删除) on request, keeping its history.
public sealed partial class CaseDesk
{
    /// <summary>Erases the reporter's personal data from a case (个人信息保护法): name, phone, address, coordinates and the
    /// reporter's own text of the registration and every joined report, and the free texts the staff wrote (replies,
    /// reasons, notes); the history and the query code are kept.</summary>
    /// <param name="id">The case; any state, open or closed.</param>
    /// <param name="actor">The staff member carrying the erasure out: a leader (<see cref="MemberRole.Leader"/>) of the
    /// unit they act for when a directory is configured; without a directory, any staff member acting for a unit.</param>
    /// <param name="requestedBy">Who asked, as a role (<c>reporter</c>, <c>guardian</c>, <c>regulator</c>,
    /// <c>retention-schedule</c>); not a name.</param>
    /// <param name="legalGround">The legal ground, for example <c>个人信息保护法 第四十七条</c>.</param>
    /// <param name="cancellationToken">Cancels the erasure before it is stored.</param>
    /// <returns>The case after the erasure: its <see cref="Case.Report"/> carries <see cref="Reporter.Erased"/>.</returns>
    /// <remarks>
    /// <para>
    /// The desk appends a <see cref="CaseReporterErased"/> event (published like any other) through the store's
    /// <see cref="ICaseReporterErasure"/>, which deletes the personal data kept apart from the event log in the same
    /// transaction. The event log itself is not edited, so the store's hash chain still verifies. Erasure is not a
    /// lifecycle step: it neither needs nor changes a state, and no policy runs on it.
    /// </para>
    /// <para>Erasing twice is refused (the data is gone already). The reports' text becomes <see cref="CaseReport.ErasedText"/>:
    /// rules that read it (escalation keywords, early-warning threat words) see that from then on. So do the free texts
    /// the staff wrote into the case's events so far (the reply, reasons, notes, instructions, remarks, hand-off reasons
    /// and mediation texts), since they can quote the reporter: <see cref="Case.Reply"/>, the supervisions' and
    /// summonses' notes and a staged return's reason read <see cref="CaseReport.ErasedText"/>; texts written after the
    /// erasure are kept. Texts the system wrote (policy failures, warning names, notices) and every rule's cause stay.
    /// Cases stored with the reporter's or the staff's text still inline in the hash-chained body are rewritten by the
    /// SQLite and PostgreSQL stores' migrations when they are opened (the text moved apart, the case re-chained), so it
    /// is erased too; a store of another kind that keeps such bodies must do the same.</para>
    /// <para>The desk's duplicate detector is then told to forget the case (<see cref="IDuplicateDetector.ForgetAsync"/>),
    /// so the erased reporter's phone or name no longer matches later reports.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/>, <paramref name="requestedBy"/> or <paramref name="legalGround"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="requestedBy"/> or <paramref name="legalGround"/> is empty.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseErasureRefusedException">The actor may not erase (not staff, no unit, not a leader of their
    /// unit), or the case's personal data was erased already; nothing changed.</exception>
    /// <exception cref="NotSupportedException">The store does not implement <see cref="ICaseReporterErasure"/>; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public async Task<Case> EraseReporterAsync(
        CaseId id, CaseActor actor, string requestedBy, string legalGround, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(requestedBy);
        ArgumentNullException.ThrowIfNull(legalGround);
        var payload = new CaseReporterErased(requestedBy, legalGround);
        if (store is not ICaseReporterErasure erasure)
        {
            throw new NotSupportedException($"The case store {store.GetType().Name} cannot erase personal data (it does not implement {nameof(ICaseReporterErasure)}). Nothing changed.");
        }

        var current = await LoadRequiredAsync(id, cancellationToken).ConfigureAwait(false);
        if (await ErasureRefusalAsync(current, actor, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            throw new CaseErasureRefusedException(current.Id, actor, refusal);
        }

        var e = new CaseEvent(current.Id, current.Version + 1, Instant.Max(clock.GetCurrentInstant(), current.UpdatedAt), actor,
            current.State, current.State, payload);
        var next = current.Apply(e);
        await commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await erasure.EraseReporterAsync(current.Version, e, next, cancellationToken).ConfigureAwait(false);
            hub.Publish([e]);

            // The erasure is stored: the detector forgets the reporter's keys even if this call is cancelled now.
            await duplicates.ForgetAsync(current, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            commitGate.Release();
        }

        return next;
    }

    private async Task<string?> ErasureRefusalAsync(Case current, CaseActor actor, CancellationToken cancellationToken)
    {
        if (actor.Kind != CaseActorKind.Staff || actor.Unit is not { } unit)
        {
            return "only a staff member acting for a unit may erase a reporter's personal data";
        }

        if (current.Report.IsPersonalDataErased)
        {
            return "the reporter's personal data was erased already";
        }

        if (directory is null)
        {
            return null;
        }

        var found = await directory.FindUnitAsync(unit, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return $"unit '{unit}' is not in the directory";
        }

        return found.Members.IsDefault || !found.Members.Any(m => m.Id == actor.Id && m.Holds(MemberRole.Leader))
            ? $"'{actor.Id}' is not a leader of '{unit}'"
            : null;
    }
}

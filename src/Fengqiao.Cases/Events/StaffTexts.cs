namespace Fengqiao.Cases.Events;

/// <summary>The free texts staff write into events (replies, reasons, notes, instructions, remarks, hand-off reasons,
/// mediation texts): what an erasure (个人信息删除) removes besides the reporter's own data, because a reply or a note
/// can quote the reporter.</summary>
/// <remarks>
/// <para>
/// The list, by payload: <see cref="CaseResolved.Reply"/>; the reason of <see cref="CaseReturned"/>,
/// <see cref="CaseDeclined"/>, <see cref="CaseRejected"/>, <see cref="CaseReopened"/>, <see cref="CaseWithdrawn"/>,
/// <see cref="CaseEscalated"/>, <see cref="CaseHandedOff"/>, <see cref="CaseMerged"/>, <see cref="CaseSuspended"/>,
/// <see cref="CaseExtensionRequested"/>, <see cref="CaseExtensionDenied"/> and <see cref="CaseReportJoined"/>; the note of
/// <see cref="CaseSupervised"/>, <see cref="CaseSupervisionIssued"/>, <see cref="CaseCalledBack"/>,
/// <see cref="CaseHandedBack"/>, <see cref="CaseDeputyAssigned"/>, <see cref="CaseSummoned"/> and
/// <see cref="CasePostHandedOver"/>; <see cref="CaseInstructed.Instruction"/>; <see cref="CaseDeputyScored.Remark"/>;
/// the hand-off reasons (<see cref="CaseHandOffDeclined"/>, <see cref="CaseHandOffExtended"/>,
/// <see cref="CaseHandOffPaused"/>, a staged return's <see cref="CaseHandOffReturn.Reason"/>);
/// <see cref="CaseHandOffConcluded.Text"/>; the mediation record a hand-off carries
/// (<see cref="CaseHandOffTerms.MediationRecord"/>, which is a conclusion's text); and a written report's
/// <see cref="CaseWrittenReportFiled.Text"/> (a unit's own report on the case, as free as a reply).
/// </para>
/// <para>Not in it, because the system writes them from the profile or the code: a policy failure's reason, a clock
/// stage's warning name, a re-projection's notice, a hand-off's key, purpose, dispute type and outcome, a post's name.
/// A rule-made event's text is in it all the same (a store cannot tell a rule's template from text a rule copied from
/// the case); its cause (rule id and facts) stays, and explains the event.</para>
/// <para>Each path is the field's place under the event's <c>data</c> in the long form, dots between levels.</para>
/// </remarks>
internal static class StaffTexts
{
    /// <summary>The staff texts a payload carries, as (path, text); absent optional texts are left out.</summary>
    public static List<(string Path, string Text)> Of(CaseEventPayload payload)
    {
        var found = new List<(string Path, string Text)>(2);
        void Add(string path, string? text)
        {
            if (text is not null)
            {
                found.Add((path, text));
            }
        }

        switch (payload)
        {
            case CaseResolved p: Add("reply", p.Reply); break;
            case CaseReturned p: Add("reason", p.Reason); break;
            case CaseDeclined p: Add("reason", p.Reason); break;
            case CaseRejected p: Add("reason", p.Reason); break;
            case CaseReopened p: Add("reason", p.Reason); break;
            case CaseWithdrawn p: Add("reason", p.Reason); break;
            case CaseEscalated p: Add("reason", p.Reason); break;
            case CaseHandedOff p:
                Add("reason", p.Reason);
                Add("terms.mediationRecord", p.Terms?.MediationRecord);
                break;
            case CaseMerged p: Add("reason", p.Reason); break;
            case CaseSuspended p: Add("reason", p.Reason); break;
            case CaseExtensionRequested p: Add("reason", p.Reason); break;
            case CaseExtensionDenied p: Add("reason", p.Reason); break;
            case CaseReportJoined p: Add("reason", p.Reason); break;
            case CaseSupervised p: Add("note", p.Note); break;
            case CaseSupervisionIssued p: Add("note", p.Note); break;
            case CaseCalledBack p: Add("note", p.Note); break;
            case CaseHandedBack p:
                Add("note", p.Note);
                Add("return.reason", p.Return?.Reason);
                Add("return.terms.mediationRecord", p.Return?.Terms.MediationRecord);
                break;
            case CaseDeputyAssigned p: Add("note", p.Note); break;
            case CaseSummoned p: Add("note", p.Note); break;
            case CasePostHandedOver p: Add("note", p.Note); break;
            case CaseInstructed p: Add("instruction", p.Instruction); break;
            case CaseDeputyScored p: Add("remark", p.Remark); break;
            case CaseHandOffDeclined p: Add("reason", p.Reason); break;
            case CaseHandOffExtended p: Add("reason", p.Reason); break;
            case CaseHandOffPaused p: Add("reason", p.Reason); break;
            case CaseHandOffConcluded p: Add("text", p.Text); break;
            case CaseWrittenReportFiled p: Add("text", p.Text); break;
        }

        return found;
    }

    /// <summary>Whether a payload reads back with a staff text erased (<see cref="CaseReport.ErasedText"/>).</summary>
    public static bool AnyErased(CaseEventPayload payload) => Of(payload).Exists(t => t.Text == CaseReport.ErasedText);

    /// <summary>The payload with every staff text it carries replaced by <see cref="CaseReport.ErasedText"/>: what a store
    /// that erased the texts kept apart reads back.</summary>
    public static CaseEventPayload Erase(CaseEventPayload payload)
    {
        const string X = CaseReport.ErasedText;
        static string? E(string? text) => text is null ? null : X;
        static CaseHandOffTerms? T(CaseHandOffTerms? terms) =>
            terms is { MediationRecord: not null } ? terms with { MediationRecord = X } : terms;
        return payload switch
        {
            CaseResolved p => p with { Reply = X },
            CaseReturned p => p with { Reason = X },
            CaseDeclined p => p with { Reason = X },
            CaseRejected p => p with { Reason = X },
            CaseReopened p => p with { Reason = X },
            CaseWithdrawn p => p with { Reason = E(p.Reason) },
            CaseEscalated p => p with { Reason = E(p.Reason) },
            CaseHandedOff p => p with { Reason = E(p.Reason), Terms = T(p.Terms) },
            CaseMerged p => p with { Reason = X },
            CaseSuspended p => p with { Reason = X },
            CaseExtensionRequested p => p with { Reason = X },
            CaseExtensionDenied p => p with { Reason = X },
            CaseReportJoined p => p with { Reason = E(p.Reason) },
            CaseSupervised p => p with { Note = E(p.Note) },
            CaseSupervisionIssued p => p with { Note = E(p.Note) },
            CaseCalledBack p => p with { Note = E(p.Note) },
            CaseHandedBack p => p with { Note = E(p.Note), Return = EraseReturn(p.Return) },
            CaseDeputyAssigned p => p with { Note = E(p.Note) },
            CaseSummoned p => p with { Note = E(p.Note) },
            CasePostHandedOver p => p with { Note = E(p.Note) },
            CaseInstructed p => p with { Instruction = X },
            CaseDeputyScored p => p with { Remark = E(p.Remark) },
            CaseHandOffDeclined p => p with { Reason = X },
            CaseHandOffExtended p => p with { Reason = X },
            CaseHandOffPaused p => p with { Reason = X },
            CaseHandOffConcluded p => p with { Text = E(p.Text) },
            CaseWrittenReportFiled p => p with { Text = X },
            _ => payload,
        };
    }

    /// <summary>A staged return with its reason and mediation record erased.</summary>
    public static CaseHandOffReturn? EraseReturn(CaseHandOffReturn? staged) =>
        staged is null ? null : staged with
        {
            Reason = CaseReport.ErasedText,
            Terms = staged.Terms.MediationRecord is null ? staged.Terms : staged.Terms with { MediationRecord = CaseReport.ErasedText },
        };
}

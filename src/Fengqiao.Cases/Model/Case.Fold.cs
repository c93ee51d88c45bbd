using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases;

// The fold of one payload into a fresh copy of the case: the case is its own visitor (the interface is internal), so a
// fold step allocates no visitor; Folding is the event being folded, set by Apply for the length of the visit.
public sealed partial class Case : ICaseEventPayloadVisitor
{
    private CaseEvent Folding => folding ?? throw new InvalidOperationException("A payload is folded only through Case.Apply.");

    private Instant At => Folding.At;

    void ICaseEventPayloadVisitor.Visit(CaseRegistration payload) => throw Mismatch(Folding, "registers a case that already exists");

    void ICaseEventPayloadVisitor.Visit(CaseReportJoined payload)
    {
        Own.JoinedReports = JoinedReports.Add(payload.Report);
        Own.JoinedReportTimes = JoinedReportTimes.Add(At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseReporterErased payload)
    {
        fixedPart = fixedPart with { Registration = Registration with { Report = Registration.Report.WithPersonalDataErased() } };
        Own.JoinedReports = [.. JoinedReports.Select(r => r.WithPersonalDataErased())];

        // The staff's free texts go too (StaffTexts): the fold keeps the same texts erased as a replay of the erased
        // events reads back, so a snapshot written now equals that replay.
        Reply = Reply is null ? null : CaseReport.ErasedText;
        if (Supervisions.Any(s => s.Note is not null))
        {
            Own.Supervisions = [.. Supervisions.Select(s => s.WithNoteErased())];
        }

        if (Summonses.Any(s => s.Note is not null))
        {
            Own.Summonses = [.. Summonses.Select(s => s.WithNoteErased())];
        }

        if (PendingReturn is not null)
        {
            Own.PendingReturn = StaffTexts.EraseReturn(PendingReturn);
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseClockStageChanged payload)
    {
        recorded = recorded.SetItem(payload.Clock, (payload.Stage, payload.Warning));
        HasBeenOverdue |= payload.Stage == SlaStage.Overdue;
    }

    void ICaseEventPayloadVisitor.Visit(CaseDeadlineReprojected payload)
    {
        if (Clock(payload.Clock) is null)
        {
            throw Mismatch(Folding, $"re-projects the {payload.Clock} clock, which the case never started");
        }

        Own.Reprojected = extras.Reprojected.SetItem(payload.Clock, payload);
    }

    void ICaseEventPayloadVisitor.Visit(CaseSupervisionOverdue payload)
    {
        var overdue = FindSupervision(payload.Supervision) ?? throw Mismatch(Folding, $"names supervision #{payload.Supervision}, which the case does not have");
        Own.Supervisions = Supervisions.SetItem(payload.Supervision - 1, overdue.RecordOverdue(At));
    }

    void ICaseEventPayloadVisitor.Visit(CaseSummonsOverdue payload)
    {
        if (FindSummons(payload.Summons) is not { } summons || summons.Department(payload.Department) is null)
        {
            throw Mismatch(Folding, $"names department '{payload.Department}' of summons #{payload.Summons}, which the case does not have");
        }

        Own.Summonses = Summonses.SetItem(payload.Summons - 1, summons.Update(payload.Department, d => d.RecordNoShow(At)));
    }

    void ICaseEventPayloadVisitor.Visit(CasePolicyFailed payload) => Own.PolicyFailure = new CasePolicyFailure(payload.Policy, payload.Reason, At);

    void ICaseEventPayloadVisitor.Visit(CasePolicyRecovered payload) => Own.PolicyFailure = null;

    void ICaseEventPayloadVisitor.Visit(CaseAccepted payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseDeclined payload) => StopAll(At);

    void ICaseEventPayloadVisitor.Visit(CaseDispatched payload)
    {
        var sameHolder = HoldingUnit == payload.Unit && TryGetClock(CaseClockKind.Unit, out var unitClock) && unitClock.State != SlaClockState.Stopped;
        HoldingUnit = payload.Unit;
        Worker = null;
        if (!sameHolder)
        {
            // A holder's time limit is the holding's: re-dispatching to the unit that holds the case keeps its clock.
            RestartUnitClock(At);
            EnterRelayLevel(payload.RelayLevel, At);
        }

        Stop(CaseClockKind.SignFor, At);
        if (Sla.SignFor is { } signFor)
        {
            StartClock(CaseClockKind.SignFor, At, signFor);
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseClaimed payload)
    {
        Worker = payload.Worker;
        Stop(CaseClockKind.SignFor, At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseStarted payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseResolved payload)
    {
        Reply = payload.Reply;
        Pause(CaseClockKind.Unit, At);
        Pause(CaseClockKind.Relay, At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseSubmittedForReview payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseApproved payload)
    {
        Stop(CaseClockKind.Citizen, At);
        Stop(CaseClockKind.Unit, At);
        // A level's budget is cumulative across cycles: a reopening resumes it where approval left it.
        Pause(CaseClockKind.Relay, At);
        if (Sla.Callback is { } callback)
        {
            StartClock(CaseClockKind.Callback, At, callback);
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseRejected payload)
    {
        ResumeClock(CaseClockKind.Unit, At);
        ResumeClock(CaseClockKind.Relay, At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseCalledBack payload) => Own.CallBackCount++;

    void ICaseEventPayloadVisitor.Visit(CaseRated payload)
    {
        Ratings = Ratings.Add(payload.Rating);
        CurrentRating = payload.Rating;
        CurrentRatedBy = Folding.Actor.Kind;
        Stop(CaseClockKind.Callback, At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseClosed payload) => StopAll(At);

    void ICaseEventPayloadVisitor.Visit(CaseReturned payload)
    {
        Own.ReturnCount++;
        HoldingUnit = null;
        Worker = null;
        EnterRelayLevel(null, At);
        Stop(CaseClockKind.Unit, At);
        Stop(CaseClockKind.SignFor, At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseSuspended payload)
    {
        Own.SuspendedFrom = Folding.From;
        PauseAll(At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseResumed payload)
    {
        Own.SuspendedFrom = null;
        ResumeAll(At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseExtensionRequested payload)
    {
        Own.PendingExtension = payload.Limit;
        Own.HasPendingExtension = true;
    }

    void ICaseEventPayloadVisitor.Visit(CaseExtensionGranted payload)
    {
        Own.PendingExtension = null;
        Own.HasPendingExtension = false;
        if (payload.Limit is { } granted)
        {
            Own.ExtensionCount++;
            var before = clocks[(int)CaseClockKind.Citizen]!.Allotted;
            Extend(CaseClockKind.Citizen, granted, At);
            Extend(CaseClockKind.Unit, granted, At);
            Own.ExtensionTotal += clocks[(int)CaseClockKind.Citizen]!.Allotted - before;
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseExtensionDenied payload)
    {
        Own.PendingExtension = null;
        Own.HasPendingExtension = false;
    }

    void ICaseEventPayloadVisitor.Visit(CaseEscalated payload)
    {
        Own.EscalationCount++;
        HoldingUnit = payload.Unit;
        Worker = null;
        RestartUnitClock(At);
        EnterRelayLevel(payload.RelayLevel, At);
        Stop(CaseClockKind.SignFor, At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseReopened payload)
    {
        Cycle++;
        CurrentRating = CaseRating.NotRated;
        CurrentRatedBy = null;
        Worker = null;
        Reply = null;
        Stop(CaseClockKind.Callback, At);
        StartClock(CaseClockKind.Citizen, At, Sla.Handle);
        if (HoldingUnit is not null)
        {
            RestartUnitClock(At);
            ResumeClock(CaseClockKind.Relay, At);
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseMerged payload)
    {
        Own.MergedInto = payload.Into;
        StopAll(At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseWithdrawn payload) => StopAll(At);

    void ICaseEventPayloadVisitor.Visit(CaseHandedOff payload)
    {
        Own.HandedOffFrom = Folding.From;
        Own.HandedOffTo = payload.Body;
        Own.HandOffKey = payload.Terms?.Key;
        Own.HandOffAcceptedAt = null;
        Own.PendingReturn = null;
        PauseAll(At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseHandedBack payload)
    {
        Own.HandedOffFrom = null;
        Own.HandedOffTo = null;
        Own.HandOffKey = null;
        Own.HandOffAcceptedAt = null;
        Own.PendingReturn = payload.Return;
        ResumeAll(At);
    }

    void ICaseEventPayloadVisitor.Visit(CaseSupervised payload) => Own.SupervisionCount++;

    void ICaseEventPayloadVisitor.Visit(CaseHandOffAccepted payload)
    {
        if (State == CaseState.HandedOff && payload.Key == HandOffKey)
        {
            Own.HandOffAcceptedAt = At;
        }
    }

    // The other hand-off records belong to the hand-off ledger's history: the case moves (or not) by the lifecycle
    // step recorded with them, so folding them changes only the version and the time.
    void ICaseEventPayloadVisitor.Visit(CaseHandOffDeclined payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseHandOffConcluded payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseHandOffExtended payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseHandOffPaused payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseHandOffResumed payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseHandOffOverdue payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseWarningActed payload)
    {
    }

    void ICaseEventPayloadVisitor.Visit(CaseWrittenReportFiled payload) =>
        Own.WrittenReports = WrittenReports.Add(new CaseWrittenReport(payload.From, payload.Addressee, Folding.Actor, At));

    void ICaseEventPayloadVisitor.Visit(CaseDeputyScored payload) =>
        Own.DeputyScores = DeputyScores.Add(new CaseDeputyScore(payload.Deputy, payload.Score, At, Cycle));

    void ICaseEventPayloadVisitor.Visit(CasePostHandedOver payload) =>
        Own.Post = new CasePost(payload.Unit, payload.Post, At, payload.Limit is { } limit ? Calendar.Deadline(At, limit).Deadline : null, payload.EscalatesTo);

    void ICaseEventPayloadVisitor.Visit(CaseSupervisionIssued payload)
    {
        Own.SupervisionCount++;
        var sequence = Supervisions.Length + 1;
        if (payload.Supersedes is { } superseded && FindSupervision(superseded) is { IsOpen: true } old)
        {
            Own.Supervisions = Supervisions.SetItem(superseded - 1, old.Close(At, CaseSupervisionClosure.Superseded));
        }

        Own.Supervisions = Supervisions.Add(new CaseSupervision(
            sequence, payload.Issuer, payload.Target, Folding.Actor, At, payload.Limit, Calendar.Deadline(At, payload.Limit).Deadline, payload.Grade,
            payload.Note, Folding.Cause?.RuleId, payload.Target == HoldingUnit, payload.Supersedes, payload.Summons) { Instruction = payload.Instruction });
        if (payload.Summons is { } seq && FindSummons(seq) is { } summons && summons.Department(payload.Target) is not null)
        {
            Own.Summonses = Summonses.SetItem(seq - 1, summons.Update(payload.Target, d => d.Supervised(sequence)));
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseInstructed payload) => Own.InstructionCount++;

    void ICaseEventPayloadVisitor.Visit(CaseDeputyAssigned payload)
    {
        if (!AssignedDeputies.Contains(payload.Deputy))
        {
            Own.AssignedDeputies = AssignedDeputies.Add(payload.Deputy);
        }
    }

    void ICaseEventPayloadVisitor.Visit(CaseSummoned payload)
    {
        var deadline = Calendar.Deadline(At, payload.Limit).Deadline;
        Own.Summonses = Summonses.Add(new CaseSummons(
            Summonses.Length + 1, payload.Caller, Folding.Actor, At, payload.Limit, payload.Note, Folding.Cause?.RuleId,
            [.. payload.Departments.Select(d => new CaseSummonedDepartment(d, deadline))]));
    }

    void ICaseEventPayloadVisitor.Visit(CaseReportedIn payload)
    {
        if (payload.Summons == 0)
        {
            // No summons: the unit an instruction named reports back (回复批示); its follow-up supervisions close.
            var closed = false;
            foreach (var s in Supervisions)
            {
                if (s.IsOpen && s.Instruction is not null && s.TargetUnit == payload.Department)
                {
                    Own.Supervisions = Supervisions.SetItem(s.Sequence - 1, s.Close(At, CaseSupervisionClosure.ReportedBack));
                    closed = true;
                }
            }

            if (!closed)
            {
                throw Mismatch(Folding, $"reports unit '{payload.Department}' back on an instruction, but no open follow-up of an instruction names it");
            }

            return;
        }

        if (FindSummons(payload.Summons) is not { } summons || summons.Department(payload.Department) is null)
        {
            throw Mismatch(Folding, $"reports department '{payload.Department}' in to summons #{payload.Summons}, which does not name it");
        }

        Own.Summonses = Summonses.SetItem(payload.Summons - 1, summons.Update(payload.Department, d => d.Report(At, Folding.Actor)));
        foreach (var s in Supervisions)
        {
            if (s.IsOpen && s.Summons == payload.Summons && s.TargetUnit == payload.Department)
            {
                Own.Supervisions = Supervisions.SetItem(s.Sequence - 1, s.Close(At, CaseSupervisionClosure.ReportedIn));
            }
        }
    }
}

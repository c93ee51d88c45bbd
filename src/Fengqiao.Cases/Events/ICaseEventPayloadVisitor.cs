namespace Fengqiao.Cases.Events;

/// <summary>Walks the closed family of <see cref="CaseEventPayload"/> types: one method per payload type, so a new type that a fold or a format forgets does not compile.</summary>
internal interface ICaseEventPayloadVisitor
{
    void Visit(CaseRegistration payload);

    void Visit(CaseReportJoined payload);

    void Visit(CaseReporterErased payload);

    void Visit(CaseClockStageChanged payload);

    void Visit(CaseDeadlineReprojected payload);

    void Visit(CaseSupervisionOverdue payload);

    void Visit(CaseSummonsOverdue payload);

    void Visit(CasePolicyFailed payload);

    void Visit(CasePolicyRecovered payload);

    void Visit(CaseAccepted payload);

    void Visit(CaseDeclined payload);

    void Visit(CaseDispatched payload);

    void Visit(CaseClaimed payload);

    void Visit(CaseStarted payload);

    void Visit(CaseResolved payload);

    void Visit(CaseSubmittedForReview payload);

    void Visit(CaseApproved payload);

    void Visit(CaseRejected payload);

    void Visit(CaseCalledBack payload);

    void Visit(CaseRated payload);

    void Visit(CaseClosed payload);

    void Visit(CaseReturned payload);

    void Visit(CaseSuspended payload);

    void Visit(CaseResumed payload);

    void Visit(CaseExtensionRequested payload);

    void Visit(CaseExtensionGranted payload);

    void Visit(CaseExtensionDenied payload);

    void Visit(CaseEscalated payload);

    void Visit(CaseReopened payload);

    void Visit(CaseMerged payload);

    void Visit(CaseWithdrawn payload);

    void Visit(CaseHandedOff payload);

    void Visit(CaseHandedBack payload);

    void Visit(CaseSupervised payload);

    void Visit(CaseSupervisionIssued payload);

    void Visit(CaseInstructed payload);

    void Visit(CaseDeputyAssigned payload);

    void Visit(CaseSummoned payload);

    void Visit(CaseReportedIn payload);

    void Visit(CaseHandOffAccepted payload);

    void Visit(CaseHandOffDeclined payload);

    void Visit(CaseHandOffConcluded payload);

    void Visit(CaseHandOffExtended payload);

    void Visit(CaseHandOffPaused payload);

    void Visit(CaseHandOffResumed payload);

    void Visit(CaseHandOffOverdue payload);

    void Visit(CaseWarningActed payload);

    void Visit(CaseWrittenReportFiled payload);

    void Visit(CaseDeputyScored payload);

    void Visit(CasePostHandedOver payload);
}

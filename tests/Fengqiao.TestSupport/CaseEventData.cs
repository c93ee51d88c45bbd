using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.TestSupport;

/// <summary>Short reads of a case event's payload for assertions: the unit it names and the text it carries, whatever its type.</summary>
public static class CaseEventData
{
    /// <summary>Gets the unit a step names (dispatch, escalation, hand-off, supervision target, department), or null.</summary>
    public static OrgUnitId? Unit(this CaseEvent e) => e.Payload switch
    {
        CaseDispatched p => p.Unit,
        CaseEscalated p => p.Unit,
        CaseHandedOff p => p.Body,
        CaseSupervisionIssued p => p.Target,
        CaseReportedIn p => p.Department,
        CaseSupervisionOverdue p => p.Target,
        CaseSummonsOverdue p => p.Department,
        _ => null,
    };

    /// <summary>Gets the reason, reply, note or instruction a step carries, or null.</summary>
    public static string? Text(this CaseEvent e) => e.Payload switch
    {
        CaseDeclined p => p.Reason,
        CaseResolved p => p.Reply,
        CaseRejected p => p.Reason,
        CaseCalledBack p => p.Note,
        CaseReturned p => p.Reason,
        CaseSuspended p => p.Reason,
        CaseExtensionRequested p => p.Reason,
        CaseExtensionDenied p => p.Reason,
        CaseEscalated p => p.Reason,
        CaseReopened p => p.Reason,
        CaseMerged p => p.Reason,
        CaseWithdrawn p => p.Reason,
        CaseHandedOff p => p.Reason,
        CaseHandedBack p => p.Note,
        CaseSupervised p => p.Note,
        CaseSupervisionIssued p => p.Note,
        CaseInstructed p => p.Instruction,
        CaseDeputyAssigned p => p.Note,
        CaseSummoned p => p.Note,
        CaseReportJoined p => p.Reason,
        CaseClockStageChanged p => p.Warning,
        _ => null,
    };
}

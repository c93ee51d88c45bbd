using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Policies;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskHistoryTests
{
    [Fact]
    public async Task History_OfACaseEscalatedWhenOverdue_ReadsAsAnExplanation()
    {
        var escalate = new FuncPolicy("escalation", a =>
            a.Case.RecordedStage(CaseClockKind.Unit) == SlaStage.Overdue && a.Case.EscalationCount == 0
                ? [new CasePolicyAction(new CaseEscalated(Street, "社区超期未办结"), new CaseEventCause("escalate-overdue", [new("unit", a.Case.HoldingUnit.ToString()!)]))]
                : []);
        var kit = new BareCounty(configure: o => o.Policies.Add(escalate));
        var c = await kit.InProgressAsync();
        kit.Clock.Advance(Duration.FromHours(2));
        await kit.Desk.SuspendAsync(c.Id, Dispatcher, "当事人外出");
        kit.Clock.Advance(Duration.FromDays(1));
        await kit.Desk.ResumeAsync(c.Id, Dispatcher);
        await kit.Desk.RequestExtensionAsync(c.Id, Worker, "需要现场鉴定", TimeLimit.WorkingDays(1));
        await kit.Desk.GrantExtensionAsync(c.Id, Dispatcher);
        var swept = (await kit.Desk.FindAsync(c.Id))!;
        await kit.Desk.SweepAsync(swept.Clock(CaseClockKind.Unit)!.Deadline + Duration.FromMinutes(1));

        var history = await kit.HistoryAsync(c.Id);
        var final = (await kit.Desk.FindAsync(c.Id))!;

        Snapshot.Match(string.Join("\n", history.Select(e => e.ToString()))
            + "\n\ncitizen clock: " + final.Clock(CaseClockKind.Citizen)!.Explain()
            + "\nunit clock: " + final.Clock(CaseClockKind.Unit)!.Explain());
    }
}

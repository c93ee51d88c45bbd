using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Cases.Tests.Desk.DeskKit;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>One step of a random desk script: an action pick, an actor pick and minutes to wait first.</summary>
internal readonly record struct DeskStep(int Action, int Actor, int Minutes);

/// <summary>
/// Random desk scripts that make realistic case histories (two cases, every action, the sweep), for tests that need
/// many varied histories: serialisation round trips, store contracts.
/// </summary>
internal static class DeskScript
{
    private const int ActionCount = 27;

    private static readonly CaseTrigger[] MainPath =
    [
        CaseTrigger.Accept, CaseTrigger.Dispatch, CaseTrigger.Claim, CaseTrigger.Start, CaseTrigger.Resolve, CaseTrigger.SubmitForReview,
        CaseTrigger.Approve, CaseTrigger.Rate, CaseTrigger.Close, CaseTrigger.Resume, CaseTrigger.HandBack,
    ];

    /// <summary>Scripts of 1–30 steps; most steps take a trigger the lifecycle permits, so histories go deep.</summary>
    public static FsCheck.Gen<DeskStep[]> Scripts { get; } =
        from length in Gen.Choose(1, 30)
        from steps in (from action in Gen.Choose(0, (4 * ActionCount) - 1)
                       from actor in Gen.Choose(0, 7)
                       from minutes in Gen.Choose(0, 900)
                       select new DeskStep(action, actor, minutes)).ArrayOf(length)
        select steps;

    /// <summary>Runs a script on a desk: registers two cases, then plays each step on the first (refusals are part of the game).</summary>
    /// <returns>The ids of the cases the script touched.</returns>
    public static async Task<IReadOnlyList<CaseId>> RunAsync(DeskKit kit, IEnumerable<DeskStep> script)
    {
        var main = await kit.RegisterAsync();
        var other = await kit.RegisterAsync(Report(phone: "13900000000", grid: OtherGrid, reference: "ext-1"));
        await kit.Desk.RegisterAsync(Report(), Intake); // the same matter again: joins the first case
        foreach (var (pick, actorPick, minutes) in script)
        {
            kit.Clock.Advance(Duration.FromMinutes(minutes));
            var current = (await kit.Desk.FindAsync(main.Id))!;
            var action = Guided(pick, current);
            var actor = actorPick < 6 ? NaturalActor(action, current) : actorPick == 6 ? Deputy : CaseActor.System;
            try
            {
                await Act(kit, action, actor, current, other.Id);
            }
            catch (CaseActionRefusedException)
            {
            }
        }

        return [main.Id, other.Id];
    }

    private static int Guided(int pick, Case c)
    {
        if (pick < ActionCount)
        {
            return pick;
        }

        var args = new CaseTransitionArgs
        {
            Reason = "r", Reply = "r", TargetUnit = Community, Rating = CaseRating.Satisfied, ReturnTo = c.SuspendedFrom ?? c.HandedOffFrom,
        };
        var permitted = CaseLifecycles.Default.GetPermittedTriggers(c.State, args)
            .Where(t => pick % 7 == 0 || t is not (CaseTrigger.Decline or CaseTrigger.Merge or CaseTrigger.Withdraw))
            .ToList();
        if (pick % 3 == 1 && MainPath.FirstOrDefault(permitted.Contains) is var next && permitted.Contains(next))
        {
            return (int)next;
        }

        return permitted.Count == 0 ? ActionCount - 1 : (int)permitted[pick % permitted.Count];
    }

    private static CaseActor NaturalActor(int action, Case c)
    {
        var holderWorker = c.HoldingUnit == Housing ? HousingWorker : c.HoldingUnit == Street ? StreetWorker : Worker;
        return action switch
        {
            3 or 4 or 5 or 6 or 12 or 15 => holderWorker,
            10 or 21 => CaseActor.Citizen(c.QueryCode),
            19 => Deputy,
            22 or 23 => Leader,
            25 => Mediator,
            _ => Dispatcher,
        };
    }

    private static Task Act(DeskKit kit, int action, CaseActor actor, Case c, CaseId other)
    {
        var d = kit.Desk;
        var id = c.Id;
        var unit = (c.Version % 3) switch { 0 => Community, 1 => Housing, _ => Street };
        return action switch
        {
            0 => d.AcceptAsync(id, actor),
            1 => d.DeclineAsync(id, actor, "不予受理"),
            2 => d.DispatchAsync(id, actor, unit),
            3 => d.ClaimAsync(id, actor),
            4 => d.StartAsync(id, actor),
            5 => d.ResolveAsync(id, actor, "已办结，\"引号\" 与换行\n"),
            6 => d.SubmitForReviewAsync(id, actor),
            7 => d.ApproveAsync(id, actor),
            8 => d.RejectAsync(id, actor, "答复不规范"),
            9 => d.CallBackAsync(id, actor),
            10 => d.RateAsync(id, actor, (CaseRating)(1 + (c.Version % 3))),
            11 => d.CloseAsync(id, actor),
            12 => d.ReturnAsync(id, actor, "非本单位职责"),
            13 => d.SuspendAsync(id, actor, "等待鉴定"),
            14 => d.ResumeAsync(id, actor),
            15 => d.RequestExtensionAsync(id, actor, "需要更多时间", c.Version % 2 == 0 ? null : TimeLimit.WorkingDays(1)),
            16 => d.GrantExtensionAsync(id, actor),
            17 => d.DenyExtensionAsync(id, actor, "理由不充分"),
            18 => d.EscalateAsync(id, actor, Street),
            19 => d.ReopenAsync(id, actor, "不满意"),
            20 => d.MergeAsync(id, actor, other, "同一事项"),
            21 => d.WithdrawAsync(id, actor),
            22 => d.SuperviseAsync(id, actor),
            23 => d.InstructAsync(id, actor, "抓紧办理"),
            24 => d.HandOffAsync(id, actor, DeskKit.Mediation),
            25 => d.HandBackAsync(id, actor),
            _ => d.SweepAsync(kit.Clock.GetCurrentInstant()),
        };
    }
}

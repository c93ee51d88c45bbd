using Fengqiao.Lifecycles;

namespace Fengqiao.Core.Tests.Lifecycles;

public enum S
{
    Start,
    Active,
    Working,
    Waiting,
    Done,
    Parked,
    Island,
    Nowhere,
}

public enum T
{
    Begin,
    Wait,
    Continue,
    Finish,
    Park,
    Unpark,
    Note,
    Restart,
    Boom,
}

public sealed record Args(string? Reason = null, bool Allowed = true, S ResumeTo = S.Working);

/// <summary>A small hierarchical lifecycle used by the kernel tests.</summary>
internal static class TestModel
{
    public static readonly LifecycleGuard<Args> ReasonGiven = new("a reason must be given", a => !string.IsNullOrWhiteSpace(a.Reason));
    public static readonly LifecycleGuard<Args> Allowed = new("only an allowed actor may do this", a => a.Allowed);

    /// <summary>
    /// Start --Begin--> Working; Active ⊃ {Working, Waiting}; Working --Wait[reason]--> Waiting; Waiting --Continue--> Working;
    /// Active --Finish[allowed]--> Done (terminal); Active --Park--> Parked; Parked --Unpark(dynamic)--> Working|Waiting;
    /// Active: Note internal; Working: Restart re-entry. Every entry/exit emits "enter X"/"exit X".
    /// </summary>
    public static LifecycleBuilder<S, T, Args> Builder()
    {
        var b = new LifecycleBuilder<S, T, Args>(S.Start);
        b.Configure(S.Start).Permit(T.Begin, S.Working);
        b.Configure(S.Active)
            .Label("Active 在办")
            .Permit(T.Finish, S.Done, Allowed)
            .Permit(T.Park, S.Parked)
            .InternalTransition(T.Note, "record the note", c => c.Emit($"note {c.ActionState}"))
            .OnEntry("emit enter Active", c => c.Emit("enter Active"))
            .OnExit("emit exit Active", c => c.Emit("exit Active"));
        b.Configure(S.Working)
            .SubstateOf(S.Active)
            .Permit(T.Wait, S.Waiting, ReasonGiven)
            .PermitReentry(T.Restart)
            .OnEntry("emit enter Working", c => c.Emit("enter Working"))
            .OnExit("emit exit Working", c => c.Emit("exit Working"));
        b.Configure(S.Waiting)
            .SubstateOf(S.Active)
            .Permit(T.Continue, S.Working)
            .OnEntry("emit enter Waiting", c => c.Emit("enter Waiting"))
            .OnExit("emit exit Waiting", c => c.Emit("exit Waiting"));
        b.Configure(S.Parked)
            .PermitDynamic(T.Unpark, [S.Working, S.Waiting], a => a.ResumeTo)
            .OnEntry("emit enter Parked", c => c.Emit("enter Parked"));
        b.Configure(S.Done).Terminal().OnEntry("emit enter Done", c => c.Emit("enter Done"));
        return b;
    }

    public static Lifecycle<S, T, Args> Build() => Builder().Build();
}

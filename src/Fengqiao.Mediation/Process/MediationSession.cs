using NodaTime;

namespace Fengqiao.Mediation.Process;

/// <summary>One scheduled mediation session (调解会).</summary>
/// <param name="At">When it starts.</param>
/// <param name="Mode">How it is held.</param>
/// <param name="Place">The room or talk point, or <see langword="null"/> (e.g. by video).</param>
/// <param name="OnCall">Whether it is held by an on-call mediator (随驻/值班), which allows a rest day.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed record MediationSession(Instant At, SessionMode Mode, string? Place = null, bool OnCall = false)
{
    /// <summary>Gets whether the session may fall on a rest day: on call, or by video.</summary>
    public bool AllowedOnRestDay => OnCall || Mode == SessionMode.Video;
}

using NodaTime;

namespace Fengqiao.Sla.Internal;

/// <summary>One transition of an <see cref="SlaClock"/>, kept so a new calendar can replay the history.</summary>
internal sealed record ClockEvent(ClockEventKind Kind, Instant At, TimeLimit? Limit);

/// <summary>The kinds of clock transitions.</summary>
internal enum ClockEventKind
{
    Start,
    Pause,
    Resume,
    Extend,
    Stop,
}

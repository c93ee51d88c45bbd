namespace Fengqiao.Sla;

/// <summary>How an <see cref="SlaClock"/> stands against its deadline (the yellow and red cards, 红黄牌, are warnings).</summary>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum SlaStage
{
    /// <summary>No warning threshold reached and the deadline not passed.</summary>
    OnTrack = 0,

    /// <summary>A warning threshold reached (see <see cref="SlaReading.Warning"/> for which), the deadline not passed.</summary>
    Warning = 1,

    /// <summary>The deadline has passed (at any instant strictly after it).</summary>
    Overdue = 2,
}

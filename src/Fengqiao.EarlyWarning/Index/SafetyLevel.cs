namespace Fengqiao.EarlyWarning.Index;

/// <summary>The level of a township's 平安指数 (safety index) on a day.</summary>
public enum SafetyLevel
{
    /// <summary>Below the yellow threshold.</summary>
    Green = 0,

    /// <summary>From the yellow threshold.</summary>
    Yellow = 1,

    /// <summary>From the orange threshold.</summary>
    Orange = 2,

    /// <summary>From the red threshold: a warning letter (工作提示函) goes out when a township turns red.</summary>
    Red = 3,
}

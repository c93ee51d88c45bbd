using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.EarlyWarning.Index;

/// <summary>A warning letter (工作提示函): a township's 平安指数 turned red on a day.</summary>
/// <remarks>
/// Issued once per turn to red: a township that stays red raises no second letter until it has fallen below red on a
/// computed day and turned red again. Letters go to a township, not to one case, so the desk records none; the host
/// delivers them (Yumen: "综治中心立即下发工作提示函开展矛盾纠纷大排查行动").
/// </remarks>
/// <param name="Township">The township.</param>
/// <param name="Day">The day it turned red.</param>
/// <param name="Index">The index that day, with the indicators that drove it.</param>
/// <param name="PreviousLevel">Its level on the previous computed day.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record WarningLetter(OrgUnitId Township, LocalDate Day, TownshipIndex Index, SafetyLevel PreviousLevel);

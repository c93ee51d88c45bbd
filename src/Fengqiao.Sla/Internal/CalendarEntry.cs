using NodaTime;

namespace Fengqiao.Sla.Internal;

/// <summary>One listed date of a holiday table: a day off or a make-up working day, with where it comes from.</summary>
internal sealed record CalendarEntry(
    LocalDate Date,
    bool IsHoliday,
    string Name,
    DaySource Source,
    string? Provenance,
    bool IsProvisional);

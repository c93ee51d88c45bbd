using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.EarlyWarning.Facts;

/// <summary>One registered case as the early-warning session sees it: what it is about, where, who reported it, and against whom.</summary>
/// <remarks>
/// Built from the case's registration event; nothing personal beyond the <see cref="Person"/> key leaves the report.
/// <see cref="Person"/> is the reporter's phone number, else the name, else <see langword="null"/> for an anonymous report.
/// The engine computes <see cref="Employer"/>, <see cref="ViolentRiskSignal"/> and <see cref="NextSpringFestival"/> once, when the
/// case is registered, from the profile's warning rules and calendar.
/// </remarks>
/// <param name="Id">The case.</param>
/// <param name="Category">The case's category.</param>
/// <param name="Grid">The grid the report names.</param>
/// <param name="Township">The township or street (the nearest <see cref="OrgUnitKind.Street"/> above the grid), or <see langword="null"/> when there is none.</param>
/// <param name="Person">The reporter's key (phone, else name), or <see langword="null"/> when anonymous.</param>
/// <param name="Employer">The employer found in the report's text, or <see langword="null"/>.</param>
/// <param name="RegisteredAt">When the case was registered.</param>
/// <param name="ViolentRiskSignal">The violent-risk (民转刑) signal word the text carries, or <see langword="null"/>.</param>
/// <param name="NextSpringFestival">The first day of the next Spring Festival holiday on or after the registration day in the county's calendar, or <see langword="null"/> when the calendar does not cover it.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseFact(
    CaseId Id, CaseCategory Category, OrgUnitId Grid, OrgUnitId? Township, string? Person, string? Employer, Instant RegisteredAt, string? ViolentRiskSignal, LocalDate? NextSpringFestival);

using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>A written report (书面报送) filed on a case (<see cref="Events.CaseWrittenReportFiled"/>), as the case shows it.</summary>
/// <param name="From">The unit that reported.</param>
/// <param name="Addressee">The unit it went to.</param>
/// <param name="FiledBy">Who filed it.</param>
/// <param name="FiledAt">When.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseWrittenReport(OrgUnitId From, OrgUnitId Addressee, CaseActor FiledBy, Instant FiledAt);

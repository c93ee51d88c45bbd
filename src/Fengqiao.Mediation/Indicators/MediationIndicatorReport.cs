using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;

namespace Fengqiao.Mediation.Indicators;

/// <summary>The mediation indicators over a set of records: overall, per body, per mediator and per hand-off route.</summary>
/// <param name="Overall">Every record.</param>
/// <param name="ByBody">Per mediation body, ordered by id (ordinal).</param>
/// <param name="ByMediator">Per mediator, ordered by id (ordinal); records without a mediator are left out.</param>
/// <param name="ByRoute">Per hand-off route; direct applications (no route) are left out.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record MediationIndicatorReport(
    IndicatorSlice Overall,
    ImmutableSortedDictionary<OrgUnitId, IndicatorSlice> ByBody,
    ImmutableSortedDictionary<ActorId, IndicatorSlice> ByMediator,
    ImmutableSortedDictionary<HandOffRoute, IndicatorSlice> ByRoute);

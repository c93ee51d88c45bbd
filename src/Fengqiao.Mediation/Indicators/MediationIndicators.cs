using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Process;
using NodaTime;

namespace Fengqiao.Mediation.Indicators;

/// <summary>Computes the indicators counties report to their superiors from mediation records and hand-off events: the
/// mediation success rate (调解成功率), average and 90th-percentile duration per body, mediator and route, and the
/// court diversion rate (分流率).</summary>
/// <remarks>Pure functions of their input: the same records give the same report, whatever their order. Nothing is
/// counted on the side.</remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class MediationIndicators
{
    private static readonly Comparer<OrgUnitId> ByUnit = Comparer<OrgUnitId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value));
    private static readonly Comparer<ActorId> ByActor = Comparer<ActorId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value));

    /// <summary>Summarises mediation records.</summary>
    /// <param name="records">The records, one per mediation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">A record is concluded before it was accepted, or has an outcome without a
    /// conclusion instant (or the reverse); the message names the case.</exception>
    public static MediationIndicatorReport Summarise(IEnumerable<MediationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var all = new List<MediationRecord>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            if (record.Outcome is null != record.ConcludedAt is null)
            {
                throw new ArgumentException($"Mediation record of case {record.CaseId} at {record.Body} has an outcome without a conclusion instant, or the reverse.", nameof(records));
            }

            if (record is { AcceptedAt: { } a, ConcludedAt: { } c } && c < a)
            {
                throw new ArgumentException($"Mediation record of case {record.CaseId} at {record.Body} concludes ({c}) before it was accepted ({a}).", nameof(records));
            }

            all.Add(record);
        }

        return new MediationIndicatorReport(
            Slice(all),
            all.GroupBy(r => r.Body).ToImmutableSortedDictionary(g => g.Key, g => Slice([.. g]), ByUnit),
            all.Where(r => r.Mediator is not null).GroupBy(r => r.Mediator!.Value).ToImmutableSortedDictionary(g => g.Key, g => Slice([.. g]), ByActor),
            all.Where(r => r.Route is not null).GroupBy(r => r.Route!.Value).ToImmutableSortedDictionary(g => g.Key, g => Slice([.. g])));
    }

    /// <summary>Computes the court diversion rate: eligible court cases whose pre-filing diversion
    /// (<see cref="HandOffPurpose.CourtPreFilingDiversion"/>) a mediation body accepted, ÷ eligible court cases.</summary>
    /// <param name="eligibleCourtCases">The court cases eligible for diversion (e.g. those the rule
    /// <c>court-divert-suitable</c>'s conditions held for); duplicates count once.</param>
    /// <param name="handOffEvents">Hand-off events (e.g. <see cref="HandOffLedger.Events"/> or the host's store).</param>
    /// <returns>The rate. A diversion that was sent but declined does not count; one accepted for a case not in
    /// <paramref name="eligibleCourtCases"/> does not either.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DiversionRate Diversion(IEnumerable<CaseId> eligibleCourtCases, IEnumerable<HandOffEvent> handOffEvents)
    {
        ArgumentNullException.ThrowIfNull(eligibleCourtCases);
        ArgumentNullException.ThrowIfNull(handOffEvents);
        var eligible = eligibleCourtCases.ToHashSet();
        var diverted = handOffEvents
            .Where(e => e is { Kind: HandOffEventKind.Accepted, Purpose: HandOffPurpose.CourtPreFilingDiversion } && eligible.Contains(e.CaseId))
            .Select(e => e.CaseId)
            .ToHashSet();
        return new DiversionRate(eligible.Count, diverted.Count, eligible.Count == 0 ? null : (double)diverted.Count / eligible.Count);
    }

    private static IndicatorSlice Slice(List<MediationRecord> records)
    {
        var concluded = 0;
        var successes = 0;
        var durations = new List<Duration>();
        foreach (var r in records)
        {
            if (r.Outcome is not { } outcome)
            {
                continue;
            }

            concluded++;
            if (outcome is MediationOutcomeKind.Agreement or MediationOutcomeKind.PartialAgreement)
            {
                successes++;
            }

            if (r.AcceptedAt is { } a)
            {
                durations.Add(r.ConcludedAt!.Value - a);
            }
        }

        Duration? average = null;
        Duration? p90 = null;
        if (durations.Count > 0)
        {
            durations.Sort();
            var total = Duration.Zero;
            foreach (var d in durations)
            {
                total += d;
            }

            average = total / durations.Count;
            p90 = durations[((9 * durations.Count) + 9) / 10 - 1]; // nearest rank ⌈0.9·n⌉, in integers
        }

        return new IndicatorSlice(records.Count, concluded, successes, concluded == 0 ? null : (double)successes / concluded, average, p90);
    }
}

using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Indicators;
using Fengqiao.Mediation.Process;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The mediation indicators over 100 000 mediation records (40 bodies, 400 mediators, four routes plus direct
/// applications, about 10% still open), and the diversion rate over 100 000 hand-off events. The reported mean is
/// the time for the whole set.
/// </summary>
[MemoryDiagnoser]
public class MediationBenchmarks
{
    private const int Count = 100_000;
    private static readonly MediationOutcomeKind[] Outcomes =
        [MediationOutcomeKind.Agreement, MediationOutcomeKind.Agreement, MediationOutcomeKind.Agreement, MediationOutcomeKind.PartialAgreement,
         MediationOutcomeKind.Failure, MediationOutcomeKind.Withdrawal];

    private MediationRecord[] _records = null!;
    private CaseId[] _eligible = null!;
    private HandOffEvent[] _events = null!;

    /// <summary>Builds the records and events once, from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = Instant.FromUtc(2025, 1, 1, 2, 0);
        var bodies = Enumerable.Range(0, 40).Select(i => new OrgUnitId($"body-{i:00}")).ToArray();
        var mediators = Enumerable.Range(0, 400).Select(i => new ActorId($"mediator-{i:000}")).ToArray();
        HandOffRoute?[] routes = [null, HandOffRoute.Court, HandOffRoute.Police, HandOffRoute.Petition, HandOffRoute.Procuratorate];
        _records = new MediationRecord[Count];
        _eligible = new CaseId[Count];
        _events = new HandOffEvent[Count];
        for (var i = 0; i < Count; i++)
        {
            var caseId = new CaseId($"case-{i}");
            var accepted = start.Plus(Duration.FromMinutes(random.Next(0, 365 * 24 * 60)));
            var open = random.Next(10) == 0;
            var mediator = random.Next(mediators.Length);
            _records[i] = new MediationRecord(caseId, bodies[mediator % bodies.Length], mediators[mediator], routes[random.Next(routes.Length)],
                accepted, open ? null : accepted.Plus(Duration.FromMinutes(random.Next(60, 45 * 24 * 60))),
                open ? null : Outcomes[random.Next(Outcomes.Length)]);
            _eligible[i] = caseId;
            _events[i] = new HandOffEvent(new CorrelationKey($"k-{i}"), caseId, random.Next(4) == 0 ? HandOffEventKind.Sent : HandOffEventKind.Accepted,
                accepted, mediators[mediator], HandOffPurpose.CourtPreFilingDiversion, new OrgUnitId("court"), bodies[0], null, null,
                System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty, null);
        }
    }

    /// <summary>Success rate, mean and 90th-percentile duration overall and per body, mediator and route.</summary>
    /// <returns>The overall number of successes (so that the work is not optimised away).</returns>
    [Benchmark]
    public int Summarise100K() => MediationIndicators.Summarise(_records).Overall.Successes;

    /// <summary>The court diversion rate over 100 000 eligible cases and 100 000 hand-off events.</summary>
    /// <returns>The number of cases diverted.</returns>
    [Benchmark]
    public int Diversion100K() => MediationIndicators.Diversion(_eligible, _events).Diverted;
}

using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Random desk calls on the SQLite store behind Fengqiao.Testing's faulty store: whatever fails, no call leaves
/// a partial case — a failed call changes nothing, a successful one is wholly there, the chain always verifies.</summary>
public sealed class SqliteCaseStoreFaultTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task DeskCalls_UnderRandomStoreFaults_NeverLeaveAPartialCase(int seed)
    {
        var sqlite = stores.OpenFile(stores.NewPath());
        var faulty = new FaultyCaseStore(sqlite,
            CaseStoreFaultRule.Randomly(CaseStoreOperation.Append, CaseStoreFault.ThrowIo(), 0.25, seed),
            CaseStoreFaultRule.Randomly(CaseStoreOperation.Append, CaseStoreFault.Conflict(), 0.1, seed + 100),
            CaseStoreFaultRule.Randomly(CaseStoreOperation.Load, CaseStoreFault.ThrowIo(), 0.1, seed + 200));
        var kit = new BareCounty(wrap: _ => faulty, configure: o => o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(seed));
        var d = kit.Desk;
        var random = new Random(seed);
        var cases = new List<CaseId>();
        int failed = 0, succeeded = 0;
        for (var step = 0; step < 120; step++)
        {
            if (cases.Count == 0 || random.NextDouble() < 0.15)
            {
                try
                {
                    cases.Add((await d.RegisterAsync(Report(phone: $"1390000{step:D4}"), Intake)).Case.Id);
                    succeeded++;
                }
                catch (Exception e) when (e is IOException or Fengqiao.Cases.Ports.ConcurrencyConflictException)
                {
                    failed++;
                }

                Assert.Equal(cases.Count, (await sqlite.VerifyAsync(default)).CasesChecked);
                continue;
            }

            var id = cases[random.Next(cases.Count)];
            var before = (await sqlite.LoadAsync(id, default))!;
            Task call = random.Next(10) switch
            {
                0 => d.AcceptAsync(id, Dispatcher),
                1 => d.DispatchAsync(id, Dispatcher, Community),
                2 => d.ClaimAsync(id, Worker),
                3 => d.StartAsync(id, Worker),
                4 => d.ResolveAsync(id, Worker, "已办结"),
                5 => d.SubmitForReviewAsync(id, Worker),
                6 => d.ApproveAsync(id, Dispatcher),
                7 => d.CallBackAsync(id, Dispatcher, "电话回访"),
                8 => d.RateAsync(id, CaseActor.Citizen(before.QueryCodeDigest), CaseRating.Satisfied),
                _ => d.SuperviseAsync(id, Leader),
            };
            bool threw;
            try
            {
                await call;
                threw = false;
                succeeded++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                threw = true;
                failed++;
            }

            var after = (await sqlite.LoadAsync(id, default))!;
            var replayed = Case.Replay(await sqlite.ReadEventsAsync(id, default), Calendar);
            Assert.Equal(Fingerprint(after), Fingerprint(replayed));
            if (threw)
            {
                Assert.Equal(Fingerprint(before), Fingerprint(after));
            }
            else
            {
                Assert.True(after.Version > before.Version, $"step {step}: a successful call on {id} wrote nothing");
            }
        }

        var verified = await sqlite.VerifyAsync(default);
        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems));
        Assert.Contains(faulty.Injected, i => i.Contains("IOException", StringComparison.Ordinal));
        Assert.True(failed > 10 && succeeded > 10, $"{failed} failed, {succeeded} succeeded: the run exercised too little");
    }
}

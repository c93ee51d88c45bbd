// The consumer proof's program: uses each library package the way a portal would, from the packed .nupkg files.
// Each line checks its answer, so a broken package fails the proof instead of printing something plausible.
using Fengqiao;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.RoadMap;
using Fengqiao.Profiles;
using Fengqiao.Rules;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using NodaTime;

static Exception? Catch(Action action)
{
    try
    {
        action();
        return null;
    }
    catch (Exception e)
    {
        return e;
    }
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("consumer check failed: " + what);
    }

    Console.WriteLine("ok  " + what);
}

// Fengqiao.Sla (with its embedded holiday tables): 3 working days from the eve of National Day 2025.
var calendar = BusinessCalendar.ChinaNational;
var start = new LocalDateTime(2025, 9, 30, 16, 0).InZoneStrictly(calendar.Zone).ToInstant();
var deadline = calendar.Deadline(start, TimeLimit.Parse("3个工作日"));
Check(deadline.ZonedDeadline.Date == new LocalDate(2025, 10, 11), $"Fengqiao.Sla deadline {deadline.ZonedDeadline:uuuu-MM-dd HH:mm}");

// Fengqiao.Cases: the default lifecycle and a query code.
var permitted = CaseLifecycles.Default.GetPermittedTriggers(CaseState.Registered, CaseTransitionArgs.None);
Check(permitted.Contains(CaseTrigger.Accept), "Fengqiao.Cases lifecycle permits Accept on a registered case");
var code = new QueryCodeGenerator().Next();
Check(QueryCode.Parse(code.ToString()) == code, $"Fengqiao.Cases query code {code}");

// Fengqiao.Core: every refusal and bad input derives from FengqiaoException, with a kind a host maps to an answer.
Check(Catch(() => QueryCode.Parse("not-a-code")) is FengqiaoException { ErrorKind: FengqiaoErrorKind.Input },
    "Fengqiao.Core: a malformed query code is a FengqiaoException of kind Input");

// Fengqiao.Rules: a one-rule set.
var rules = new RuleSetBuilder<int, string>("demo")
    .Add(new Rule<int, string>("big", "numbers over ten", Condition.Part<int>("over ten", n => n > 10), _ => "big"))
    .Build();
Check(rules.Evaluate(42).HasMatch && !rules.Evaluate(3).HasMatch, "Fengqiao.Rules evaluates a rule");

// Fengqiao.Escalation: Baiyin's seven levels.
Check(BuiltInLadders.Baiyin.Levels.Length == 7, "Fengqiao.Escalation Baiyin ladder has seven levels");

// Fengqiao.Mediation: after a failed labour mediation comes arbitration.
Check(LegalRoadMap.Default.NextAfter(DisputeType.Labour, RoadMapStepKind.Mediation)?.Kind == RoadMapStepKind.Arbitration,
    "Fengqiao.Mediation road map: labour mediation → arbitration");

// Fengqiao.Profiles: a minimal county profile.
var profile = CountyProfileLoader.Parse("""
    name: Consumer county
    time-zone: Asia/Urumqi
    calendar:
      region: xinjiang
    org:
      units:
        - id: street
          name: 街道
          kind: street
        - id: grid
          name: 网格
          kind: grid
          parent: street
    ladder:
      key: two
      name: Two levels
      levels:
        - key: grid
          name: Grid
          kinds: [grid]
        - key: street
          name: Street
          kinds: [street]
    rules:
      escalation:
        levels:
          must-start-high: street
          wage-arrears: street
          repeat-complaint: street
    """, "consumer.yaml");
Check(profile.BuildOrgTree().Units.Length == 2 && !profile.BuildCalendar().IsWorkingDay(new LocalDate(2025, 6, 6)),
    "Fengqiao.Profiles loads a profile (Xinjiang Corban 2025-06-06 is a rest day)");

// Fengqiao.Storage.Sqlite: the embedded store loads its native SQLite, creates its schema in a file and reopens it.
var storePath = Path.Combine(Path.GetTempPath(), $"fengqiao-consumer-{Guid.NewGuid():N}.db");
try
{
    await using (var store = SqliteCaseStore.Open(storePath, calendar))
    {
        Check((await store.ListDueAsync(start, default)).Count == 0, "Fengqiao.Storage.Sqlite opens a new store file");
    }

    await using (var reopened = SqliteCaseStore.Open(storePath, calendar))
    {
        Check(await reopened.LoadAsync(new CaseId("none"), default) is null, "Fengqiao.Storage.Sqlite reopens its file");
    }
}
finally
{
    foreach (var file in new[] { storePath, storePath + "-wal", storePath + "-shm" })
    {
        File.Delete(file);
    }
}

// Fengqiao.Storage.PostgreSql: the shared store loads Npgsql; a server that is not there is the store's own exception,
// and when CI's throwaway server is named (FENGQIAO_POSTGRES) the store creates its schema there and lists due cases.
try
{
    await using var missing = await PostgreSqlCaseStore.OpenAsync("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=5", calendar);
    Check(false, "Fengqiao.Storage.PostgreSql reports a server that is not there");
}
catch (PostgreSqlCaseStoreException e) when (e.Operation == PostgreSqlCaseStoreOperation.Open && e.IsTransient)
{
    Check(e.DataSource == "127.0.0.1:1/none", "Fengqiao.Storage.PostgreSql names the server it could not reach");
}

if (Environment.GetEnvironmentVariable("FENGQIAO_POSTGRES") is { Length: > 0 } postgres)
{
    await using var shared = await PostgreSqlCaseStore.OpenAsync(postgres, calendar);
    Check((await shared.ListDueAsync(start, default)) is not null, "Fengqiao.Storage.PostgreSql opens the CI server's database");
}
// Fengqiao.Testing: a calendar recipe from its generator builds, and a fault store injects on the call it was told.
var recipe = FsCheck.Fluent.Gen.Sample(Fengqiao.Testing.FengqiaoArbitraries.Calendars().Generator, 1)[0];
Check(recipe.Build().IsWorkingDay(recipe.CoverageStart) == recipe.IsWorkingDay(recipe.CoverageStart)
      && recipe.ToString().StartsWith("new BusinessCalendarBuilder()", StringComparison.Ordinal),
    "Fengqiao.Testing generates a calendar recipe that builds");
var faulty = new Fengqiao.Testing.FaultyCaseStore(new Fengqiao.Cases.InMemory.InMemoryCaseStore(),
    Fengqiao.Testing.CaseStoreFaultRule.OnCalls(Fengqiao.Testing.CaseStoreOperation.Load, Fengqiao.Testing.CaseStoreFault.ThrowIo(), 1));
var threw = false;
try
{
    await faulty.LoadAsync(new CaseId("x"), default);
}
catch (IOException)
{
    threw = true;
}

Check(threw && faulty.Injected.Count == 1, "Fengqiao.Testing injects a store fault");

// Fengqiao.Hosting: AddFengqiao binds a profile file, an in-memory store and the county's query-code key from configuration into a service provider.
var hostedProfile = Path.Combine(Path.GetTempPath(), $"fengqiao-consumer-{Guid.NewGuid():N}.yaml");
try
{
    File.WriteAllText(hostedProfile, CountyProfileWriter.Write(profile));
    var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
            new Dictionary<string, string?> { ["Fengqiao:ProfilePath"] = hostedProfile, ["Fengqiao:Store"] = "InMemory",
                ["Fengqiao:QueryCodeKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) })
        .Build();
    var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
    Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
    Fengqiao.Hosting.FengqiaoServiceCollectionExtensions.AddFengqiao(services, configuration);
    await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
    var county = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CountyDesk>(provider);
    Check(county.Profile.Name == "Consumer county", "Fengqiao.Hosting composes the desk from configuration");
}
finally
{
    File.Delete(hostedProfile);
}

using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Routing;
using Fengqiao.Profiles.Tests.Processes;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Profiles.Tests.Routing;

/// <summary>
/// <c>profile check</c> passing means the desk never fails to route or to resolve a ladder: random counties from
/// <see cref="FengqiaoArbitraries.LadderCounties"/> (half of them with a department level several departments serve at, off the grids'
/// chains — Saybagh's shape), with random routing rows, written as YAML, checked by the loader, and — when the check
/// passes — driven through the composition root by random desk calls.
/// </summary>
public class RoutingPropertyTests
{
    private const int CallsPerCounty = 100;
    private static readonly string[] CategoryKeys = ["dispute", "livelihood", "labour"];
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0);

    [Fact]
    public void Check_RandomCounties_PassingMeansNoLadderOrRoutingFailureInRandomDeskCalls()
    {
        var calls = 0;
        var passed = 0;
        var refused = 0;
        var gen =
            from county in FengqiaoArbitraries.LadderCounties().Generator
            from departments in Gen.Choose(0, 3)
            from withDepartmentLevel in Gen.Elements(true, false)
            from categoryCount in Gen.Choose(1, CategoryKeys.Length)
            from withRouting in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from rowChoices in Gen.ArrayOf(Gen.Choose(0, 99), 12)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select (county, departments, withDepartmentLevel, categoryCount, withRouting, rowChoices, seed);

        // About a third of the random counties pass the check; five times the run count keeps the passing ones well
        // above the 10⁴-call floor asserted below (at 3× a run of 97 of 300 fell just short).
        PropertyCheck.ForAll(gen, input =>
        {
            var yaml = Yaml(input.county, input.departments, input.withDepartmentLevel, input.categoryCount, input.withRouting, input.rowChoices);
            CountyProfile profile;
            try
            {
                profile = CountyProfileLoader.Parse(yaml, "random.yaml");
            }
            catch (ProfileLoadException)
            {
                refused++;
                return;
            }

            passed++;
            calls += DriveAsync(profile, new Random(input.seed)).GetAwaiter().GetResult();
        }, runsScale: 5.0);

        Assert.True(passed > 0 && refused > 0, $"the generator should make counties the check passes and refuses ({passed} passed, {refused} refused)");
        Assert.True(calls >= CallsPerCounty * passed, $"{calls} desk calls over {passed} counties");
        Assert.True(calls >= PropertyCheck.Runs() * CallsPerCounty, $"only {calls} desk calls: too few counties passed the check ({passed} of {passed + refused})");
    }

    /// <summary>Makes random desk calls; throws when routing or a ladder fails. Returns the number of calls made.</summary>
    private static async Task<int> DriveAsync(CountyProfile profile, Random random)
    {
        var clock = new FakeClock(Start);
        var county = new CountyDeskBuilder(profile).UseStore(new InMemoryCaseStore()).UseClock(clock).UseQueryCodeKey(Fengqiao.Testing.BareCounty.QueryCodeKey).Build();
        var desk = county.Desk;
        var boss = CaseActor.Staff(new ActorId("boss"), new OrgUnitId("top"));
        var reporting = county.Tree.Units.Where(u => profile.Ladder.Levels[0].IsServedBy(u)).ToList();
        var categories = profile.Categories.Select(c => c.Key).ToList();
        var units = county.Tree.Units;
        var cases = new List<CaseId>();
        CaseActor WorkerOf(OrgUnitId unit) => CaseActor.Staff(new ActorId($"w-{unit}"), unit);

        for (var call = 0; call < CallsPerCounty; call++)
        {
            var kind = cases.Count == 0 ? 0 : random.Next(9);
            var id = cases.Count == 0 ? default : cases[random.Next(cases.Count)];
            var current = cases.Count == 0 ? null : await desk.FindAsync(id);
            try
            {
                switch (kind)
                {
                    case 0:
                        var report = new CaseReport(
                            random.Next(2) == 0 ? CaseChannel.Hotline12345 : CaseChannel.QrCode, categories[random.Next(categories.Count)],
                            (CasePriority)random.Next(3), new CaseLocation(reporting[random.Next(reporting.Count)].Id), new Reporter("张三", $"138{random.Next(10_000_000):D8}"), "随机诉求");
                        cases.Add((await desk.RegisterAsync(report, boss)).Case.Id);
                        break;
                    case 1:
                        await desk.AcceptAsync(id, boss);
                        break;
                    case 2:
                        await desk.DispatchAsync(id, boss, county.Routing.Route(current!.Report, current.RegisteredAt)?.Owner ?? current.Report.Location.Grid);
                        break;
                    case 3:
                        await desk.DispatchAsync(id, boss, units[random.Next(units.Length)].Id);
                        break;
                    case 4 when current!.HoldingUnit is { } holder:
                        await desk.ClaimAsync(id, WorkerOf(holder));
                        break;
                    case 5 when current!.HoldingUnit is { } holder:
                        await desk.ReturnAsync(id, WorkerOf(holder), CannotResolve.Reason("无法解决"));
                        break;
                    case 6 when current!.HoldingUnit is { } holder:
                        await desk.StartAsync(id, WorkerOf(holder));
                        await desk.ResolveAsync(id, WorkerOf(holder), "已处理");
                        break;
                    case 7:
                        clock.Advance(Duration.FromHours(random.Next(1, 96)));
                        var swept = await desk.SweepAsync(clock.GetCurrentInstant());
                        foreach (var failure in swept.PolicyFailures)
                        {
                            Fail(failure);
                        }

                        break;
                    default:
                        await desk.EscalateAsync(id, boss, units[random.Next(units.Length)].Id, "上报");
                        break;
                }
            }
            catch (CaseActionRefusedException)
            {
                // A random action the lifecycle or the authoriser does not permit now: a business answer.
            }
            catch (CasePolicyException e)
            {
                Fail(e);
            }
        }

        return CallsPerCounty;
    }

    private static void Fail(CasePolicyException e)
    {
        if (e.InnerException is LadderResolutionException or RoutingException)
        {
            throw new InvalidOperationException($"The profile passed its check, yet the desk failed to route: {e.Message}", e);
        }
    }

    private static string Yaml(LadderCounty county, int departments, bool withDepartmentLevel, int categoryCount, bool withRouting, int[] choices)
    {
        var levels = county.Ladder.Levels;
        var renamed = withDepartmentLevel && levels.Length >= 3 && departments > 0 ? 1 + (choices[0] % (levels.Length - 2)) : -1;
        string Key(int level) => level == renamed ? RoutingTable.DefaultDepartmentLevel : levels[level].Key;
        string KeyOf(string key) => levels.Select((l, i) => (l, i)).Where(x => x.l.Key == key).Select(x => Key(x.i)).DefaultIfEmpty(key).First();
        var w = new StringBuilder();
        w.AppendLine("name: random county");
        w.AppendLine("time-zone: Asia/Shanghai");
        w.AppendLine("channels: [hotline-12345, qr-code]");
        w.AppendLine("org:");
        w.AppendLine("  units:");
        var unitIds = new List<string>();
        foreach (var unit in county.Tree.Units)
        {
            unitIds.Add(unit.Id.Value);
            w.AppendLine(CultureInfo.InvariantCulture, $"    - id: {unit.Id}");
            w.AppendLine(CultureInfo.InvariantCulture, $"      name: {unit.Name}");
            w.AppendLine(CultureInfo.InvariantCulture, $"      kind: {(unit.Kind == OrgUnitKind.Grid ? "grid" : "post")}");
            if (unit.Parent is { } parent)
            {
                w.AppendLine(CultureInfo.InvariantCulture, $"      parent: {parent}");
            }

            // The renamed level's chain units lose their tag: the department level is off every grid's chain.
            var tags = unit.Tags.IsDefault ? [] : unit.Tags.Where(t => renamed < 0 || t != levels[renamed].Key).ToList();
            if (tags.Count > 0)
            {
                w.AppendLine(CultureInfo.InvariantCulture, $"      tags: [{string.Join(", ", tags)}]");
            }

            w.AppendLine("      members:");
            w.AppendLine(CultureInfo.InvariantCulture, $"        - id: w-{unit.Id}");
            w.AppendLine("          name: worker");
            w.AppendLine("          roles: [worker]");
            if (unit.Parent is null)
            {
                w.AppendLine("        - id: boss");
                w.AppendLine("          name: boss");
                w.AppendLine("          roles: [dispatcher, reviewer, leader]");
            }
        }

        var departmentIds = Enumerable.Range(1, departments).Select(d => $"dept-{d}").ToList();
        foreach (var department in departmentIds)
        {
            unitIds.Add(department);
            w.AppendLine(CultureInfo.InvariantCulture, $"    - id: {department}");
            w.AppendLine("      name: department");
            w.AppendLine("      kind: department");
            w.AppendLine("      parent: top");
            w.AppendLine("      members:");
            w.AppendLine(CultureInfo.InvariantCulture, $"        - id: w-{department}");
            w.AppendLine("          name: worker");
            w.AppendLine("          roles: [worker]");
        }

        w.AppendLine("ladder:");
        w.AppendLine(CultureInfo.InvariantCulture, $"  key: {county.Ladder.Key}");
        w.AppendLine("  name: random ladder");
        w.AppendLine("  levels:");
        for (var i = 0; i < levels.Length; i++)
        {
            w.AppendLine(CultureInfo.InvariantCulture, $"    - key: {Key(i)}");
            w.AppendLine(CultureInfo.InvariantCulture, $"      name: level {i}");
            w.AppendLine(CultureInfo.InvariantCulture, $"      kinds: [{(i == 0 ? "grid" : i == renamed ? "department" : "")}]");
        }

        var categories = CategoryKeys.Take(categoryCount).ToList();
        w.AppendLine("categories:");
        foreach (var category in categories)
        {
            w.AppendLine(CultureInfo.InvariantCulture, $"  - key: {category}");
            w.AppendLine(CultureInfo.InvariantCulture, $"    name: {category}");
        }

        if (withRouting)
        {
            w.AppendLine("routing:");
            w.AppendLine(CultureInfo.InvariantCulture, $"  unrouted: {(choices[1] < 80 ? "refuse" : unitIds[choices[1] % unitIds.Count])}");
            w.AppendLine("  rows:");
            for (var r = 0; r < categories.Count + (choices[2] % 2); r++)
            {
                var c = choices[3 + r];
                w.AppendLine(CultureInfo.InvariantCulture, $"    - category: \"{(r < categories.Count ? categories[r] : "*")}\"");
                w.AppendLine((c % 3) switch
                {
                    0 => $"      level: {Key(c % levels.Length)}",
                    1 => $"      kind: {(c % 2 == 0 ? "grid" : "department")}",
                    _ => $"      unit: {unitIds[c % unitIds.Count]}",
                });
                if (departmentIds.Count > 0 && c % 5 != 0)
                {
                    w.AppendLine(CultureInfo.InvariantCulture, $"      department: {departmentIds[c % departmentIds.Count]}");
                }

                if (c % 7 == 0)
                {
                    w.AppendLine(CultureInfo.InvariantCulture, $"      months: [{1 + (c % 12)}, {1 + ((c + 5) % 12)}]");
                }
            }
        }

        w.AppendLine("rules:");
        w.AppendLine("  escalation:");
        w.AppendLine("    levels:");
        w.AppendLine(CultureInfo.InvariantCulture, $"      must-start-high: {KeyOf(county.Options.MustStartHighLevel)}");
        w.AppendLine(CultureInfo.InvariantCulture, $"      wage-arrears: {KeyOf(county.Options.WageArrearsLevel)}");
        w.AppendLine(CultureInfo.InvariantCulture, $"      repeat-complaint: {KeyOf(county.Options.RepeatTargetLevel ?? levels[^1].Key)}");
        return w.ToString();
    }
}

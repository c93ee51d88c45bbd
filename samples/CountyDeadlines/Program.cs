// A portal developer's first look at Fengqiao: deadlines on China's holiday-aware business calendar,
// an SLA clock that pauses and explains itself, and the path a stalled case would climb.
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Sla;
using NodaTime;

var calendar = BusinessCalendar.ChinaNational;
var shanghai = calendar.Zone;

// 1. A citizen reports a dispute at 16:00 on the eve of National Day 2025 (Urumqi "1351": disputes, 3 working days).
var reported = new LocalDateTime(2025, 9, 30, 16, 0).InZoneStrictly(shanghai).ToInstant();
var limit = SlaPolicies.Urumqi1351.Limit(SlaLimitNames.Handle, "dispute");
var deadline = calendar.Deadline(reported, limit);
Console.WriteLine($"Reported {reported.InZone(shanghai):uuuu-MM-dd HH:mm}, limit {limit} ({limit.ToChineseString()})");
Console.WriteLine($"Deadline {deadline.ZonedDeadline:uuuu-MM-dd HH:mm}: {deadline.Explanation}");

// 2. The same limit as a clock: handling is suspended (挂起) for a day while the citizen is away.
var clock = SlaClock.Start(calendar, reported, limit, SlaPolicies.YellowRed(0.5, Duration.FromHours(2)));
var paused = new LocalDateTime(2025, 10, 9, 10, 0).InZoneStrictly(shanghai).ToInstant();
var resumed = new LocalDateTime(2025, 10, 10, 10, 0).InZoneStrictly(shanghai).ToInstant();
clock = clock.Pause(paused).Resume(resumed);
var reading = clock.At(resumed);
Console.WriteLine($"After a one-day suspension the deadline is {reading.Deadline.InZone(shanghai):uuuu-MM-dd HH:mm}, stage {reading.Stage}");

// 3. If the case stalls, who takes it over? The default ladder on a small district.
var tree = new OrgTreeBuilder()
    .AddUnit(new OrgUnitId("secretary"), "区委书记", OrgUnitKind.Secretary)
    .AddUnit(new OrgUnitId("task-force"), "工作专班", OrgUnitKind.TaskForce, new OrgUnitId("secretary"))
    .AddUnit(new OrgUnitId("dept-housing"), "住建局", OrgUnitKind.Department, new OrgUnitId("secretary"))
    .AddUnit(new OrgUnitId("street"), "雅山街道", OrgUnitKind.Street, new OrgUnitId("secretary"))
    .AddUnit(new OrgUnitId("community"), "雅山社区", OrgUnitKind.Community, new OrgUnitId("street"))
    .AddUnit(new OrgUnitId("grid-7"), "第七网格", OrgUnitKind.Grid, new OrgUnitId("community"))
    .Build();
var path = BuiltInLadders.Default.Resolve(tree, new OrgUnitId("grid-7"), level => level.Key == "department" ? new OrgUnitId("dept-housing") : null);
Console.WriteLine($"Escalation path: {path.Describe()}");

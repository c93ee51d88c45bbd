using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.Sla.Internal;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cases.Serialization;

/// <summary>The snapshot form (<see cref="CaseSnapshotJson"/>): a folded case in the compact form's style — stable short
/// names, instants on whole seconds as Unix seconds, nothing at its default — reusing the event form's writers for the
/// report, SLA terms, limits, actors and hand-off terms.</summary>
public static partial class CaseEventJson
{
    /// <summary>The snapshot's field names, added to the compact names (each short name once across both).</summary>
    private static (string Long, string Short)[] SnapshotNames =>
    [
        ("registration", "rg"), ("registeredAt", "rga"), ("registeringUnit", "ru"), ("state", "st"), ("updatedAt", "ua"),
        ("cycle", "cy"), ("handOffKey", "hk"), ("handOffAcceptedAt", "haa"), ("assignedDeputies", "adp"), ("heldBy", "hb"),
        ("since", "si"), ("writtenReports", "wrs"), ("deputyScores", "dss"), ("pendingReturn", "prt"), ("holdingUnit", "hu"),
        ("ratings", "rts"), ("currentRating", "cra"), ("currentRatedBy", "crb"), ("supervisionCount", "svc"),
        ("instructionCount", "inc"), ("escalationCount", "esc"), ("returnCount", "rtc"), ("callBackCount", "cbc"),
        ("hasBeenOverdue", "hbo"), ("suspendedFrom", "spf"), ("handedOffFrom", "hof"), ("handedOffTo", "hot"),
        ("pendingExtension", "pex"), ("hasPendingExtension", "hpe"), ("extensionCount", "exc"), ("extensionTotal", "ext"),
        ("joinedReports", "jrs"), ("joinedReportTimes", "jrt"), ("joinedQueryCodes", "jqc"), ("supervisions", "svs"), ("sequence", "sq"),
        ("targetHeldCase", "thc"), ("closedAt", "cla"), ("closure", "clb"), ("overdueRecordedAt", "ora"), ("summonses", "sms"),
        ("reportedAt", "rpa"), ("reportedBy", "rpb"), ("noShowRecordedAt", "nsa"), ("noShowSupervision", "nss"),
        ("policyFailure", "pf"), ("nextDueAt", "nda"), ("clocks", "cks"), ("history", "hi"), ("recorded", "rcd"),
        ("reprojected", "rpj"), ("parkedRelayClocks", "prc"),
    ];

    /// <summary>Writes a folded case in the snapshot form.</summary>
    internal static byte[] WriteSnapshot(Case c) => WriteSnapshotScratch(c).ToArray();

    /// <summary>Writes a folded case in the snapshot form into this thread's snapshot scratch buffer, so a store that
    /// seals and compresses the JSON needs no array of its own for it (written once, read twice).</summary>
    /// <returns>The JSON, valid until the next call on this thread; copy it to keep it.</returns>
    internal static ReadOnlySpan<byte> WriteSnapshotScratch(Case c)
    {
        var s = c.ToSnapshotState();
        var scratch = JsonScratch.Take(ref snapshotScratch, 2048);
        var writer = scratch.Writer;
        {
            var w = new JsonOut(writer, true);
            w.WriteStartObject();
            w.WriteNumber("format", CaseSnapshotJson.FormatVersion);
            w.WriteNumber("version", s.Version);
            w.WriteStartObject("registration");
            w.WritePropertyName("report");
            WriteReport(w, s.Registration.Report, null);
            w.WriteString("queryCodeHash", s.Registration.QueryCodeDigest.ToString());
            w.WriteString("lifecycleVersion", s.Registration.LifecycleVersion);
            w.WritePropertyName("sla");
            WriteSla(w, s.Registration.Sla);
            w.WriteEndObject();
            w.WriteInstant("registeredAt", s.RegisteredAt);
            w.WriteString("registeringUnit", s.RegisteringUnit.Value);
            w.WriteNumber("state", (int)s.State);
            if (s.UpdatedAt != s.RegisteredAt)
            {
                w.WriteInstant("updatedAt", s.UpdatedAt);
            }

            w.WriteCount("cycle", s.Cycle, 1);
            w.WriteOptional("handOffKey", s.HandOffKey);
            w.WriteOptional("handOffAcceptedAt", s.HandOffAcceptedAt);
            w.WriteStrings("assignedDeputies", s.AssignedDeputies, static d => d.Value);
            w.WriteStrings("heldBy", s.HeldBy, static u => u.Value);
            if (s.Post is { } post)
            {
                w.WriteStartObject("post");
                w.WriteString("unit", post.Unit.Value);
                w.WriteString("post", post.Post);
                w.WriteInstant("since", post.Since);
                w.WriteOptional("deadline", post.Deadline);
                w.WriteOptional("escalatesTo", post.EscalatesTo);
                w.WriteEndObject();
            }

            w.WriteObjects("writtenReports", s.WrittenReports, static (w, r) =>
            {
                w.WriteString("from", r.From.Value);
                w.WriteString("addressee", r.Addressee.Value);
                w.WritePropertyName("actor");
                WriteActor(w, r.FiledBy, null);
                w.WriteInstant("at", r.FiledAt);
            });
            w.WriteObjects("deputyScores", s.DeputyScores, static (w, d) =>
            {
                w.WriteString("deputy", d.Deputy.Value);
                w.WriteNumber("score", d.Score);
                w.WriteInstant("at", d.ScoredAt);
                w.WriteCount("cycle", d.Cycle, 1);
            });
            if (s.PendingReturn is { } back)
            {
                w.WriteStartObject("pendingReturn");
                w.WriteString("body", back.Body.Value);
                w.WriteString("reason", back.Reason);
                w.WritePropertyName("terms");
                WriteTerms(w, back.Terms);
                w.WriteEndObject();
            }

            w.WriteOptional("relayLevel", s.RelayLevel);
            w.WriteOptional("holdingUnit", s.HoldingUnit?.Value);
            w.WriteOptional("worker", s.Worker?.Value);
            w.WriteOptional("reply", s.Reply);
            if (!s.Ratings.IsEmpty)
            {
                w.WriteStartArray("ratings");
                foreach (var rating in s.Ratings)
                {
                    w.WriteNumberValue((int)rating);
                }

                w.WriteEndArray();
            }

            w.WriteCount("currentRating", (int)s.CurrentRating, (int)CaseRating.NotRated);
            w.WriteOptional("currentRatedBy", (int?)s.CurrentRatedBy);
            w.WriteCount("supervisionCount", s.SupervisionCount, 0);
            w.WriteCount("instructionCount", s.InstructionCount, 0);
            w.WriteCount("escalationCount", s.EscalationCount, 0);
            w.WriteCount("returnCount", s.ReturnCount, 0);
            w.WriteCount("callBackCount", s.CallBackCount, 0);
            w.WriteFlag("hasBeenOverdue", s.HasBeenOverdue);
            w.WriteOptional("suspendedFrom", (int?)s.SuspendedFrom);
            w.WriteOptional("handedOffFrom", (int?)s.HandedOffFrom);
            w.WriteOptional("handedOffTo", s.HandedOffTo?.Value);
            w.WriteOptional("pendingExtension", s.PendingExtension);
            w.WriteFlag("hasPendingExtension", s.HasPendingExtension);
            w.WriteCount("extensionCount", s.ExtensionCount, 0);
            if (s.ExtensionTotal != Duration.Zero)
            {
                w.WriteString("extensionTotal", DurationPattern.Roundtrip.Format(s.ExtensionTotal));
            }

            w.WriteOptional("into", s.MergedInto?.Value);
            if (!s.JoinedReports.IsEmpty)
            {
                w.WriteStartArray("joinedReports");
                foreach (var report in s.JoinedReports)
                {
                    WriteReport(w, report, null);
                }

                w.WriteEndArray();
                w.WriteStartArray("joinedReportTimes");
                foreach (var at in s.JoinedReportTimes)
                {
                    w.WriteInstantValue(at);
                }

                w.WriteEndArray();
            }

            if (!s.JoinedQueryCodeDigests.IsEmpty)
            {
                w.WriteStartArray("joinedQueryCodes");
                foreach (var digest in s.JoinedQueryCodeDigests)
                {
                    w.WriteStringValue(digest.ToString());
                }

                w.WriteEndArray();
            }

            w.WriteObjects("supervisions", s.Supervisions, static (w, v) =>
            {
                w.WriteNumber("sequence", v.Sequence);
                w.WriteString("issuer", v.IssuingUnit.Value);
                w.WriteString("target", v.TargetUnit.Value);
                w.WritePropertyName("actor");
                WriteActor(w, v.IssuedBy, null);
                w.WriteInstant("at", v.IssuedAt);
                w.WritePropertyName("limit");
                WriteLimit(w, v.Limit);
                w.WriteInstant("deadline", v.Deadline);
                w.WriteNumber("grade", (int)v.Grade);
                w.WriteOptional("note", v.Note);
                w.WriteOptional("ruleId", v.RuleId);
                w.WriteFlag("targetHeldCase", v.TargetHeldCase);
                w.WriteOptional("supersedes", v.Supersedes);
                w.WriteOptional("summons", v.Summons);
                if (v.Instruction is { } instruction)
                {
                    w.WriteNumber("instruction", instruction);
                }

                w.WriteOptional("closedAt", v.ClosedAt);
                w.WriteOptional("closure", (int?)v.ClosedBecause);
                w.WriteOptional("overdueRecordedAt", v.OverdueRecordedAt);
            });
            w.WriteObjects("summonses", s.Summonses, static (w, m) =>
            {
                w.WriteNumber("sequence", m.Sequence);
                w.WriteString("caller", m.CallingUnit.Value);
                w.WritePropertyName("actor");
                WriteActor(w, m.SummonedBy, null);
                w.WriteInstant("at", m.SummonedAt);
                w.WritePropertyName("limit");
                WriteLimit(w, m.Limit);
                w.WriteOptional("note", m.Note);
                w.WriteOptional("ruleId", m.RuleId);
                w.WriteObjects("departments", m.Departments, static (w, d) =>
                {
                    w.WriteString("department", d.Department.Value);
                    w.WriteInstant("deadline", d.Deadline);
                    w.WriteOptional("reportedAt", d.ReportedAt);
                    if (d.ReportedBy is { } by)
                    {
                        w.WritePropertyName("reportedBy");
                        WriteActor(w, by, null);
                    }

                    w.WriteOptional("noShowRecordedAt", d.NoShowRecordedAt);
                    w.WriteOptional("noShowSupervision", d.NoShowSupervision);
                });
                w.WriteOptional("closedAt", m.ClosedAt);
            });
            if (s.PolicyFailure is { } failure)
            {
                w.WriteStartObject("policyFailure");
                w.WriteString("policy", failure.Policy);
                w.WriteString("reason", failure.Reason);
                w.WriteInstant("at", failure.At);
                w.WriteEndObject();
            }

            w.WriteOptional("nextDueAt", s.NextDueAt);
            w.WriteObjects("clocks", s.Clocks, static (w, k) =>
            {
                w.WriteNumber("clock", (int)k.Kind);
                History(w, k.History);
            });
            w.WriteObjects("recorded", s.Recorded, static (w, r) =>
            {
                w.WriteNumber("clock", (int)r.Kind);
                w.WriteNumber("stage", (int)r.Stage);
                w.WriteOptional("warning", r.Warning);
            });
            w.WriteObjects("reprojected", s.Reprojected, static (w, r) => r.Accept(new PayloadWriter(w, null)));
            w.WriteObjects("parkedRelayClocks", s.ParkedRelayClocks, static (w, p) =>
            {
                w.WriteString("relayLevel", p.Level);
                History(w, p.History);
            });
            w.WriteEndObject();
        }

        return scratch.Written();
    }

    /// <summary>Reads a folded case written by <see cref="WriteSnapshot"/>.</summary>
    internal static Case ReadSnapshot(ReadOnlyMemory<byte> utf8, CaseId id, BusinessCalendar calendar)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new CaseEventFormatException("$", e.BytePositionInLine, $"the snapshot is not well-formed JSON (line {(e.LineNumber ?? 0) + 1})", e);
        }

        using (document)
        {
            var n = new Node(document.RootElement, "$", compact: true);
            n.AllowOnly(SnapshotFields);
            var format = n.Required("format").Int32();
            if (format != CaseSnapshotJson.FormatVersion)
            {
                throw n.Required("format").Fail($"snapshot format {format} is not known; this version reads format {CaseSnapshotJson.FormatVersion}");
            }

            var version = n.Required("version").Int64();
            if (version < 1)
            {
                throw n.Required("version").Fail("a version is 1 or more");
            }

            var rg = n.Required("registration");
            rg.AllowOnly("report", "queryCodeHash", "lifecycleVersion", "sla");
            var registration = rg.Create(() => new CaseRegistration(
                ReadReport(rg.Required("report"), null), rg.Required("queryCodeHash").QueryCodeDigest(),
                rg.Required("lifecycleVersion").String(), ReadSla(rg.Required("sla"))));
            var registeredAt = n.Required("registeredAt").Instant();
            OrgUnitId Unit(Node x, string name) => x.Required(name).Create(v => new OrgUnitId(v));
            OrgUnitId? OptionalUnit(string name) => n.Optional(name)?.Create(v => new OrgUnitId(v));
            int Number(Node x, string name, int absent) => x.Optional(name)?.Int32() ?? absent;
            TEnum? OptionalEnum<TEnum>(Node x, string name)
                where TEnum : struct, Enum => x.Optional(name)?.Enum<TEnum>();
            var state = new Case.SnapshotState
            {
                Id = id,
                Version = version,
                Registration = registration,
                RegisteredAt = registeredAt,
                RegisteringUnit = Unit(n, "registeringUnit"),
                State = n.Required("state").Enum<CaseState>(),
                UpdatedAt = n.Optional("updatedAt")?.Instant() ?? registeredAt,
                Cycle = Number(n, "cycle", 1),
                HandOffKey = n.Optional("handOffKey")?.String(),
                HandOffAcceptedAt = n.Optional("handOffAcceptedAt")?.Instant(),
                AssignedDeputies = [.. Items(n, "assignedDeputies").Select(x => x.Create(v => new ActorId(v)))],
                HeldBy = [.. Items(n, "heldBy").Select(x => x.Create(v => new OrgUnitId(v)))],
                Post = n.Optional("post") is { } post ? ReadPost(post) : null,
                WrittenReports = [.. Items(n, "writtenReports").Select(x =>
                {
                    x.AllowOnly("from", "addressee", "actor", "at");
                    return new CaseWrittenReport(Unit(x, "from"), Unit(x, "addressee"), ReadActor(x.Required("actor"), null, null), x.Required("at").Instant());
                })],
                DeputyScores = [.. Items(n, "deputyScores").Select(x =>
                {
                    x.AllowOnly("deputy", "score", "at", "cycle");
                    return new CaseDeputyScore(x.Required("deputy").Create(v => new ActorId(v)), x.Required("score").Int32(), x.Required("at").Instant(), Number(x, "cycle", 1));
                })],
                PendingReturn = n.Optional("pendingReturn") is { } back ? ReadReturn(back) : null,
                RelayLevel = n.Optional("relayLevel")?.String(),
                HoldingUnit = OptionalUnit("holdingUnit"),
                Worker = n.Optional("worker")?.Create(v => new ActorId(v)),
                Reply = n.Optional("reply")?.String(),
                Ratings = [.. Items(n, "ratings").Select(x => x.Enum<CaseRating>())],
                CurrentRating = OptionalEnum<CaseRating>(n, "currentRating") ?? CaseRating.NotRated,
                CurrentRatedBy = OptionalEnum<CaseActorKind>(n, "currentRatedBy"),
                SupervisionCount = Number(n, "supervisionCount", 0),
                InstructionCount = Number(n, "instructionCount", 0),
                EscalationCount = Number(n, "escalationCount", 0),
                ReturnCount = Number(n, "returnCount", 0),
                CallBackCount = Number(n, "callBackCount", 0),
                HasBeenOverdue = n.Flag("hasBeenOverdue"),
                SuspendedFrom = OptionalEnum<CaseState>(n, "suspendedFrom"),
                HandedOffFrom = OptionalEnum<CaseState>(n, "handedOffFrom"),
                HandedOffTo = OptionalUnit("handedOffTo"),
                PendingExtension = n.Optional("pendingExtension") is { } pending ? ReadLimit(pending) : null,
                HasPendingExtension = n.Flag("hasPendingExtension"),
                ExtensionCount = Number(n, "extensionCount", 0),
                ExtensionTotal = n.Optional("extensionTotal")?.Duration() ?? Duration.Zero,
                MergedInto = n.Optional("into")?.Create(v => new CaseId(v)),
                JoinedReports = [.. Items(n, "joinedReports").Select(x => ReadReport(x, null))],
                JoinedReportTimes = [.. Items(n, "joinedReportTimes").Select(x => x.Instant())],
                JoinedQueryCodeDigests = [.. Items(n, "joinedQueryCodes").Select(x => x.QueryCodeDigest())],
                Supervisions = [.. Items(n, "supervisions").Select(ReadSupervision)],
                Summonses = [.. Items(n, "summonses").Select(ReadSummons)],
                PolicyFailure = n.Optional("policyFailure") is { } failure ? ReadFailure(failure) : null,
                NextDueAt = n.Optional("nextDueAt")?.Instant(),
                Clocks = [.. Items(n, "clocks").Select(x =>
                {
                    x.AllowOnly("clock", "history");
                    return (x.Required("clock").Enum<CaseClockKind>(), ReadHistory(x.Required("history")));
                })],
                Recorded = [.. Items(n, "recorded").Select(x =>
                {
                    x.AllowOnly("clock", "stage", "warning");
                    return (x.Required("clock").Enum<CaseClockKind>(), x.Required("stage").Enum<SlaStage>(), x.Optional("warning")?.String());
                })],
                Reprojected = [.. Items(n, "reprojected").Select(x =>
                {
                    x.AllowOnly("type", "data");
                    return ReadPayload(x.Required("type"), x.Required("data"), null, null) as CaseDeadlineReprojected
                        ?? throw x.Required("type").Fail("a recorded re-projection is a deadline-reprojected payload");
                })],
                ParkedRelayClocks = [.. Items(n, "parkedRelayClocks").Select(x =>
                {
                    x.AllowOnly("relayLevel", "history");
                    return (x.Required("relayLevel").String(), ReadHistory(x.Required("history")));
                })],
            };
            if (state.JoinedReports.Length != state.JoinedReportTimes.Length)
            {
                throw n.Required("joinedReportTimes").Fail("there is one time for each joined report");
            }

            try
            {
                return Case.FromSnapshotState(state, calendar);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw n.Fail($"the clocks or records do not make a case ({e.GetType().Name}: {e.Message})", e);
            }
        }
    }

    private static readonly string[] SnapshotFields =
    [
        "format", "version", "registration", "registeredAt", "registeringUnit", "state", "updatedAt", "cycle", "handOffKey",
        "handOffAcceptedAt", "assignedDeputies", "heldBy", "post", "writtenReports", "deputyScores", "pendingReturn",
        "relayLevel", "holdingUnit", "worker", "reply", "ratings", "currentRating", "currentRatedBy", "supervisionCount",
        "instructionCount", "escalationCount", "returnCount", "callBackCount", "hasBeenOverdue", "suspendedFrom",
        "handedOffFrom", "handedOffTo", "pendingExtension", "hasPendingExtension", "extensionCount", "extensionTotal", "into",
        "joinedReports", "joinedReportTimes", "joinedQueryCodes", "supervisions", "summonses", "policyFailure", "nextDueAt", "clocks", "recorded",
        "reprojected", "parkedRelayClocks",
    ];

    // An absent list (the compact form leaves empty ones out: most of a snapshot's lists) reads as one shared empty list,
    // which callers only enumerate.
    private static readonly List<Node> NoItems = [];

    private static List<Node> Items(Node n, string name) => n.Optional(name)?.Items() ?? NoItems;

    private static CasePost ReadPost(Node x)
    {
        x.AllowOnly("unit", "post", "since", "deadline", "escalatesTo");
        var unit = x.Required("unit").Create(v => new OrgUnitId(v));
        return x.Create(() => new CasePost(unit, x.Required("post").String(), x.Required("since").Instant(), x.Optional("deadline")?.Instant(), x.Optional("escalatesTo")?.String()));
    }

    private static CasePolicyFailure ReadFailure(Node x)
    {
        x.AllowOnly("policy", "reason", "at");
        return new CasePolicyFailure(x.Required("policy").String(), x.Required("reason").String(), x.Required("at").Instant());
    }

    private static CaseSupervision ReadSupervision(Node x)
    {
        x.AllowOnly("sequence", "issuer", "target", "actor", "at", "limit", "deadline", "grade", "note", "ruleId", "targetHeldCase",
            "supersedes", "summons", "instruction", "closedAt", "closure", "overdueRecordedAt");
        var supervision = x.Create(() => new CaseSupervision(
            x.Required("sequence").Int32(), x.Required("issuer").Create(v => new OrgUnitId(v)), x.Required("target").Create(v => new OrgUnitId(v)),
            ReadActor(x.Required("actor"), null, null), x.Required("at").Instant(), ReadLimit(x.Required("limit")), x.Required("deadline").Instant(),
            x.Required("grade").Enum<CaseSupervisionGrade>(), x.Optional("note")?.String(), x.Optional("ruleId")?.String(),
            x.Flag("targetHeldCase"), x.Optional("supersedes")?.Int32(), x.Optional("summons")?.Int32())
        {
            Instruction = x.Optional("instruction")?.Int64(),
        });
        if (x.Optional("closedAt") is { } closedAt)
        {
            supervision = supervision.Close(closedAt.Instant(), x.Required("closure").Enum<CaseSupervisionClosure>());
        }
        else if (x.Optional("closure") is { } closure)
        {
            throw closure.Fail("an open supervision has no closure");
        }

        return x.Optional("overdueRecordedAt") is { } overdue ? supervision.RecordOverdue(overdue.Instant()) : supervision;
    }

    private static CaseSummons ReadSummons(Node x)
    {
        x.AllowOnly("sequence", "caller", "actor", "at", "limit", "note", "ruleId", "departments", "closedAt");
        var departments = Items(x, "departments").Select(d =>
        {
            d.AllowOnly("department", "deadline", "reportedAt", "reportedBy", "noShowRecordedAt", "noShowSupervision");
            var department = new CaseSummonedDepartment(d.Required("department").Create(v => new OrgUnitId(v)), d.Required("deadline").Instant());
            if (d.Optional("reportedAt") is { } reportedAt)
            {
                department = department.Report(reportedAt.Instant(), ReadActor(d.Required("reportedBy"), null, null));
            }
            else if (d.Optional("reportedBy") is { } reportedBy)
            {
                throw reportedBy.Fail("a department that has not reported in has no reporter");
            }

            if (d.Optional("noShowRecordedAt") is { } noShow)
            {
                department = department.RecordNoShow(noShow.Instant());
            }

            return d.Optional("noShowSupervision") is { } supervised ? department.Supervised(supervised.Int32()) : department;
        }).ToImmutableArray();
        var summons = x.Create(() => new CaseSummons(
            x.Required("sequence").Int32(), x.Required("caller").Create(v => new OrgUnitId(v)), ReadActor(x.Required("actor"), null, null),
            x.Required("at").Instant(), ReadLimit(x.Required("limit")), x.Optional("note")?.String(), x.Optional("ruleId")?.String(), departments));
        return x.Optional("closedAt") is { } closedAt ? summons.Close(closedAt.Instant()) : summons;
    }

    /// <summary>A clock's transitions as <c>[kind, at]</c> or, for a start or an extension, <c>[kind, at, limit]</c>.</summary>
    private static void History(JsonOut w, IReadOnlyList<ClockEvent> history)
    {
        w.WriteStartArray("history");
        foreach (var e in history)
        {
            w.WriteStartArray();
            w.WriteNumberValue((int)e.Kind);
            w.WriteInstantValue(e.At);
            if (e.Limit is { } limit)
            {
                WriteLimit(w, limit);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static ClockEvent[] ReadHistory(Node n) =>
    [
        .. n.Items().Select(x =>
        {
            var parts = x.Items();
            if (parts.Count is not (2 or 3))
            {
                throw x.Fail("a clock transition is [kind, at] or [kind, at, limit]");
            }

            return new ClockEvent(parts[0].Enum<ClockEventKind>(), parts[1].Instant(), parts.Count == 3 ? ReadLimit(parts[2]) : null);
        }),
    ];
}

using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cases.Serialization;

/// <summary>Writes and reads a <see cref="CaseEvent"/> as versioned JSON, for stores that keep events as text (the SQLite store, an outbox, an archive).</summary>
/// <remarks>
/// <para>
/// The document is one object carrying <c>"format": 1</c> (<see cref="FormatVersion"/>), the event's fields in camel
/// case, enums as their stable numbers (channels as their keys, e.g. <c>qr-code</c>), instants in ISO-8601 UTC and
/// durations in NodaTime's round-trip pattern. Absent optional data is left out. Reading is strict: an unknown format,
/// a missing or mistyped field, or an undefined enum value throws <see cref="CaseEventFormatException"/> naming the
/// field; unknown fields are refused too, so a newer writer's data is never silently dropped.
/// </para>
/// <para>The text holds the event's personal data (reporter, text): keep it where the case data is kept.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class CaseEventJson
{
    /// <summary>The format version written in every document and the only one read.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes an event as UTF-8 JSON.</summary>
    /// <param name="caseEvent">The event.</param>
    /// <returns>The document's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvent"/> is null.</exception>
    public static byte[] SerializeToUtf8Bytes(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteEvent(writer, caseEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an event as a JSON string.</summary>
    /// <param name="caseEvent">The event.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvent"/> is null.</exception>
    public static string Serialize(CaseEvent caseEvent) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(caseEvent));

    /// <summary>Reads an event from a JSON string.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The event, equal to the one written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="CaseEventFormatException">The text is not a case event of a known format; the message names the field.</exception>
    public static CaseEvent Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads an event from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The document's bytes.</param>
    /// <returns>The event, equal to the one written.</returns>
    /// <exception cref="CaseEventFormatException">The bytes are not a case event of a known format; the message names the field or offset.</exception>
    public static CaseEvent Deserialize(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new CaseEventFormatException("$", e.BytePositionInLine, $"not well-formed JSON (line {(e.LineNumber ?? 0) + 1})", e);
        }

        using (document)
        {
            return ReadEvent(new Node(document.RootElement, "$"));
        }
    }

    private static void WriteEvent(Utf8JsonWriter w, CaseEvent e)
    {
        w.WriteStartObject();
        w.WriteNumber("format", FormatVersion);
        w.WriteString("caseId", e.CaseId.Value);
        w.WriteNumber("version", e.Version);
        w.WriteString("at", InstantPattern.ExtendedIso.Format(e.At));
        w.WritePropertyName("actor");
        WriteActor(w, e.Actor);
        w.WriteNumber("kind", (int)e.Kind);
        w.WriteNumber("from", (int)e.From);
        w.WriteNumber("to", (int)e.To);
        if (e.Trigger is { } trigger)
        {
            w.WriteNumber("trigger", (int)trigger);
        }

        if (e.TargetUnit is { } target)
        {
            w.WriteString("targetUnit", target.Value);
        }

        if (e.Worker is { } worker)
        {
            w.WriteString("worker", worker.Value);
        }

        if (e.Text is { } text)
        {
            w.WriteString("text", text);
        }

        if (e.Rating != CaseRating.NotRated)
        {
            w.WriteNumber("rating", (int)e.Rating);
        }

        if (e.Limit is { } limit)
        {
            w.WritePropertyName("limit");
            WriteLimit(w, limit);
        }

        if (e.Clock is { } clock)
        {
            w.WriteNumber("clock", (int)clock);
        }

        if (e.Stage is { } stage)
        {
            w.WriteNumber("stage", (int)stage);
        }

        if (e.Cause is { } cause)
        {
            w.WriteStartObject("cause");
            w.WriteString("ruleId", cause.RuleId);
            w.WriteStartObject("facts");
            foreach (var (name, value) in cause.Facts)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (e.Registration is { } registration)
        {
            w.WriteStartObject("registration");
            w.WritePropertyName("report");
            WriteReport(w, registration.Report);
            w.WriteString("queryCode", registration.QueryCode.ToString());
            w.WriteString("lifecycleVersion", registration.LifecycleVersion);
            w.WritePropertyName("sla");
            WriteSla(w, registration.Sla);
            w.WriteEndObject();
        }

        if (e.OtherCase is { } other)
        {
            w.WriteString("otherCase", other.Value);
        }

        if (e.JoinedReport is { } joined)
        {
            w.WritePropertyName("joinedReport");
            WriteReport(w, joined);
        }

        if (e.IssuingUnit is { } issuing)
        {
            w.WriteString("issuingUnit", issuing.Value);
        }

        if (e.Grade is { } grade)
        {
            w.WriteNumber("grade", (int)grade);
        }

        if (!e.Departments.IsDefault)
        {
            w.WriteStartArray("departments");
            foreach (var department in e.Departments)
            {
                w.WriteStringValue(department.Value);
            }

            w.WriteEndArray();
        }

        if (e.SupervisionSequence is { } supervision)
        {
            w.WriteNumber("supervisionSequence", supervision);
        }

        if (e.SummonsSequence is { } summons)
        {
            w.WriteNumber("summonsSequence", summons);
        }

        w.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter w, CaseActor actor)
    {
        w.WriteStartObject();
        w.WriteString("id", actor.Id.Value);
        w.WriteNumber("kind", (int)actor.Kind);
        if (actor.Unit is { } unit)
        {
            w.WriteString("unit", unit.Value);
        }

        if (actor.QueryCode is { } code)
        {
            w.WriteString("queryCode", code.ToString());
        }

        w.WriteEndObject();
    }

    private static void WriteReport(Utf8JsonWriter w, CaseReport report)
    {
        w.WriteStartObject();
        w.WriteString("channel", report.Channel.Key());
        w.WriteString("category", report.Category.Key);
        w.WriteNumber("priority", (int)report.Priority);
        w.WriteStartObject("location");
        w.WriteString("grid", report.Location.Grid.Value);
        if (report.Location.Address is { } address)
        {
            w.WriteString("address", address);
        }

        if (report.Location.Latitude is { } latitude)
        {
            w.WriteNumber("latitude", latitude);
        }

        if (report.Location.Longitude is { } longitude)
        {
            w.WriteNumber("longitude", longitude);
        }

        w.WriteEndObject();
        w.WriteStartObject("reporter");
        w.WriteString("name", report.Reporter.Name);
        if (report.Reporter.Phone is { } phone)
        {
            w.WriteString("phone", phone);
        }

        w.WriteEndObject();
        w.WriteString("text", report.Text);
        if (report.ExternalReference is { } reference)
        {
            w.WriteString("externalReference", reference);
        }

        w.WriteEndObject();
    }

    private static void WriteSla(Utf8JsonWriter w, CaseSlaTerms sla)
    {
        w.WriteStartObject();
        w.WriteString("policyName", sla.PolicyName);
        w.WritePropertyName("handle");
        WriteLimit(w, sla.Handle);
        foreach (var (name, limit) in new[] { ("signFor", sla.SignFor), ("callback", sla.Callback), ("extension", sla.Extension) })
        {
            if (limit is not null)
            {
                w.WritePropertyName(name);
                WriteLimit(w, limit);
            }
        }

        w.WriteStartArray("thresholds");
        foreach (var threshold in sla.Thresholds.IsDefault ? [] : sla.Thresholds)
        {
            w.WriteStartObject();
            w.WriteString("name", threshold.Name);
            if (threshold.FractionOfAllotted is { } fraction)
            {
                w.WriteNumber("fraction", fraction);
            }

            if (threshold.LeadTime is { } lead)
            {
                w.WriteString("leadTime", DurationPattern.Roundtrip.Format(lead));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLimit(Utf8JsonWriter w, TimeLimit limit)
    {
        w.WriteStartObject();
        w.WriteNumber("unit", (int)limit.Unit);
        if (limit.Unit is TimeLimitUnit.WorkingTime or TimeLimitUnit.Elapsed)
        {
            w.WriteString("duration", DurationPattern.Roundtrip.Format(limit.Duration));
        }
        else
        {
            w.WriteNumber("count", limit.Count);
            w.WriteNumber("cutOff", (int)limit.CutOff);
        }

        w.WriteEndObject();
    }

    private static CaseEvent ReadEvent(Node n)
    {
        var format = n.Required("format").Int32();
        if (format != FormatVersion)
        {
            throw n.Required("format").Fail($"format {format} is not known; this version reads format {FormatVersion}");
        }

        n.AllowOnly("format", "caseId", "version", "at", "actor", "kind", "from", "to", "trigger", "targetUnit", "worker", "text", "rating",
            "limit", "clock", "stage", "cause", "registration", "otherCase", "joinedReport", "issuingUnit", "grade", "departments",
            "supervisionSequence", "summonsSequence");
        var version = n.Required("version").Int64();
        if (version < 1)
        {
            throw n.Required("version").Fail("a version is 1 or more");
        }

        return new CaseEvent(
            n.Required("caseId").Create(v => new CaseId(v)),
            version,
            n.Required("at").Instant(),
            ReadActor(n.Required("actor")),
            n.Required("kind").Enum<CaseEventKind>(),
            n.Required("from").Enum<CaseState>(),
            n.Required("to").Enum<CaseState>())
        {
            Trigger = n.Optional("trigger")?.Enum<CaseTrigger>(),
            TargetUnit = n.Optional("targetUnit")?.Create(v => new OrgUnitId(v)),
            Worker = n.Optional("worker")?.Create(v => new ActorId(v)),
            Text = n.Optional("text")?.String(),
            Rating = n.Optional("rating")?.Enum<CaseRating>() ?? CaseRating.NotRated,
            Limit = n.Optional("limit") is { } limit ? ReadLimit(limit) : null,
            Clock = n.Optional("clock")?.Enum<CaseClockKind>(),
            Stage = n.Optional("stage")?.Enum<SlaStage>(),
            Cause = n.Optional("cause") is { } cause ? ReadCause(cause) : null,
            Registration = n.Optional("registration") is { } registration ? ReadRegistration(registration) : null,
            OtherCase = n.Optional("otherCase")?.Create(v => new CaseId(v)),
            JoinedReport = n.Optional("joinedReport") is { } joined ? ReadReport(joined) : null,
            IssuingUnit = n.Optional("issuingUnit")?.Create(v => new OrgUnitId(v)),
            Grade = n.Optional("grade")?.Enum<CaseSupervisionGrade>(),
            Departments = n.Optional("departments") is { } departments
                ? [.. departments.Items().Select(d => d.Create(v => new OrgUnitId(v)))]
                : default,
            SupervisionSequence = n.Optional("supervisionSequence")?.Int32(),
            SummonsSequence = n.Optional("summonsSequence")?.Int32(),
        };
    }

    private static CaseActor ReadActor(Node n)
    {
        n.AllowOnly("id", "kind", "unit", "queryCode");
        var id = n.Required("id").Create(v => new ActorId(v));
        var kind = n.Required("kind").Enum<CaseActorKind>();
        var unit = n.Optional("unit")?.Create(v => new OrgUnitId(v));
        var code = n.Optional("queryCode")?.QueryCode();
        return n.Create(() => new CaseActor(id, kind, unit, code));
    }

    private static CaseEventCause ReadCause(Node n)
    {
        n.AllowOnly("ruleId", "facts");
        var ruleId = n.Required("ruleId").String();
        var facts = n.Optional("facts")?.StringMap() ?? ImmutableSortedDictionary<string, string>.Empty;
        return n.Create(() => new CaseEventCause(ruleId, facts));
    }

    private static CaseRegistration ReadRegistration(Node n)
    {
        n.AllowOnly("report", "queryCode", "lifecycleVersion", "sla");
        return new CaseRegistration(
            ReadReport(n.Required("report")), n.Required("queryCode").QueryCode(), n.Required("lifecycleVersion").String(), ReadSla(n.Required("sla")));
    }

    private static CaseReport ReadReport(Node n)
    {
        n.AllowOnly("channel", "category", "priority", "location", "reporter", "text", "externalReference");
        var channel = n.Required("channel").Create(CaseChannels.Parse);
        var category = n.Required("category").Create(v => new CaseCategory(v));
        var priority = n.Required("priority").Enum<CasePriority>();
        var location = n.Required("location");
        location.AllowOnly("grid", "address", "latitude", "longitude");
        var place = new CaseLocation(
            location.Required("grid").Create(v => new OrgUnitId(v)), location.Optional("address")?.String(),
            location.Optional("latitude")?.Double(), location.Optional("longitude")?.Double());
        var reporterNode = n.Required("reporter");
        reporterNode.AllowOnly("name", "phone");
        var reporter = new Reporter(reporterNode.Required("name").String(), reporterNode.Optional("phone")?.String());
        var text = n.Required("text").String();
        var reference = n.Optional("externalReference")?.String();
        return n.Create(() => new CaseReport(channel, category, priority, place, reporter, text, reference));
    }

    private static CaseSlaTerms ReadSla(Node n)
    {
        n.AllowOnly("policyName", "handle", "signFor", "callback", "extension", "thresholds");
        var thresholds = ImmutableArray.CreateBuilder<WarningThreshold>();
        foreach (var t in n.Required("thresholds").Items())
        {
            t.AllowOnly("name", "fraction", "leadTime");
            var name = t.Required("name").String();
            var fraction = t.Optional("fraction")?.Double();
            var lead = t.Optional("leadTime")?.Duration();
            thresholds.Add(t.Create(() => (fraction, lead) switch
            {
                ({ } f, null) => WarningThreshold.AfterFraction(name, f),
                (null, { } l) => WarningThreshold.BeforeDeadline(name, l),
                _ => throw new ArgumentException("a threshold has exactly one of 'fraction' and 'leadTime'"),
            }));
        }

        return new CaseSlaTerms(
            n.Required("policyName").String(), ReadLimit(n.Required("handle")),
            n.Optional("signFor") is { } signFor ? ReadLimit(signFor) : null,
            n.Optional("callback") is { } callback ? ReadLimit(callback) : null,
            n.Optional("extension") is { } extension ? ReadLimit(extension) : null,
            thresholds.ToImmutable());
    }

    private static TimeLimit ReadLimit(Node n)
    {
        n.AllowOnly("unit", "count", "cutOff", "duration");
        var unit = n.Required("unit").Enum<TimeLimitUnit>();
        if (unit is TimeLimitUnit.WorkingTime or TimeLimitUnit.Elapsed)
        {
            var duration = n.Required("duration").Duration();
            return n.Create(() => unit == TimeLimitUnit.WorkingTime ? TimeLimit.WorkingTime(duration) : TimeLimit.Elapsed(duration));
        }

        var count = n.Required("count").Int32();
        var cutOff = n.Required("cutOff").Enum<CutOff>();
        return n.Create(() => unit switch
        {
            TimeLimitUnit.WorkingDays => TimeLimit.WorkingDays(count),
            TimeLimitUnit.CalendarDays => TimeLimit.CalendarDays(count, cutOff),
            _ => TimeLimit.Months(count, cutOff),
        });
    }

    /// <summary>A JSON value and the path that reached it, for messages that name the field.</summary>
    private readonly record struct Node(JsonElement Element, string Path)
    {
        public CaseEventFormatException Fail(string problem, Exception? inner = null) => new(Path, null, problem, inner);

        public Node Required(string name) =>
            Optional(name) ?? throw new CaseEventFormatException(Child(name), null, "required but missing");

        public Node? Optional(string name)
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? new Node(value, Child(name)) : null;
        }

        public void AllowOnly(params string[] names)
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            foreach (var property in Element.EnumerateObject())
            {
                if (Array.IndexOf(names, property.Name) < 0)
                {
                    throw new CaseEventFormatException(Child(property.Name), null, "not a field of this format");
                }
            }
        }

        public List<Node> Items()
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw Fail($"expected an array, found {Element.ValueKind}");
            }

            var path = Path;
            return Element.EnumerateArray().Select((item, i) => new Node(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"))).ToList();
        }

        public string String() =>
            Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Fail($"expected a string, found {Element.ValueKind}");

        public long Int64() =>
            Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var v) ? v : throw Fail("expected a whole number");

        public int Int32() =>
            Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var v) ? v : throw Fail("expected a whole number");

        public double Double() =>
            Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var v) ? v : throw Fail("expected a number");

        public TEnum Enum<TEnum>()
            where TEnum : struct, Enum
        {
            var value = Int32();
            var result = (TEnum)System.Enum.ToObject(typeof(TEnum), value);
            return System.Enum.IsDefined(result) ? result : throw Fail($"{value} is not a defined {typeof(TEnum).Name}");
        }

        public Instant Instant()
        {
            var result = InstantPattern.ExtendedIso.Parse(String());
            return result.Success ? result.Value : throw Fail("expected an ISO-8601 UTC instant such as 2026-11-02T01:00:00Z");
        }

        public Duration Duration()
        {
            var result = DurationPattern.Roundtrip.Parse(String());
            return result.Success ? result.Value : throw Fail("expected a duration such as 0:04:00:00");
        }

        public QueryCode QueryCode() =>
            Cases.QueryCodes.QueryCode.TryParse(String(), out var code) ? code : throw Fail("not a valid query code");

        public ImmutableSortedDictionary<string, string> StringMap()
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            var map = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var property in Element.EnumerateObject())
            {
                map[property.Name] = new Node(property.Value, Child(property.Name)).String();
            }

            return map.ToImmutable();
        }

        public T Create<T>(Func<string, T> create)
        {
            var text = String();
            return Create(() => create(text));
        }

        public T Create<T>(Func<T> create)
        {
            try
            {
                return create();
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw Fail("holds a value the model refuses (" + e.GetType().Name + ")", e);
            }
        }

        private string Child(string name) => Path + "." + name;
    }
}

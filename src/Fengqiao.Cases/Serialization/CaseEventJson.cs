using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Security.Cryptography;
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
/// Two forms are written. The long form (<see cref="FormatVersion"/>, from <see cref="Serialize"/>) is described below
/// and is meant to be read by people and other programs. The compact form (<see cref="CompactFormatVersion"/>, from
/// <see cref="SerializeApart(CaseEvent)"/>, which the stores write) carries the same data in
/// fewer bytes (0.72 of the long form's over a 30-day county simulation; docs/benchmarks.md): each field name has a stable short name (<c>"f"</c> for <c>format</c>, <c>"c"</c> for
/// <c>caseId</c>, and so on), the event's kind is a stable number, an instant on a whole second is Unix seconds, and a
/// field at its default is left out (an unchanged state, an empty <c>data</c>, a false flag, an empty threshold list).
/// Every reader here reads both, whatever the store holds; a body is never rewritten, so a hash chain over old and new
/// bodies stays valid.
/// </para>
/// <para>
/// The document is one object carrying <c>"format": 2</c> (<see cref="FormatVersion"/>), the envelope's fields in camel
/// case, the payload's kind in <c>"type"</c> (a stable kebab-case name such as <c>dispatched</c> or
/// <c>supervision-issued</c>) and its fields in <c>"data"</c>, enums as their stable numbers (channels as their keys, e.g. <c>qr-code</c>), instants in ISO-8601 UTC and
/// durations in NodaTime's round-trip pattern. Absent optional data is left out. Reading is strict: an unknown format,
/// a missing or mistyped field, or an undefined enum value throws <see cref="CaseEventFormatException"/> naming the
/// field; unknown fields are refused too, so a newer writer's data is never silently dropped.
/// </para>
/// <para>The text holds the event's personal data (reporter, text): keep it where the case data is kept.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static partial class CaseEventJson
{
    /// <summary>The format version written in every document and the only one read.</summary>
    public const int FormatVersion = 2;

    /// <summary>The format version of the compact form, which <see cref="SerializeApart(CaseEvent)"/> writes (short field names,
    /// numbered event kinds, no empty or default fields); <see cref="Deserialize(string)"/> and
    /// <see cref="DeserializeApart(string, string?)"/> read both.</summary>
    public const int CompactFormatVersion = 3;

    /// <summary>The format version of the row form: the compact form without the case id and version, for a store
    /// that keeps both in the row's own columns (the SQLite store writes it from schema 6 on).</summary>
    /// <remarks>A body of this form reads only through
    /// <see cref="DeserializeApart(string, CaseId, long, string?)"/>, which is
    /// given the case id and version from the row; the other readers refuse it with
    /// <see cref="CaseEventFormatException"/> naming the missing envelope. A hash chain over such a body still covers
    /// the case id and version when the chain's link takes them (as <see cref="Integrity.CaseEventChain"/> does).</remarks>
    public const int RowFormatVersion = 4;

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
            WriteEvent(new JsonOut(writer, false), caseEvent, null);
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
    /// <remarks>A document written before query codes were kept as digests holds the plain code; read it with
    /// <see cref="Deserialize(string, QueryCodeKey)"/>.</remarks>
    public static CaseEvent Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads an event from a JSON string that may have been written before query codes were kept as digests:
    /// a plain query code in it (<c>"queryCode"</c>, in a registration or a citizen actor) is read as its digest under
    /// <paramref name="legacyCodes"/>.</summary>
    /// <param name="json">The document.</param>
    /// <param name="legacyCodes">The county's query-code key, the one its desks use.</param>
    /// <returns>The event, carrying only digests.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="legacyCodes"/> is null.</exception>
    /// <exception cref="CaseEventFormatException">The text is not a case event of a known format; the message names the field.</exception>
    public static CaseEvent Deserialize(string json, QueryCodeKey legacyCodes)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(legacyCodes);
        return Read(Encoding.UTF8.GetBytes(json), legacyCodes);
    }

    /// <summary>Reads an event from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The document's bytes.</param>
    /// <returns>The event, equal to the one written.</returns>
    /// <exception cref="CaseEventFormatException">The bytes are not a case event of a known format; the message names the field or offset.</exception>
    public static CaseEvent Deserialize(ReadOnlyMemory<byte> utf8Json) => Read(utf8Json, null);

    private static CaseEvent Read(ReadOnlyMemory<byte> utf8Json, QueryCodeKey? legacyCodes)
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
            return ReadEvent(new Node(document.RootElement, "$"), null, legacyCodes);
        }
    }

    /// <summary>Writes an event with its personal data kept apart: the reporter's name and phone, the location's
    /// address and coordinates, the reporter's own text and the staff's free texts (reply, reasons, notes) go to a
    /// separate document.</summary>
    /// <param name="caseEvent">The event.</param>
    /// <returns>The body (no personal data; query codes only as the digests the event carries: safe to hash-chain and
    /// keep forever) and the personal data (only for an event that carries a report).</returns>
    /// <remarks>
    /// <para>
    /// The body keeps, in place of the personal fields, <c>"personal"</c>: the SHA-256 of the personal document, which
    /// begins with 16 random bytes of salt, so the digest cannot be matched against guessed names or phone numbers once
    /// the document is erased. A report already erased (<see cref="CaseReport.IsPersonalDataErased"/>) stays inline as
    /// erased and has no personal document. Query codes appear only as their digests, <c>"queryCodeHash"</c>.
    /// </para>
    /// <para>
    /// The staff's free texts (a reply, a reason, a note, an instruction, a remark, a hand-off's reason or mediation
    /// text, a written report) are written as <c>true</c> in their place in the body and under <c>"staff"</c> (by their
    /// path in the long form's <c>data</c>, such as <c>return.reason</c>) in the personal document: the report's when the
    /// event has one, else a document of their own whose digest is the data's <c>"personal"</c>. Read back without the
    /// document (erased), each is <see cref="CaseReport.ErasedText"/>; a body written before the texts moved apart keeps
    /// them inline and reads them back.
    /// </para>
    /// <para>Read it back with <see cref="DeserializeApart(string, string?)"/>: with the personal document, the event is equal to the one
    /// written; without it (erased), its report carries <see cref="Reporter.Erased"/> and <see cref="CaseReport.ErasedText"/>
    /// (a body written before the text moved into the personal document keeps its text inline, and reads it back).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CaseEventParts SerializeApart(CaseEvent caseEvent) =>
        SerializeApart(caseEvent, CompactFormatVersion);

    /// <summary>Writes an event with its personal data kept apart, in a chosen format: the compact one
    /// (<see cref="CompactFormatVersion"/>, as <see cref="SerializeApart(CaseEvent)"/> writes)
    /// or the long one (<see cref="FormatVersion"/>, which versions before the compact form read).</summary>
    /// <param name="caseEvent">The event.</param>
    /// <param name="format"><see cref="CompactFormatVersion"/>, or <see cref="FormatVersion"/> while nodes of an older
    /// version still read the same store (a rolling upgrade).</param>
    /// <returns>The body and the personal data, as for <see cref="SerializeApart(CaseEvent)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseEvent"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not <see cref="FormatVersion"/>,
    /// <see cref="CompactFormatVersion"/> or <see cref="RowFormatVersion"/>.</exception>
    /// <remarks>Both formats carry the same data and read back to equal events; the personal document is the same in
    /// both. <see cref="RowFormatVersion"/> leaves the case id and version out: the store must keep them beside the body
    /// and give them back to <see cref="DeserializeApart(string, CaseId, long, string?)"/>.</remarks>
    public static CaseEventParts SerializeApart(CaseEvent caseEvent, int format)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        if (format is not (FormatVersion or CompactFormatVersion or RowFormatVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format,
                $"The format is {FormatVersion} (long), {CompactFormatVersion} (compact) or {RowFormatVersion} (compact, without case id and version).");
        }

        var apart = new Apart(null);
        var scratch = JsonScratch.Take(ref eventScratch, 512);
        WriteEvent(new JsonOut(scratch.Writer, format != FormatVersion) { Row = format == RowFormatVersion }, caseEvent, apart);
        return new CaseEventParts(Encoding.UTF8.GetString(scratch.Written()), apart.Personal);
    }

    /// <summary>Reads an event written by <see cref="SerializeApart(CaseEvent)"/>, joining its personal data back.</summary>
    /// <param name="body">The body.</param>
    /// <param name="personal">The personal document written with it, or <see langword="null"/> when there was none or
    /// it was erased (the event's report then carries <see cref="Reporter.Erased"/>).</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="CaseEventFormatException">The body is not a case event of a known format; the personal document
    /// does not match the digest in the body (it was changed). The message names the field, never the personal data.</exception>
    public static CaseEvent DeserializeApart(string body, string? personal)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new CaseEventFormatException("$", e.BytePositionInLine, $"not well-formed JSON (line {(e.LineNumber ?? 0) + 1})", e);
        }

        using (document)
        {
            return ReadEvent(new Node(document.RootElement, "$"), new Apart(personal), null);
        }
    }

    /// <summary>Reads an event a store keeps in a row beside its case id and version: the row form
    /// (<see cref="RowFormatVersion"/>) takes them from the row, the older forms carry them and must agree with it.</summary>
    /// <param name="body">The body.</param>
    /// <param name="caseId">The case id kept in the body's row.</param>
    /// <param name="version">The version kept in the body's row (1 or more).</param>
    /// <param name="personal">The personal document written with it, as for <see cref="DeserializeApart(string, string?)"/>.</param>
    /// <returns>The event.</returns>
    /// <remarks>A body of format 2 or 3 is read as <see cref="DeserializeApart(string, string?)"/>
    /// reads it, so a store holding bodies of every format reads them all through this one call.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="CaseEventFormatException">As for <see cref="DeserializeApart(string, string?)"/>;
    /// also when a body of format 2 or 3 names another case id or version than its row (<c>$.caseId</c> or <c>$.version</c>),
    /// or a row-form body carries either.</exception>
    public static CaseEvent DeserializeApart(string body, CaseId caseId, long version, string? personal)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new CaseEventFormatException("$", e.BytePositionInLine, $"not well-formed JSON (line {(e.LineNumber ?? 0) + 1})", e);
        }

        using (document)
        {
            return ReadEvent(new Node(document.RootElement, "$"), new Apart(personal), null, (caseId, version));
        }
    }

    /// <summary>Reads a stored body as <see cref="DeserializeApart(string, CaseId, long, string?)"/> does, and tells
    /// whether it keeps a staff text (<see cref="StaffTexts"/>) inline, as bodies written before the texts moved apart
    /// do: the stores' migrations rewrite those.</summary>
    internal static CaseEvent DeserializeApart(string body, CaseId caseId, long version, string? personal, out bool staffTextInline)
    {
        ArgumentNullException.ThrowIfNull(body);
        var apart = new Apart(personal);
        using var document = JsonDocument.Parse(body);
        var read = ReadEvent(new Node(document.RootElement, "$"), apart, null, (caseId, version));
        staffTextInline = apart.StaffInline;
        return read;
    }

    private static void WriteEvent(JsonOut w, CaseEvent e, Apart? apart)
    {
        w.WriteStartObject();
        w.WriteNumber("format", w.Row ? RowFormatVersion : w.Compact ? CompactFormatVersion : FormatVersion);
        if (!w.Row)
        {
            // The row form leaves them to the store's columns.
            w.WriteString("caseId", e.CaseId.Value);
            w.WriteNumber("version", e.Version);
        }

        w.WriteInstant("at", e.At);
        w.WritePropertyName("actor");
        WriteActor(w, e.Actor, apart);
        w.WriteNumber("from", (int)e.From);
        if (!w.Compact || e.To != e.From)
        {
            // The compact form leaves out a state that does not change.
            w.WriteNumber("to", (int)e.To);
        }

        e.Payload.Accept(new PayloadWriter(w, apart));
        if (e.Cause is { } cause)
        {
            w.WriteStartObject("cause");
            w.WriteString("ruleId", cause.RuleId);
            w.WriteStartObject("facts");
            foreach (var (name, value) in cause.Facts)
            {
                // The facts' names are data, not field names: never shortened.
                w.WriteStringVerbatim(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Writes the payload as <c>"type"</c> (its discriminator) and <c>"data"</c> (its fields; optional ones left out when absent).</summary>
    private sealed class PayloadWriter(JsonOut w, Apart? apart) : ICaseEventPayloadVisitor
    {
        public void Visit(CaseRegistration payload) => Data(PayloadTypes.Registration, () =>
        {
            w.WritePropertyName("report");
            WriteReport(w, payload.Report, apart);
            w.WriteString("queryCodeHash", payload.QueryCodeDigest.ToString());

            w.WriteString("lifecycleVersion", payload.LifecycleVersion);
            w.WritePropertyName("sla");
            WriteSla(w, payload.Sla);
        });

        public void Visit(CaseReportJoined payload) => Data(PayloadTypes.ReportJoined, () =>
        {
            // The reason is collected first, so that the report's personal document (written with the report) holds it.
            apart?.Collect("reason", payload.Reason);
            w.WritePropertyName("report");
            WriteReport(w, payload.Report, apart);
            w.WriteOptional("fromCase", payload.FromCase?.Value);
            if (payload.Reason is { } reason)
            {
                WriteMarkerOrText(w, apart, "reason", reason);
            }

            w.WriteOptional("queryCodeHash", payload.QueryCodeDigest?.ToString());
        });

        public void Visit(CaseReporterErased payload) => Data(PayloadTypes.ReporterErased, () =>
        {
            w.WriteString("requestedBy", payload.RequestedBy);
            w.WriteString("legalGround", payload.LegalGround);
        });

        public void Visit(CaseClockStageChanged payload) => Data(PayloadTypes.ClockStageChanged, () =>
        {
            w.WriteNumber("clock", (int)payload.Clock);
            w.WriteNumber("stage", (int)payload.Stage);
            w.WriteOptional("warning", payload.Warning);
        });

        public void Visit(CaseDeadlineReprojected payload) => Data(PayloadTypes.DeadlineReprojected, () =>
        {
            w.WriteNumber("clock", (int)payload.Clock);
            w.WriteInstant("previousDeadline", payload.PreviousDeadline);
            w.WriteString("previousDueDate", LocalDatePattern.Iso.Format(payload.PreviousDueDate));
            w.WriteInstant("deadline", payload.Deadline);
            w.WriteString("dueDate", LocalDatePattern.Iso.Format(payload.DueDate));
            w.WriteFlag("isProvisional", payload.IsProvisional);
            w.WriteOptional("notice", payload.Notice);
        });

        public void Visit(CaseSupervisionOverdue payload) => Data(PayloadTypes.SupervisionOverdue, () =>
        {
            w.WriteNumber("supervision", payload.Supervision);
            w.WriteString("target", payload.Target.Value);
        });

        public void Visit(CaseSummonsOverdue payload) => Data(PayloadTypes.SummonsOverdue, () =>
        {
            w.WriteNumber("summons", payload.Summons);
            w.WriteString("department", payload.Department.Value);
        });

        public void Visit(CasePolicyFailed payload) => Data(PayloadTypes.PolicyFailed, () =>
        {
            w.WriteString("policy", payload.Policy);
            w.WriteString("reason", payload.Reason);
        });

        public void Visit(CasePolicyRecovered payload) => Data(PayloadTypes.PolicyRecovered, () => w.WriteString("policy", payload.Policy));

        public void Visit(CaseAccepted payload) => Data(PayloadTypes.Accepted, null);

        public void Visit(CaseDeclined payload) => Data(PayloadTypes.Declined, () => Staff("reason", payload.Reason));

        public void Visit(CaseDispatched payload) => Data(PayloadTypes.Dispatched, () =>
        {
            w.WriteString("unit", payload.Unit.Value);
            w.WriteOptional("relayLevel", payload.RelayLevel);
        });

        public void Visit(CaseClaimed payload) => Data(PayloadTypes.Claimed, () => w.WriteString("worker", payload.Worker.Value));

        public void Visit(CaseStarted payload) => Data(PayloadTypes.Started, null);

        public void Visit(CaseResolved payload) => Data(PayloadTypes.Resolved, () => Staff("reply", payload.Reply));

        public void Visit(CaseSubmittedForReview payload) => Data(PayloadTypes.SubmittedForReview, null);

        public void Visit(CaseApproved payload) => Data(PayloadTypes.Approved, null);

        public void Visit(CaseRejected payload) => Data(PayloadTypes.Rejected, () => Staff("reason", payload.Reason));

        public void Visit(CaseCalledBack payload) => Data(PayloadTypes.CalledBack, () => Staff("note", payload.Note));

        public void Visit(CaseRated payload) => Data(PayloadTypes.Rated, () => w.WriteNumber("rating", (int)payload.Rating));

        public void Visit(CaseClosed payload) => Data(PayloadTypes.Closed, null);

        public void Visit(CaseReturned payload) => Data(PayloadTypes.Returned, () => Staff("reason", payload.Reason));

        public void Visit(CaseSuspended payload) => Data(PayloadTypes.Suspended, () => Staff("reason", payload.Reason));

        public void Visit(CaseResumed payload) => Data(PayloadTypes.Resumed, null);

        public void Visit(CaseExtensionRequested payload) => Data(PayloadTypes.ExtensionRequested, () =>
        {
            Staff("reason", payload.Reason);
            w.WriteOptional("limit", payload.Limit);
        });

        public void Visit(CaseExtensionGranted payload) => Data(PayloadTypes.ExtensionGranted, () => w.WriteOptional("limit", payload.Limit));

        public void Visit(CaseExtensionDenied payload) => Data(PayloadTypes.ExtensionDenied, () => Staff("reason", payload.Reason));

        public void Visit(CaseEscalated payload) => Data(PayloadTypes.Escalated, () =>
        {
            w.WriteString("unit", payload.Unit.Value);
            Staff("reason", payload.Reason);
            w.WriteOptional("relayLevel", payload.RelayLevel);
        });

        public void Visit(CaseReopened payload) => Data(PayloadTypes.Reopened, () => Staff("reason", payload.Reason));

        public void Visit(CaseMerged payload) => Data(PayloadTypes.Merged, () =>
        {
            w.WriteString("into", payload.Into.Value);
            Staff("reason", payload.Reason);
        });

        public void Visit(CaseWithdrawn payload) => Data(PayloadTypes.Withdrawn, () => Staff("reason", payload.Reason));

        public void Visit(CaseHandedOff payload) => Data(PayloadTypes.HandedOff, () =>
        {
            w.WriteString("body", payload.Body.Value);
            Staff("reason", payload.Reason);
            if (payload.Terms is { } terms)
            {
                w.WritePropertyName("terms");
                WriteTerms(w, terms, apart, "terms.");
            }
        });

        public void Visit(CaseHandedBack payload) => Data(PayloadTypes.HandedBack, () =>
        {
            Staff("note", payload.Note);
            if (payload.Return is { } back)
            {
                w.WriteStartObject("return");
                w.WriteString("body", back.Body.Value);
                WriteStaff(w, apart, "reason", "return.reason", back.Reason);
                w.WritePropertyName("terms");
                WriteTerms(w, back.Terms, apart, "return.terms.");
                w.WriteEndObject();
            }
        });

        public void Visit(CaseSupervised payload) => Data(PayloadTypes.Supervised, () => Staff("note", payload.Note));

        public void Visit(CaseSupervisionIssued payload) => Data(PayloadTypes.SupervisionIssued, () =>
        {
            w.WriteString("issuer", payload.Issuer.Value);
            w.WriteString("target", payload.Target.Value);
            w.WriteOptional("limit", payload.Limit);
            w.WriteNumber("grade", (int)payload.Grade);
            Staff("note", payload.Note);
            w.WriteOptional("supersedes", payload.Supersedes);
            w.WriteOptional("summons", payload.Summons);
            if (payload.Instruction is { } instruction)
            {
                w.WriteNumber("instruction", instruction);
            }
        });

        public void Visit(CaseInstructed payload) => Data(PayloadTypes.Instructed, () =>
        {
            Staff("instruction", payload.Instruction);
            if (payload.Unit is { } unit)
            {
                w.WriteString("unit", unit.Value);
            }

            w.WriteOptional("limit", payload.Limit);
        });

        public void Visit(CaseDeputyAssigned payload) => Data(PayloadTypes.DeputyAssigned, () =>
        {
            w.WriteString("deputy", payload.Deputy.Value);
            Staff("note", payload.Note);
        });

        public void Visit(CaseSummoned payload) => Data(PayloadTypes.Summoned, () =>
        {
            w.WriteString("caller", payload.Caller.Value);
            w.WriteStartArray("departments");
            foreach (var department in payload.Departments.IsDefault ? [] : payload.Departments)
            {
                w.WriteStringValue(department.Value);
            }

            w.WriteEndArray();
            w.WriteOptional("limit", payload.Limit);
            Staff("note", payload.Note);
        });

        public void Visit(CaseReportedIn payload) => Data(PayloadTypes.ReportedIn, () =>
        {
            w.WriteString("department", payload.Department.Value);
            w.WriteNumber("summons", payload.Summons);
        });

        public void Visit(CaseHandOffAccepted payload) => Data(PayloadTypes.HandOffAccepted, () => w.WriteString("key", payload.Key));

        public void Visit(CaseHandOffDeclined payload) => Data(PayloadTypes.HandOffDeclined, () =>
        {
            w.WriteString("key", payload.Key);
            Staff("reason", payload.Reason);
        });

        public void Visit(CaseHandOffConcluded payload) => Data(PayloadTypes.HandOffConcluded, () =>
        {
            w.WriteString("key", payload.Key);
            w.WriteString("outcome", payload.Outcome);
            Staff("text", payload.Text);
        });

        public void Visit(CaseHandOffExtended payload) => Data(PayloadTypes.HandOffExtended, () =>
        {
            w.WriteString("key", payload.Key);
            w.WritePropertyName("by");
            WriteLimit(w, payload.By);
            Staff("reason", payload.Reason);
        });

        public void Visit(CaseHandOffPaused payload) => Data(PayloadTypes.HandOffPaused, () =>
        {
            w.WriteString("key", payload.Key);
            Staff("reason", payload.Reason);
        });

        public void Visit(CaseHandOffResumed payload) => Data(PayloadTypes.HandOffResumed, () => w.WriteString("key", payload.Key));

        public void Visit(CaseHandOffOverdue payload) => Data(PayloadTypes.HandOffOverdue, () => w.WriteString("key", payload.Key));

        public void Visit(CaseWarningActed payload) => Data(PayloadTypes.WarningActed, () =>
        {
            w.WriteString("ruleId", payload.RuleId);
            w.WriteString("occurrenceId", payload.OccurrenceId);
        });

        public void Visit(CaseWrittenReportFiled payload) => Data(PayloadTypes.WrittenReportFiled, () =>
        {
            w.WriteString("from", payload.From.Value);
            w.WriteString("addressee", payload.Addressee.Value);
            Staff("text", payload.Text);
        });

        public void Visit(CasePostHandedOver payload) => Data(PayloadTypes.PostHandedOver, () =>
        {
            w.WriteString("unit", payload.Unit.Value);
            w.WriteString("post", payload.Post);
            w.WriteOptional("limit", payload.Limit);
            w.WriteOptional("escalatesTo", payload.EscalatesTo);
            Staff("note", payload.Note);
        });

        public void Visit(CaseDeputyScored payload) => Data(PayloadTypes.DeputyScored, () =>
        {
            w.WriteString("deputy", payload.Deputy.Value);
            w.WriteNumber("score", payload.Score);
            Staff("remark", payload.Remark);
        });

        /// <summary>Writes a staff text (<see cref="StaffTexts"/>) directly under <c>data</c>: inline when not writing
        /// apart, else into the personal document with <c>true</c> in its place.</summary>
        private void Staff(string name, string? text) => WriteStaff(w, apart, name, name, text);

        private void Data(string type, Action? fields)
        {
            if (w.Compact)
            {
                w.WriteNumber("type", PayloadTypes.Number(type));
                if (fields is null)
                {
                    // The compact form leaves out a payload without fields.
                    return;
                }
            }
            else
            {
                w.WriteString("type", type);
            }

            w.WriteStartObject("data");
            fields?.Invoke();
            if (apart is { StaffPending: true })
            {
                // Staff texts with no report to share a personal document: they get one of their own, digested here.
                apart.Personal = PersonalDocument(apart, null);
                w.WriteString("personal", PersonalDigest(apart.Personal));
            }

            w.WriteEndObject();
        }
    }

    /// <summary>The discriminators: one stable name per payload type.</summary>
    private static class PayloadTypes
    {
        public const string Registration = "registration";
        public const string ReportJoined = "report-joined";
        public const string ReporterErased = "reporter-erased";
        public const string ClockStageChanged = "clock-stage-changed";
        public const string DeadlineReprojected = "deadline-reprojected";
        public const string SupervisionOverdue = "supervision-overdue";
        public const string SummonsOverdue = "summons-overdue";
        public const string PolicyFailed = "policy-failed";
        public const string PolicyRecovered = "policy-recovered";
        public const string Accepted = "accepted";
        public const string Declined = "declined";
        public const string Dispatched = "dispatched";
        public const string Claimed = "claimed";
        public const string DeputyAssigned = "deputy-assigned";
        public const string Started = "started";
        public const string Resolved = "resolved";
        public const string SubmittedForReview = "submitted-for-review";
        public const string Approved = "approved";
        public const string Rejected = "rejected";
        public const string CalledBack = "called-back";
        public const string Rated = "rated";
        public const string Closed = "closed";
        public const string Returned = "returned";
        public const string Suspended = "suspended";
        public const string Resumed = "resumed";
        public const string ExtensionRequested = "extension-requested";
        public const string ExtensionGranted = "extension-granted";
        public const string ExtensionDenied = "extension-denied";
        public const string Escalated = "escalated";
        public const string Reopened = "reopened";
        public const string Merged = "merged";
        public const string Withdrawn = "withdrawn";
        public const string HandedOff = "handed-off";
        public const string HandedBack = "handed-back";
        public const string Supervised = "supervised";
        public const string SupervisionIssued = "supervision-issued";
        public const string Instructed = "instructed";
        public const string Summoned = "summoned";
        public const string ReportedIn = "reported-in";
        public const string HandOffAccepted = "hand-off-accepted";
        public const string HandOffDeclined = "hand-off-declined";
        public const string HandOffConcluded = "hand-off-concluded";
        public const string HandOffExtended = "hand-off-extended";
        public const string HandOffPaused = "hand-off-paused";
        public const string HandOffResumed = "hand-off-resumed";
        public const string HandOffOverdue = "hand-off-overdue";
        public const string WarningActed = "warning-acted";
        public const string WrittenReportFiled = "written-report-filed";
        public const string DeputyScored = "deputy-scored";
        public const string PostHandedOver = "post-handed-over";

        // The compact form's kind numbers: a kind's number is its place in this list, so new kinds go at its end and
        // none is ever removed or moved (a stored event would change its meaning).
        private static readonly string[] Numbered =
        [
            Registration, ReportJoined, ReporterErased, ClockStageChanged, DeadlineReprojected, SupervisionOverdue,
            SummonsOverdue, PolicyFailed, PolicyRecovered, Accepted, Declined, Dispatched, Claimed, DeputyAssigned, Started,
            Resolved, SubmittedForReview, Approved, Rejected, CalledBack, Rated, Closed, Returned, Suspended, Resumed,
            ExtensionRequested, ExtensionGranted, ExtensionDenied, Escalated, Reopened, Merged, Withdrawn, HandedOff,
            HandedBack, Supervised, SupervisionIssued, Instructed, Summoned, ReportedIn,
            HandOffAccepted, HandOffDeclined, HandOffConcluded, HandOffExtended, HandOffPaused, HandOffResumed, HandOffOverdue,
            WarningActed,
            WrittenReportFiled, DeputyScored, PostHandedOver,
        ];

        private static readonly Dictionary<string, int> Numbers = Numbered.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

        public static int Number(string type) => Numbers[type];

        public static string Name(Node kind)
        {
            var number = kind.Int32();
            return number >= 0 && number < Numbered.Length ? Numbered[number] : throw kind.Fail($"{number} is not a kind of case event this version knows");
        }
    }

    /// <summary>The compact form's field names: every field name of the long form has one short name, and no two share
    /// one. Names are stable (a stored event would change its meaning); a new field takes a new short name.</summary>
    private static class CompactNames
    {
        private static readonly Dictionary<string, string> Short = Build(
        [
            ("format", "f"), ("caseId", "c"), ("version", "v"), ("at", "t"), ("actor", "a"), ("from", "s"), ("to", "e"),
            ("type", "k"), ("data", "d"), ("cause", "x"), ("ruleId", "ri"), ("facts", "fa"),
            ("report", "r"), ("queryCode", "q"), ("queryCodeHash", "qh"), ("lifecycleVersion", "lv"), ("sla", "sl"),
            ("fromCase", "fc"), ("reason", "re"), ("requestedBy", "rb"), ("legalGround", "lg"),
            ("clock", "ck"), ("stage", "sg"), ("warning", "wa"), ("previousDeadline", "pd"), ("previousDueDate", "pu"),
            ("deadline", "dl"), ("dueDate", "du"), ("isProvisional", "ip"), ("notice", "no"),
            ("supervision", "sv"), ("target", "tg"), ("summons", "sm"), ("department", "dp"), ("policy", "po"),
            ("unit", "u"), ("worker", "w"), ("reply", "rp"), ("note", "nt"), ("rating", "ra"), ("limit", "li"),
            ("into", "in"), ("body", "bo"), ("terms", "te"), ("return", "rt"), ("issuer", "is"), ("grade", "gr"),
            ("supersedes", "ss"), ("instruction", "ins"), ("deputy", "de"), ("caller", "ca"), ("departments", "ds"),
            ("id", "i"), ("kind", "kd"), ("channel", "ch"), ("category", "cg"), ("priority", "pr"), ("location", "lo"),
            ("grid", "g"), ("reporter", "rr"), ("erased", "er"), ("personal", "pe"), ("text", "tx"),
            ("externalReference", "xr"), ("address", "ad"), ("latitude", "la"), ("longitude", "ln"), ("name", "n"),
            ("phone", "ph"), ("key", "ky"), ("purpose", "pp"), ("disputeType", "dt"), ("mediator", "md"),
            ("returns", "rs"), ("sentBy", "sb"), ("agreementTakesEffect", "ae"), ("mediationTerminated", "mt"),
            ("mediationRecord", "mr"), ("trafficAccident", "ta"), ("policyName", "pn"), ("handle", "h"),
            ("accept", "ac"), ("signFor", "sf"), ("callback", "cb"), ("extension", "ex"), ("thresholds", "th"),
            ("fraction", "fr"), ("leadTime", "lt"), ("count", "cn"), ("cutOff", "co"), ("duration", "dr"),
            ("relay", "rl"), ("relayLevel", "rv"),
            ("outcome", "oc"), ("by", "by"), ("tier", "ti"), ("occurrenceId", "oi"),
            ("addressee", "adr"), ("score", "sc"), ("remark", "rk"), ("post", "ps"), ("escalatesTo", "et"),
            .. SnapshotNames,
        ]);

        // The same pairs the other way, and each short name in UTF-8, so a reader looks fields up without transcoding.
        private static readonly Dictionary<string, string> Long = Short.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        private static readonly Dictionary<string, byte[]> ShortUtf8 = Short.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value), StringComparer.Ordinal);

        public static string Of(string name) =>
            Short.TryGetValue(name, out var shortName) ? shortName : throw new InvalidOperationException($"The field '{name}' has no compact name.");

        /// <summary>The compact name of <paramref name="name"/> in UTF-8.</summary>
        public static byte[] Utf8Of(string name) =>
            ShortUtf8.TryGetValue(name, out var shortName) ? shortName : throw new InvalidOperationException($"The field '{name}' has no compact name.");

        /// <summary>The field a compact name stands for; null when it stands for none.</summary>
        public static string? LongOf(string shortName) => Long.TryGetValue(shortName, out var name) ? name : null;

        private static Dictionary<string, string> Build((string Long, string Short)[] pairs)
        {
            var map = pairs.ToDictionary(p => p.Long, p => p.Short, StringComparer.Ordinal);
            if (pairs.Select(p => p.Short).Distinct(StringComparer.Ordinal).Count() != pairs.Length)
            {
                throw new InvalidOperationException("Two fields share a compact name.");
            }

            return map;
        }
    }

    [ThreadStatic]
    private static JsonScratch? eventScratch;

    [ThreadStatic]
    private static JsonScratch? personalScratch;

    [ThreadStatic]
    private static JsonScratch? snapshotScratch;

    /// <summary>A buffer and a JSON writer on it, kept per thread and per use (an event body, the personal document
    /// written while it is, a snapshot) so writing a document allocates neither, nor grows a fresh buffer each time.</summary>
    /// <remarks>Each use takes its own slot (<see cref="Take"/>), so a personal document written in the middle of an
    /// event body does not disturb it. A buffer that grew past <see cref="KeepAtMost"/> bytes is let go after its use.</remarks>
    private sealed class JsonScratch
    {
        private const int KeepAtMost = 64 * 1024;

        private JsonScratch(int capacity)
        {
            Buffer = new ArrayBufferWriter<byte>(capacity);
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public ArrayBufferWriter<byte> Buffer { get; }

        public Utf8JsonWriter Writer { get; }

        /// <summary>Takes the slot's scratch (made on first use), emptied and with its writer reset.</summary>
        public static JsonScratch Take(ref JsonScratch? slot, int capacity)
        {
            var scratch = slot;
            if (scratch is null || scratch.Buffer.Capacity > KeepAtMost)
            {
                slot = scratch = new JsonScratch(capacity);
            }

            scratch.Buffer.ResetWrittenCount();
            scratch.Writer.Reset(scratch.Buffer);
            return scratch;
        }

        /// <summary>Flushes the writer and returns what it wrote (valid until the slot is taken again).</summary>
        public ReadOnlySpan<byte> Written()
        {
            Writer.Flush();
            return Buffer.WrittenSpan;
        }
    }

    /// <summary>Writes one document in the long form (format 2) or the compact one (format 3): field names go through
    /// <see cref="CompactNames"/> in the compact form, and instants on whole seconds are written as Unix seconds.</summary>
    private sealed class JsonOut(Utf8JsonWriter writer, bool compact)
    {
        public bool Compact => compact;

        /// <summary>Gets whether this is the row form (format 4): compact, without the case id and version.</summary>
        public bool Row { get; init; }

        public void WriteString(string name, string value) => writer.WriteString(Name(name), value);

        public void WriteStringVerbatim(string name, string value) => writer.WriteString(name, value);

        /// <summary>Writes a value this writer's options wrote before, as it is.</summary>
        public void WriteRawValue(ReadOnlySpan<byte> json) => writer.WriteRawValue(json, skipInputValidation: true);

        public void WriteNumber(string name, int value) => writer.WriteNumber(Name(name), value);

        public void WriteNumber(string name, long value) => writer.WriteNumber(Name(name), value);

        public void WriteNumber(string name, double value) => writer.WriteNumber(Name(name), value);

        public void WriteBoolean(string name, bool value) => writer.WriteBoolean(Name(name), value);

        /// <summary>Writes a flag: always in the long form, only when set in the compact one (absent reads as false).</summary>
        public void WriteFlag(string name, bool value)
        {
            if (!compact || value)
            {
                writer.WriteBoolean(Name(name), value);
            }
        }

        public void WriteInstant(string name, Instant value)
        {
            if (compact && Instant.FromUnixTimeSeconds(value.ToUnixTimeSeconds()) == value)
            {
                writer.WriteNumber(Name(name), value.ToUnixTimeSeconds());
            }
            else
            {
                writer.WriteString(Name(name), InstantPattern.ExtendedIso.Format(value));
            }
        }

        public void WritePropertyName(string name) => writer.WritePropertyName(Name(name));

        public void WritePropertyNameVerbatim(string name) => writer.WritePropertyName(name);

        public void WriteStartObject() => writer.WriteStartObject();

        public void WriteStartObject(string name) => writer.WriteStartObject(Name(name));

        public void WriteEndObject() => writer.WriteEndObject();

        public void WriteStartArray(string name) => writer.WriteStartArray(Name(name));

        /// <summary>Starts an array item that is itself an array.</summary>
        public void WriteStartArray() => writer.WriteStartArray();

        public void WriteEndArray() => writer.WriteEndArray();

        public void WriteStringValue(string value) => writer.WriteStringValue(value);

        /// <summary>Writes a number as an array item.</summary>
        public void WriteNumberValue(long value) => writer.WriteNumberValue(value);

        /// <summary>Writes an instant as an array item: Unix seconds when it is on a whole second, else ISO text.</summary>
        public void WriteInstantValue(Instant value)
        {
            if (Instant.FromUnixTimeSeconds(value.ToUnixTimeSeconds()) == value)
            {
                writer.WriteNumberValue(value.ToUnixTimeSeconds());
            }
            else
            {
                writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
            }
        }

        /// <summary>Writes a text property, or nothing when it is absent.</summary>
        public void WriteOptional(string name, string? value)
        {
            if (value is not null)
            {
                WriteString(name, value);
            }
        }

        /// <summary>Writes a number property, or nothing when it is absent.</summary>
        public void WriteOptional(string name, int? value)
        {
            if (value is { } v)
            {
                WriteNumber(name, v);
            }
        }

        /// <summary>Writes a time limit property, or nothing when it is absent.</summary>
        public void WriteOptional(string name, TimeLimit? limit)
        {
            if (limit is not null)
            {
                WritePropertyName(name);
                WriteLimit(this, limit);
            }
        }

        /// <summary>Writes an instant property, or nothing when it is absent.</summary>
        public void WriteOptional(string name, Instant? value)
        {
            if (value is { } v)
            {
                WriteInstant(name, v);
            }
        }

        /// <summary>Writes a count, or nothing when it is the value an absent field reads as.</summary>
        public void WriteCount(string name, int value, int absent)
        {
            if (value != absent)
            {
                WriteNumber(name, value);
            }
        }

        /// <summary>Writes an array of texts, or nothing when there are none.</summary>
        public void WriteStrings(string name, IEnumerable<string> values)
        {
            var started = false;
            foreach (var value in values)
            {
                if (!started)
                {
                    WriteStartArray(name);
                    started = true;
                }

                writer.WriteStringValue(value);
            }

            if (started)
            {
                WriteEndArray();
            }
        }

        /// <summary>Writes an array of texts, each <paramref name="text"/> of an item, or nothing when there are none
        /// (no enumerator or closure: the snapshot writer's hot path).</summary>
        public void WriteStrings<T>(string name, ImmutableArray<T> items, Func<T, string> text)
        {
            if (items.IsDefaultOrEmpty)
            {
                return;
            }

            WriteStartArray(name);
            foreach (var item in items)
            {
                writer.WriteStringValue(text(item));
            }

            WriteEndArray();
        }

        /// <summary>Writes an array of objects, each written by <paramref name="write"/> (given this writer, so the
        /// callback can be a static lambda and allocate nothing), or nothing when there are none.</summary>
        public void WriteObjects<T>(string name, ImmutableArray<T> items, Action<JsonOut, T> write)
        {
            if (items.IsDefaultOrEmpty)
            {
                return;
            }

            WriteStartArray(name);
            foreach (var item in items)
            {
                WriteStartObject();
                write(this, item);
                WriteEndObject();
            }

            WriteEndArray();
        }

        /// <summary>Writes an array of objects, each written by <paramref name="write"/>, or nothing when there are none.</summary>
        public void WriteObjects<T>(string name, ImmutableArray<T> items, Action<T> write)
        {
            if (items.IsDefaultOrEmpty)
            {
                return;
            }

            WriteStartArray(name);
            foreach (var item in items)
            {
                WriteStartObject();
                write(item);
                WriteEndObject();
            }

            WriteEndArray();
        }

        private string Name(string name) => compact ? CompactNames.Of(name) : name;
    }

    private static void WriteActor(JsonOut w, CaseActor actor, Apart? apart)
    {
        w.WriteStartObject();
        w.WriteString("id", actor.Id.Value);
        if (!w.Compact || actor.Kind != CaseActorKind.Staff)
        {
            // The compact form leaves out the commonest kind, staff (0).
            w.WriteNumber("kind", (int)actor.Kind);
        }

        w.WriteOptional("unit", actor.Unit?.Value);

        w.WriteOptional("queryCodeHash", actor.QueryCodeDigest?.ToString());

        w.WriteEndObject();
    }

    private static void WriteReport(JsonOut w, CaseReport report, Apart? apart)
    {
        w.WriteStartObject();
        w.WriteString("channel", report.Channel.Key());
        w.WriteString("category", report.Category.Key);
        w.WriteNumber("priority", (int)report.Priority);
        w.WriteStartObject("location");
        w.WriteString("grid", report.Location.Grid.Value);
        if (apart is null || report.IsPersonalDataErased)
        {
            WritePlace(w, report.Location);
        }

        w.WriteEndObject();
        if (report.IsPersonalDataErased)
        {
            w.WriteStartObject("reporter");
            w.WriteBoolean("erased", true);
            w.WriteEndObject();
        }
        else if (apart is null)
        {
            w.WriteStartObject("reporter");
            WritePerson(w, report.Reporter);
            w.WriteEndObject();
        }
        else
        {
            // The personal data goes to its own document, salted so that its digest (kept here, and so under the hash
            // chain) reveals nothing once the document is erased.
            apart.Personal = PersonalDocument(apart, report);
            w.WriteString("personal", PersonalDigest(apart.Personal));
        }

        if (apart is null || report.IsPersonalDataErased)
        {
            w.WriteString("text", report.Text);
        }
        w.WriteOptional("externalReference", report.ExternalReference);

        if (report.Tier is { } tier)
        {
            w.WriteNumber("tier", (int)tier);
        }

        w.WriteEndObject();
    }

    private static void WritePlace(JsonOut w, CaseLocation location)
    {
        w.WriteOptional("address", location.Address);

        if (location.Latitude is { } latitude)
        {
            w.WriteNumber("latitude", latitude);
        }

        if (location.Longitude is { } longitude)
        {
            w.WriteNumber("longitude", longitude);
        }
    }

    private static void WritePerson(JsonOut w, Reporter reporter)
    {
        w.WriteString("name", reporter.Name);
        w.WriteOptional("phone", reporter.Phone);
    }

    /// <summary>Writes a staff text (<see cref="StaffTexts"/>; null writes nothing): inline without <paramref name="apart"/>,
    /// else collected for the personal document under <paramref name="path"/> and <c>true</c> written in its place.</summary>
    private static void WriteStaff(JsonOut w, Apart? apart, string name, string path, string? text)
    {
        if (text is null)
        {
            return;
        }

        apart?.Collect(path, text);
        WriteMarkerOrText(w, apart, name, text);
    }

    private static void WriteMarkerOrText(JsonOut w, Apart? apart, string name, string text)
    {
        if (apart is null)
        {
            w.WriteString(name, text);
        }
        else
        {
            w.WriteBoolean(name, true);
        }
    }

    /// <summary>Writes a personal document: a fresh salt, the report's personal data and text (when
    /// <paramref name="report"/> is given) and the staff texts collected so far (under <c>"staff"</c>, by path).</summary>
    private static string PersonalDocument(Apart apart, CaseReport? report)
    {
        var scratch = JsonScratch.Take(ref personalScratch, 256);
        var personalWriter = scratch.Writer;
        {
            // The personal document keeps its long field names in every format: it is small, and erased anyway.
            var p = new JsonOut(personalWriter, false);
            p.WriteStartObject();
            Span<byte> salt = stackalloc byte[16];
            RandomNumberGenerator.Fill(salt);
            p.WriteString("salt", Convert.ToBase64String(salt));
            if (report is not null)
            {
                p.WriteStartObject("location");
                WritePlace(p, report.Location);
                p.WriteEndObject();
                p.WriteStartObject("reporter");
                WritePerson(p, report.Reporter);
                p.WriteEndObject();

                // What the reporter wrote can name people, phones and addresses too: it is erased with them.
                p.WriteString("text", report.Text);
            }

            if (apart.Staff.Count > 0)
            {
                // What the staff wrote can quote the reporter: it is erased with the reporter's data.
                personalWriter.WriteStartObject("staff");
                foreach (var (path, text) in apart.Staff)
                {
                    personalWriter.WriteString(path, text);
                }

                personalWriter.WriteEndObject();
                apart.StaffWritten = true;
            }

            p.WriteEndObject();
        }

        return Encoding.UTF8.GetString(scratch.Written());
    }

    private static void WriteTerms(JsonOut w, CaseHandOffTerms terms, Apart? apart = null, string path = "")
    {
        w.WriteStartObject();
        w.WriteString("key", terms.Key);
        w.WriteString("purpose", terms.Purpose);
        w.WriteString("disputeType", terms.DisputeType);
        w.WriteString("from", terms.From.Value);
        w.WriteOptional("mediator", terms.Mediator?.Value);
        w.WriteOptional("ruleId", terms.RuleId);
        w.WriteOptional("returns", terms.Returns);
        w.WriteOptional("sentBy", terms.SentBy?.Value);
        w.WriteOptional("agreementTakesEffect", terms.AgreementTakesEffect);

        if (terms.MediationTerminated is { } ended)
        {
            w.WriteInstant("mediationTerminated", ended);
        }

        WriteStaff(w, apart, "mediationRecord", path + "mediationRecord", terms.MediationRecord);
        if (terms.TrafficAccident)
        {
            w.WriteBoolean("trafficAccident", true);
        }

        w.WriteEndObject();
    }

    private static CaseHandOffTerms ReadTerms(Node n, StaffReader? staff = null, string path = "")
    {
        n.AllowOnly("key", "purpose", "disputeType", "from", "mediator", "ruleId", "returns", "sentBy", "agreementTakesEffect", "mediationTerminated", "mediationRecord", "trafficAccident");
        var key = n.Required("key").String();
        var purpose = n.Required("purpose").String();
        var type = n.Required("disputeType").String();
        var from = n.Required("from").Create(v => new OrgUnitId(v));
        var mediator = n.Optional("mediator")?.Create(v => new ActorId(v));
        var sentBy = n.Optional("sentBy")?.Create(v => new ActorId(v));
        var effect = n.Optional("agreementTakesEffect")?.Instant();
        var ended = n.Optional("mediationTerminated")?.Instant();
        var ruleId = n.Optional("ruleId")?.String();
        var returns = n.Optional("returns")?.String();
        var record = staff is { } s ? s.Optional(n, "mediationRecord", path + "mediationRecord") : n.Optional("mediationRecord")?.String();
        var traffic = n.Optional("trafficAccident")?.Boolean() ?? false;
        return n.Create(() => new CaseHandOffTerms(key, purpose, type, from)
        {
            TrafficAccident = traffic,
            Mediator = mediator,
            RuleId = ruleId,
            Returns = returns,
            SentBy = sentBy,
            AgreementTakesEffect = effect,
            MediationTerminated = ended,
            MediationRecord = record,
        });
    }

    private static CaseHandOffReturn ReadReturn(Node n, StaffReader? staff = null, string path = "")
    {
        n.AllowOnly("body", "reason", "terms");
        var body = n.Required("body").Create(v => new OrgUnitId(v));
        var reason = staff is { } s ? s.Required(n, "reason", path + "reason") : n.Required("reason").String();
        var terms = ReadTerms(n.Required("terms"), staff, path + "terms.");
        return n.Create(() => new CaseHandOffReturn(body, reason, terms));
    }

    /// <summary>Writes a case's SLA terms: the same terms (by reference) once per thread and form (<see cref="SlaBytesCache"/>).</summary>
    private static void WriteSla(JsonOut w, CaseSlaTerms sla) => w.WriteRawValue(SlaBytesCache.Get(sla, w.Compact));

    /// <summary>
    /// The bytes of the SLA terms this thread wrote last, by reference and form: the cases of a county share a few sets
    /// of terms (read once by their bytes, <c>SlaTermsCache</c>, or built once by the SLA policy), so each set is written
    /// once, not once a snapshot or registration.
    /// </summary>
    /// <remarks>The bytes are what <see cref="WriteSlaFields"/> writes with the same options, so a document is the same
    /// byte for byte either way (the seal and the hash chain cover it). At most <see cref="Size"/> entries a thread.</remarks>
    private static class SlaBytesCache
    {
        private const int Size = 16;

        [ThreadStatic]
        private static (CaseSlaTerms Terms, bool Compact, byte[] Json)[]? entries;

        [ThreadStatic]
        private static int next;

        public static byte[] Get(CaseSlaTerms sla, bool compact)
        {
            var all = entries ??= new (CaseSlaTerms, bool, byte[])[Size];
            foreach (var (terms, form, json) in all)
            {
                if (ReferenceEquals(terms, sla) && form == compact)
                {
                    return json;
                }
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                WriteSlaFields(new JsonOut(writer, compact), sla);
            }

            var written = buffer.WrittenSpan.ToArray();
            all[next] = (sla, compact, written);
            next = (next + 1) % Size;
            return written;
        }
    }

    private static void WriteSlaFields(JsonOut w, CaseSlaTerms sla)
    {
        w.WriteStartObject();
        w.WriteString("policyName", sla.PolicyName);
        w.WritePropertyName("handle");
        WriteLimit(w, sla.Handle);
        foreach (var (name, limit) in new[] { ("accept", sla.Accept), ("signFor", sla.SignFor), ("callback", sla.Callback), ("extension", sla.Extension) })
        {
            if (limit is not null)
            {
                w.WritePropertyName(name);
                WriteLimit(w, limit);
            }
        }

        if (!sla.RelayBudgets.IsEmpty)
        {
            w.WriteStartObject("relay");
            foreach (var (level, budget) in sla.RelayBudgets)
            {
                // Level keys are the county's own words: written as they are in both forms.
                w.WritePropertyNameVerbatim(level);
                WriteLimit(w, budget);
            }

            w.WriteEndObject();
        }

        var thresholds = sla.Thresholds.IsDefault ? [] : sla.Thresholds;
        if (w.Compact && thresholds.IsEmpty)
        {
            // The compact form leaves out an empty list.
            w.WriteEndObject();
            return;
        }

        w.WriteStartArray("thresholds");
        foreach (var threshold in thresholds)
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

    private static void WriteLimit(JsonOut w, TimeLimit limit)
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

    private static CaseEvent ReadEvent(Node n, Apart? apart, QueryCodeKey? legacyCodes, (CaseId Id, long Version)? row = null)
    {
        if (n.Element.ValueKind == JsonValueKind.Object && n.Element.TryGetProperty(CompactNames.Of("format"), out _))
        {
            // The compact forms (formats 3 and 4) name their format "f"; the long form (format 2) "format".
            n = n with { Compact = true };
        }

        var format = n.Required("format").Int32();
        var rowForm = n.Compact && format == RowFormatVersion;
        if (format != (n.Compact ? CompactFormatVersion : FormatVersion) && !rowForm)
        {
            throw n.Required("format").Fail($"format {format} is not known; this version reads formats {FormatVersion}, {CompactFormatVersion} and {RowFormatVersion}");
        }

        CaseId id;
        long version;
        if (rowForm)
        {
            if (row is not { } given)
            {
                throw n.Required("format").Fail($"format {RowFormatVersion} leaves the case id and version to the row that holds the body; read it with the case id and version of its row");
            }

            n.AllowOnly("format", "at", "actor", "from", "to", "type", "data", "cause");
            (id, version) = given;
        }
        else
        {
            n.AllowOnly("format", "caseId", "version", "at", "actor", "from", "to", "type", "data", "cause");
            version = n.Required("version").Int64();
            if (version < 1)
            {
                throw n.Required("version").Fail("a version is 1 or more");
            }

            // Read in the order of the long form, so that the first missing field is the one named.
            id = n.Required("caseId").Create(v => new CaseId(v));
            if (row is { } given && (given.Id != id || given.Version != version))
            {
                throw (given.Id != id ? n.Required("caseId") : n.Required("version")).Fail(
                    string.Create(CultureInfo.InvariantCulture, $"the body is event {version} of case '{id}', but its row holds event {given.Version} of case '{given.Id}'"));
            }
        }

        var at = n.Required("at").Instant();
        var actor = ReadActor(n.Required("actor"), apart, legacyCodes);
        var from = n.Required("from").Enum<CaseState>();
        var to = n.Compact && n.Optional("to") is null ? from : n.Required("to").Enum<CaseState>();
        return new CaseEvent(id, version, at, actor, from, to,
            ReadPayload(n.Required("type"), n.Compact ? n.Optional("data") ?? n.Empty("data") : n.Required("data"), apart, legacyCodes))
        {
            Cause = n.Optional("cause") is { } cause ? ReadCause(cause) : null,
        };
    }

    private static CaseEventPayload ReadPayload(Node type, Node d, Apart? apart, QueryCodeKey? legacyCodes)
    {
        OrgUnitId Unit(string name) => d.Required(name).Create(v => new OrgUnitId(v));
        string Text(string name) => d.Required(name).String();
        string? OptionalText(string name) => d.Optional(name)?.String();
        TimeLimit? OptionalLimit(string name) => d.Optional(name) is { } l ? ReadLimit(l) : null;
        var staff = new StaffReader(apart, d);
        string StaffText(string name) => staff.Required(d, name, name);
        string? OptionalStaffText(string name) => staff.Optional(d, name, name);
        T Fields<T>(Func<T> read, params string[] names)
        {
            // "personal": the digest of a personal document holding the event's staff texts.
            d.AllowOnly([.. names, "personal"]);
            return read();
        }

        return (type.Compact ? PayloadTypes.Name(type) : type.String()) switch
        {
            PayloadTypes.Registration => Fields<CaseEventPayload>(() => new CaseRegistration(
                ReadReport(d.Required("report"), apart), ReadCodeDigest(d, apart, legacyCodes) ?? d.Required("queryCodeHash").QueryCodeDigest(),
                Text("lifecycleVersion"), ReadSla(d.Required("sla"))),
                "report", "queryCodeHash", apart is null ? "queryCode" : "queryCodeHash", "lifecycleVersion", "sla"),
            PayloadTypes.ReportJoined => Fields(() => new CaseReportJoined(
                ReadReport(d.Required("report"), apart), d.Optional("fromCase")?.Create(v => new CaseId(v)), OptionalStaffText("reason"))
            {
                QueryCodeDigest = d.Optional("queryCodeHash")?.QueryCodeDigest(),
            }, "report", "fromCase", "reason", "queryCodeHash"),
            PayloadTypes.ReporterErased => Fields(() => d.Create(() => new CaseReporterErased(Text("requestedBy"), Text("legalGround"))), "requestedBy", "legalGround"),
            PayloadTypes.ClockStageChanged => Fields(() => new CaseClockStageChanged(
                d.Required("clock").Enum<CaseClockKind>(), d.Required("stage").Enum<SlaStage>(), OptionalText("warning")), "clock", "stage", "warning"),
            PayloadTypes.DeadlineReprojected => Fields(() => new CaseDeadlineReprojected(
                d.Required("clock").Enum<CaseClockKind>(), d.Required("previousDeadline").Instant(), d.Required("previousDueDate").Date(),
                d.Required("deadline").Instant(), d.Required("dueDate").Date(), d.Flag("isProvisional"), OptionalText("notice")),
                "clock", "previousDeadline", "previousDueDate", "deadline", "dueDate", "isProvisional", "notice"),
            PayloadTypes.SupervisionOverdue => Fields(() => new CaseSupervisionOverdue(d.Required("supervision").Int32(), Unit("target")), "supervision", "target"),
            PayloadTypes.SummonsOverdue => Fields(() => new CaseSummonsOverdue(d.Required("summons").Int32(), Unit("department")), "summons", "department"),
            PayloadTypes.PolicyFailed => Fields(() => new CasePolicyFailed(Text("policy"), Text("reason")), "policy", "reason"),
            PayloadTypes.PolicyRecovered => Fields(() => new CasePolicyRecovered(Text("policy")), "policy"),
            PayloadTypes.Accepted => Fields(() => new CaseAccepted()),
            PayloadTypes.Declined => Fields(() => new CaseDeclined(StaffText("reason")), "reason"),
            PayloadTypes.Dispatched => Fields(() => new CaseDispatched(Unit("unit")) { RelayLevel = OptionalText("relayLevel") }, "unit", "relayLevel"),
            PayloadTypes.Claimed => Fields(() => new CaseClaimed(d.Required("worker").Create(v => new ActorId(v))), "worker"),
            PayloadTypes.Started => Fields(() => new CaseStarted()),
            PayloadTypes.Resolved => Fields(() => new CaseResolved(StaffText("reply")), "reply"),
            PayloadTypes.SubmittedForReview => Fields(() => new CaseSubmittedForReview()),
            PayloadTypes.Approved => Fields(() => new CaseApproved()),
            PayloadTypes.Rejected => Fields(() => new CaseRejected(StaffText("reason")), "reason"),
            PayloadTypes.CalledBack => Fields(() => new CaseCalledBack(OptionalStaffText("note")), "note"),
            PayloadTypes.Rated => Fields(() => new CaseRated(d.Required("rating").Enum<CaseRating>()), "rating"),
            PayloadTypes.Closed => Fields(() => new CaseClosed()),
            PayloadTypes.Returned => Fields(() => new CaseReturned(StaffText("reason")), "reason"),
            PayloadTypes.Suspended => Fields(() => new CaseSuspended(StaffText("reason")), "reason"),
            PayloadTypes.Resumed => Fields(() => new CaseResumed()),
            PayloadTypes.ExtensionRequested => Fields(() => new CaseExtensionRequested(StaffText("reason"), OptionalLimit("limit")), "reason", "limit"),
            PayloadTypes.ExtensionGranted => Fields(() => new CaseExtensionGranted(OptionalLimit("limit")), "limit"),
            PayloadTypes.ExtensionDenied => Fields(() => new CaseExtensionDenied(StaffText("reason")), "reason"),
            PayloadTypes.Escalated => Fields(() => new CaseEscalated(Unit("unit"), OptionalStaffText("reason")) { RelayLevel = OptionalText("relayLevel") }, "unit", "reason", "relayLevel"),
            PayloadTypes.Reopened => Fields(() => new CaseReopened(StaffText("reason")), "reason"),
            PayloadTypes.Merged => Fields(() => new CaseMerged(d.Required("into").Create(v => new CaseId(v)), StaffText("reason")), "into", "reason"),
            PayloadTypes.Withdrawn => Fields(() => new CaseWithdrawn(OptionalStaffText("reason")), "reason"),
            PayloadTypes.HandedOff => Fields(() => new CaseHandedOff(Unit("body"), OptionalStaffText("reason"))
            {
                Terms = d.Optional("terms") is { } terms ? ReadTerms(terms, staff, "terms.") : null,
            }, "body", "reason", "terms"),
            PayloadTypes.HandedBack => Fields(() => new CaseHandedBack(OptionalStaffText("note"))
            {
                Return = d.Optional("return") is { } back ? ReadReturn(back, staff, "return.") : null,
            }, "note", "return"),
            PayloadTypes.Supervised => Fields(() => new CaseSupervised(OptionalStaffText("note")), "note"),
            PayloadTypes.SupervisionIssued => Fields(() => new CaseSupervisionIssued(
                Unit("issuer"), Unit("target"), ReadLimit(d.Required("limit")), d.Required("grade").Enum<CaseSupervisionGrade>(), OptionalStaffText("note"),
                d.Optional("supersedes")?.Int32(), d.Optional("summons")?.Int32()) { Instruction = d.Optional("instruction")?.Int64() },
                "issuer", "target", "limit", "grade", "note", "supersedes", "summons", "instruction"),
            PayloadTypes.Instructed => Fields(() => new CaseInstructed(StaffText("instruction"))
            {
                Unit = d.Optional("unit")?.Create(v => new OrgUnitId(v)),
                Limit = d.Optional("limit") is { } limit ? ReadLimit(limit) : null,
            }, "instruction", "unit", "limit"),
            PayloadTypes.DeputyAssigned => Fields(() => new CaseDeputyAssigned(d.Required("deputy").Create(v => new ActorId(v)), OptionalStaffText("note")), "deputy", "note"),
            PayloadTypes.Summoned => Fields(() => new CaseSummoned(
                Unit("caller"), [.. d.Required("departments").Items().Select(x => x.Create(v => new OrgUnitId(v)))], ReadLimit(d.Required("limit")),
                OptionalStaffText("note")),
                "caller", "departments", "limit", "note"),
            PayloadTypes.ReportedIn => Fields(() => new CaseReportedIn(Unit("department"), d.Required("summons").Int32()), "department", "summons"),
            PayloadTypes.HandOffAccepted => Fields(() => d.Create(() => new CaseHandOffAccepted(Text("key"))), "key"),
            PayloadTypes.HandOffDeclined => Fields(() => d.Create(() => new CaseHandOffDeclined(Text("key"), StaffText("reason"))), "key", "reason"),
            PayloadTypes.HandOffConcluded => Fields(() => d.Create(() => new CaseHandOffConcluded(Text("key"), Text("outcome"), OptionalStaffText("text"))), "key", "outcome", "text"),
            PayloadTypes.HandOffExtended => Fields(() => d.Create(() => new CaseHandOffExtended(Text("key"), ReadLimit(d.Required("by")), StaffText("reason"))), "key", "by", "reason"),
            PayloadTypes.HandOffPaused => Fields(() => d.Create(() => new CaseHandOffPaused(Text("key"), StaffText("reason"))), "key", "reason"),
            PayloadTypes.HandOffResumed => Fields(() => d.Create(() => new CaseHandOffResumed(Text("key"))), "key"),
            PayloadTypes.HandOffOverdue => Fields(() => d.Create(() => new CaseHandOffOverdue(Text("key"))), "key"),
            PayloadTypes.WarningActed => Fields(() => d.Create(() => new CaseWarningActed(Text("ruleId"), Text("occurrenceId"))), "ruleId", "occurrenceId"),
            PayloadTypes.WrittenReportFiled => Fields(() => d.Create(() => new CaseWrittenReportFiled(Unit("from"), Unit("addressee"), StaffText("text"))), "from", "addressee", "text"),
            PayloadTypes.PostHandedOver => Fields(() => d.Create(() => new CasePostHandedOver(Unit("unit"), Text("post"), OptionalLimit("limit"), OptionalText("escalatesTo"), OptionalStaffText("note"))), "unit", "post", "limit", "escalatesTo", "note"),
            PayloadTypes.DeputyScored => Fields(() => d.Create(() => new CaseDeputyScored(d.Required("deputy").Create(v => new ActorId(v)), d.Required("score").Int32(), OptionalStaffText("remark"))), "deputy", "score", "remark"),
            var unknown => throw type.Fail($"'{unknown}' is not a kind of case event this version knows"),
        };
    }

    private static CaseActor ReadActor(Node n, Apart? apart, QueryCodeKey? legacyCodes)
    {
        n.AllowOnly("id", "kind", "unit", "queryCodeHash", apart is null ? "queryCode" : "queryCodeHash");
        var id = n.Required("id").Create(v => new ActorId(v));
        var kind = n.Compact && n.Optional("kind") is null ? CaseActorKind.Staff : n.Required("kind").Enum<CaseActorKind>();
        var unit = n.Optional("unit")?.Create(v => new OrgUnitId(v));
        var digest = ReadCodeDigest(n, apart, legacyCodes);
        return n.Create(() => new CaseActor(id, kind, unit, digest));
    }

    /// <summary>The query-code digest of a registration or citizen actor: <c>"queryCodeHash"</c>, or in a long-form
    /// document written before codes were kept as digests, the plain <c>"queryCode"</c> digested under the legacy key.</summary>
    private static QueryCodeDigest? ReadCodeDigest(Node n, Apart? apart, QueryCodeKey? legacyCodes)
    {
        if (n.Optional("queryCodeHash") is { } hash)
        {
            return hash.QueryCodeDigest();
        }

        if (apart is null && n.Optional("queryCode") is { } plain)
        {
            var code = plain.QueryCode();
            return legacyCodes is null
                ? throw plain.Fail("holds a plain query code, written before codes were kept as digests; read it with the county's query-code key (CaseEventJson.Deserialize(json, key))")
                : legacyCodes.Digest(code);
        }

        return null;
    }

    private static CaseEventCause ReadCause(Node n)
    {
        n.AllowOnly("ruleId", "facts");
        var ruleId = n.Required("ruleId").String();
        var facts = n.Optional("facts")?.StringMap() ?? ImmutableSortedDictionary<string, string>.Empty;
        return n.Create(() => new CaseEventCause(ruleId, facts));
    }

    private static CaseReport ReadReport(Node n, Apart? apart)
    {
        var tier = n.Optional("tier")?.Enum<CaseTier>();
        var report = ReadReportFields(n, apart);
        return tier is null ? report : report with { Tier = tier };
    }

    private static CaseReport ReadReportFields(Node n, Apart? apart)
    {
        n.AllowOnly("channel", "category", "priority", "location", "reporter", "text", "externalReference", "personal", "tier");
        var channel = n.Required("channel").Create(CaseChannels.Parse);
        var category = n.Required("category").Create(v => new CaseCategory(v));
        var priority = n.Required("priority").Enum<CasePriority>();
        var location = n.Required("location");
        var grid = location.Required("grid").Create(v => new OrgUnitId(v));
        var reference = n.Optional("externalReference")?.String();
        if (n.Optional("personal") is { } digest)
        {
            // The reporter's text is in the personal document; a body written before it moved there keeps it inline.
            var inline = n.Optional("text")?.String();
            // The personal data is kept apart: this document holds only its digest.
            location.AllowOnly("grid");
            if (n.Optional("reporter") is not null)
            {
                throw n.Required("reporter").Fail("a report whose personal data is kept apart carries no reporter");
            }

            if (apart is null)
            {
                throw digest.Fail("the personal data is kept apart; read this document with DeserializeApart");
            }

            if (apart.PersonalText is null)
            {
                return n.Create(() => new CaseReport(channel, category, priority, new CaseLocation(grid), Reporter.Erased, inline ?? CaseReport.ErasedText, reference));
            }

            if (!string.Equals(digest.String(), PersonalDigest(apart.PersonalText), StringComparison.Ordinal))
            {
                throw digest.Fail("the personal data kept apart does not match its digest: it was changed after it was written");
            }

            using var personal = ParsePersonal(apart.PersonalText);
            var root = new Node(personal.RootElement, "personal");
            root.AllowOnly("salt", "location", "reporter", "text", "staff");
            var (place, reporter) = ReadPersonFields(grid, root.Required("location"), root.Required("reporter"));
            var apartText = root.Optional("text")?.String();
            if ((inline is null) == (apartText is null))
            {
                throw (inline is null ? root : n.Required("text")).Fail(inline is null
                    ? "the report's text is neither in the body nor in the personal data kept apart"
                    : "the report's text is both in the body and in the personal data kept apart");
            }

            return n.Create(() => new CaseReport(channel, category, priority, place, reporter, inline ?? apartText!, reference));
        }

        var text = n.Required("text").String();

        var reporterNode = n.Required("reporter");
        if (reporterNode.Optional("erased") is { } erased)
        {
            reporterNode.AllowOnly("erased");
            location.AllowOnly("grid");
            if (erased.Element.ValueKind != JsonValueKind.True)
            {
                throw erased.Fail("expected true");
            }

            return n.Create(() => new CaseReport(channel, category, priority, new CaseLocation(grid), Reporter.Erased, text, reference));
        }

        var (plainPlace, plainReporter) = ReadPersonFields(grid, location, reporterNode);
        return n.Create(() => new CaseReport(channel, category, priority, plainPlace, plainReporter, text, reference));
    }

    private static (CaseLocation Place, Reporter Reporter) ReadPersonFields(OrgUnitId grid, Node location, Node reporterNode)
    {
        location.AllowOnly("grid", "address", "latitude", "longitude");
        var place = new CaseLocation(grid, location.Optional("address")?.String(), location.Optional("latitude")?.Double(), location.Optional("longitude")?.Double());
        reporterNode.AllowOnly("name", "phone");
        var reporter = new Reporter(reporterNode.Required("name").String(), reporterNode.Optional("phone")?.String());
        return (place, reporter);
    }

    private static JsonDocument ParsePersonal(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CaseEventFormatException("personal", e.BytePositionInLine, "the personal data kept apart is not well-formed JSON", e);
        }
    }

    private static string PersonalDigest(string personal)
    {
        // The same value as Base64(SHA-256(UTF-8 of the text)), hashed from a pooled buffer into a stack one.
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(personal.Length));
        try
        {
            var count = Encoding.UTF8.GetBytes(personal, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, count), hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads a case's SLA terms; on .NET 9 and later the same bytes once per thread (<c>SlaTermsCache</c>).</summary>
    private static CaseSlaTerms ReadSla(Node n)
    {
#if NET9_0_OR_GREATER
        if (n.Element.ValueKind == JsonValueKind.Object)
        {
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(n.Element);
            return SlaTermsCache.Find(raw, n.Compact) ?? SlaTermsCache.Keep(raw, n.Compact, ReadSlaTerms(n));
        }
#endif
        return ReadSlaTerms(n);
    }

    private static CaseSlaTerms ReadSlaTerms(Node n)
    {
        n.AllowOnly("policyName", "handle", "accept", "signFor", "callback", "extension", "relay", "thresholds");
        var thresholds = ImmutableArray.CreateBuilder<WarningThreshold>();
        foreach (var t in n.Compact && n.Optional("thresholds") is null ? [] : n.Required("thresholds").Items())
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
            thresholds.ToImmutable())
        {
            Accept = n.Optional("accept") is { } accept ? ReadLimit(accept) : null,
            RelayBudgets = n.Optional("relay") is { } relay
                ? relay.Properties().ToImmutableSortedDictionary(p => p.Name, p => ReadLimit(p.Value), StringComparer.Ordinal)
                : ImmutableSortedDictionary<string, TimeLimit>.Empty.WithComparers(StringComparer.Ordinal),
        };
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// The SLA terms this thread read last, by the exact UTF-8 bytes (and form) they were read from: the cases of a
    /// county share a few sets of terms (one per SLA policy and category), so a batch of snapshots or events reads each
    /// set once instead of once a case (its limits, thresholds and relay budgets were a tenth of a sweep's snapshot reads).
    /// </summary>
    /// <remarks>Bytes decide the terms wholly (the same bytes in the same form always read as equal terms, and only terms
    /// that were read without error are kept), and <see cref="CaseSlaTerms"/> is immutable, so sharing one instance
    /// among cases changes nothing a caller can see. Small and per thread: no lock, and at most
    /// <see cref="Size"/> entries of a few hundred bytes each.</remarks>
    private static class SlaTermsCache
    {
        private const int Size = 16;

        [ThreadStatic]
        private static Entry[]? entries;

        [ThreadStatic]
        private static int next;

        public static CaseSlaTerms? Find(ReadOnlySpan<byte> raw, bool compact)
        {
            if (entries is not { } all)
            {
                return null;
            }

            var hash = Hash(raw, compact);
            foreach (var entry in all)
            {
                if (entry is not null && entry.Hash == hash && entry.Compact == compact && raw.SequenceEqual(entry.Raw))
                {
                    return entry.Terms;
                }
            }

            return null;
        }

        public static CaseSlaTerms Keep(ReadOnlySpan<byte> raw, bool compact, CaseSlaTerms terms)
        {
            var all = entries ??= new Entry[Size];
            all[next] = new Entry(Hash(raw, compact), compact, raw.ToArray(), terms);
            next = (next + 1) % Size;
            return terms;
        }

        private static int Hash(ReadOnlySpan<byte> raw, bool compact)
        {
            var hash = default(HashCode);
            hash.AddBytes(raw);
            hash.Add(compact);
            return hash.ToHashCode();
        }

        private sealed record Entry(int Hash, bool Compact, byte[] Raw, CaseSlaTerms Terms);
    }
#endif

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
    /// <remarks>The path is kept as its parent's and this value's name or index, and written out only for a message:
    /// reading a field allocates nothing for its path (a value with fields of its own, one small link per look-up).</remarks>
    private readonly record struct Node
    {
        private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

        private readonly NodePath parent;
        private readonly string? name;
        private readonly int index;

        /// <summary>A root value, named <paramref name="path"/> in messages.</summary>
        public Node(JsonElement element, string path, bool compact = false)
            : this(element, new NodePath(null, path, -1), null, -1, compact)
        {
        }

        private Node(JsonElement element, NodePath parent, string? name, int index, bool compact)
        {
            Element = element;
            this.parent = parent;
            this.name = name;
            this.index = index;
            Compact = compact;
        }

        public JsonElement Element { get; }

        public bool Compact { get; init; }

        private string Path => At().ToString();

        public CaseEventFormatException Fail(string problem, Exception? inner = null) => new(Path, null, problem, inner);

        public Node Required(string name) =>
            Optional(name) ?? throw new CaseEventFormatException(Child(name), null, "required but missing");

        public Node? Optional(string name)
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            var found = Compact ? Element.TryGetProperty(CompactNames.Utf8Of(name), out var value) : Element.TryGetProperty(name, out value);
            return found && value.ValueKind != JsonValueKind.Null
                ? new Node(value, At(), name, -1, Compact)
                : null;
        }

        /// <summary>An empty object standing for a field the compact form leaves out when it would be empty.</summary>
        public Node Empty(string name) => new(EmptyObject, At(), name, -1, Compact);

        /// <summary>A flag: required in the long form; in the compact form written only when set.</summary>
        public bool Flag(string name) => Compact ? Optional(name)?.Boolean() ?? false : Required(name).Boolean();

        public void AllowOnly(params string[] names)
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            foreach (var property in Element.EnumerateObject())
            {
                // A compact name is looked up as the field it stands for (the names are one to one), so the allowed
                // names need no converting.
                var field = property.Name;
                if (Array.IndexOf(names, Compact ? CompactNames.LongOf(field) : field) < 0)
                {
                    throw new CaseEventFormatException(Child(field), null, "not a field of this format");
                }
            }
        }

        public List<Node> Items()
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw Fail($"expected an array, found {Element.ValueKind}");
            }

            var at = At();
            var items = new List<Node>(Element.GetArrayLength());
            var i = 0;
            foreach (var item in Element.EnumerateArray())
            {
                items.Add(new Node(item, at, null, i++, Compact));
            }

            return items;
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

            // Every enum the forms write is int-based: reinterpreted in place, where converting would box each value.
            var result = System.Runtime.CompilerServices.Unsafe.SizeOf<TEnum>() == sizeof(int)
                ? System.Runtime.CompilerServices.Unsafe.As<int, TEnum>(ref value)
                : (TEnum)System.Enum.ToObject(typeof(TEnum), value);
            return System.Enum.IsDefined(result) ? result : throw Fail($"{value} is not a defined {typeof(TEnum).Name}");
        }

        public Instant Instant()
        {
            if (Compact && Element.ValueKind == JsonValueKind.Number)
            {
                // The compact form writes an instant on a whole second as Unix seconds.
                return Element.TryGetInt64(out var seconds) && seconds >= -62135596800 && seconds <= 253402300799
                    ? NodaTime.Instant.FromUnixTimeSeconds(seconds)
                    : throw Fail("expected Unix seconds between the years 1 and 9999");
            }

            var result = InstantPattern.ExtendedIso.Parse(String());
            return result.Success ? result.Value : throw Fail("expected an ISO-8601 UTC instant such as 2026-11-02T01:00:00Z");
        }

        public LocalDate Date()
        {
            var result = LocalDatePattern.Iso.Parse(String());
            return result.Success ? result.Value : throw Fail("expected an ISO-8601 date such as 2027-02-15");
        }

        public bool Boolean() => Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail($"expected true or false, found {Element.ValueKind}"),
        };

        public Duration Duration()
        {
            var result = DurationPattern.Roundtrip.Parse(String());
            return result.Success ? result.Value : throw Fail("expected a duration such as 0:04:00:00");
        }

        public QueryCode QueryCode() =>
            Cases.QueryCodes.QueryCode.TryParse(String(), out var code) ? code : throw Fail("not a valid query code");

        public QueryCodeDigest QueryCodeDigest() =>
            Cases.QueryCodes.QueryCodeDigest.TryParse(String(), out var digest) ? digest : throw Fail($"not a query code digest ({Cases.QueryCodes.QueryCodeDigest.TextLength} hexadecimal digits)");

        public List<(string Name, Node Value)> Properties()
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            var result = new List<(string Name, Node Value)>();
            var at = At();
            foreach (var property in Element.EnumerateObject())
            {
                result.Add((property.Name, new Node(property.Value, at, property.Name, -1, Compact)));
            }

            return result;
        }

        public ImmutableSortedDictionary<string, string> StringMap()
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"expected an object, found {Element.ValueKind}");
            }

            var map = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var at = At();
            foreach (var property in Element.EnumerateObject())
            {
                map[property.Name] = new Node(property.Value, at, property.Name, -1, compact: false).String();
            }

            return map.ToImmutable();
        }

        public T Create<T>(Func<string, T> create)
        {
            var text = String();
            try
            {
                return create(text);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or QueryCodes.QueryCodeFormatException)
            {
                throw Fail("holds a value the model refuses (" + e.GetType().Name + ")", e);
            }
        }

        public T Create<T>(Func<T> create)
        {
            try
            {
                return create();
            }
            catch (Exception e) when (e is ArgumentException or FormatException or QueryCodes.QueryCodeFormatException)
            {
                throw Fail("holds a value the model refuses (" + e.GetType().Name + ")", e);
            }
        }

        private string Child(string name) => Path + "." + name;

        /// <summary>This value's path as a link (its parent's link when it is a root).</summary>
        private NodePath At() => name is null && index < 0 ? parent : new NodePath(parent, name, index);
    }

    /// <summary>A path to a JSON value, written out only for a message: a root's name, or a parent and a field name or
    /// an item index (<c>$.registration.sla</c>, <c>$.clocks[0]</c>).</summary>
    private sealed class NodePath(NodePath? parent, string? name, int index)
    {
        public override string ToString() =>
            parent is null ? name! : name is not null ? parent.ToString() + "." + name : string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
    }

    /// <summary>The state of one apart write or read: the personal document written (collected) or given (read).</summary>
    private sealed class Apart(string? personalText)
    {
        private Dictionary<string, string>? staffRead;

        public string? PersonalText { get; } = personalText;

        public string? Personal { get; set; }

        /// <summary>Gets the staff texts collected while writing, by path under <c>data</c>.</summary>
        public List<(string Path, string Text)> Staff { get; } = [];

        /// <summary>Gets or sets whether a personal document holds the collected staff texts.</summary>
        public bool StaffWritten { get; set; }

        /// <summary>Gets or sets whether a staff text was read inline (a body written before the texts moved apart).</summary>
        public bool StaffInline { get; set; }

        /// <summary>Gets whether staff texts were collected that no personal document holds yet.</summary>
        public bool StaffPending => Staff.Count > 0 && !StaffWritten;

        public void Collect(string path, string? text)
        {
            if (text is not null)
            {
                Staff.Add((path, text));
            }
        }

        /// <summary>Reads a staff text kept apart (the body holds <c>true</c> at <paramref name="at"/>): from the personal
        /// document, checked against the digest in <paramref name="data"/> (its own, or its report's), or
        /// <see cref="CaseReport.ErasedText"/> when the document was erased.</summary>
        public string ReadStaff(Node data, string path, Node at)
        {
            if (PersonalText is null)
            {
                return CaseReport.ErasedText;
            }

            if (staffRead is null)
            {
                var digest = data.Optional("personal") ?? (data.Optional("report") is { } report ? report.Optional("personal") : null)
                    ?? throw at.Fail("the text is kept apart, but the event carries no digest of a personal document");
                if (!string.Equals(digest.String(), PersonalDigest(PersonalText), StringComparison.Ordinal))
                {
                    throw digest.Fail("the personal data kept apart does not match its digest: it was changed after it was written");
                }

                using var personal = ParsePersonal(PersonalText);
                var root = new Node(personal.RootElement, "personal");
                var staff = root.Optional("staff") ?? throw root.Fail("holds no staff texts, but the event keeps one apart");
                staffRead = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, value) in staff.Properties())
                {
                    staffRead[name] = value.String();
                }
            }

            return staffRead.TryGetValue(path, out var text)
                ? text
                : throw at.Fail("the text is kept apart, but the personal document does not hold it");
        }
    }

    /// <summary>Reads staff texts (<see cref="StaffTexts"/>) of one event's data: inline (a string, as bodies written
    /// before the texts moved apart keep them) or kept apart (<c>true</c>).</summary>
    private readonly record struct StaffReader(Apart? Apart, Node Data)
    {
        public string? Optional(Node n, string name, string path) => n.Optional(name) is { } field ? Read(field, path) : null;

        public string Required(Node n, string name, string path) => Read(n.Required(name), path);

        private string Read(Node field, string path)
        {
            switch (field.Element.ValueKind)
            {
                case JsonValueKind.String:
                    if (Apart is not null)
                    {
                        Apart.StaffInline = true;
                    }

                    return field.String();
                case JsonValueKind.True when Apart is null:
                    throw field.Fail("the text is kept apart with the personal data; read this document with DeserializeApart");
                case JsonValueKind.True:
                    return Apart.ReadStaff(Data, path, field);
                default:
                    throw field.Fail($"expected a string, found {field.Element.ValueKind}");
            }
        }
    }
}

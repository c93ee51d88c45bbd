using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;

namespace Fengqiao.Storage.Internal;

/// <summary>Events stored before the staff's free texts (replies, reasons, notes: <see cref="StaffTexts"/>) moved into
/// the personal document kept them inline in the hash-chained body, where an erasure cannot reach them: finding such
/// bodies and rewriting them with the texts apart.</summary>
/// <remarks>Compiled into each store package from <c>src/Shared</c>, for their migrations (SQLite 11, PostgreSQL 7).</remarks>
internal static class InlineStaffText
{
    // The staff texts' field names, long and compact: a body with none of them as a string holds no staff text inline.
    private static readonly string[] Names =
    [
        "\"reply\":\"", "\"reason\":\"", "\"note\":\"", "\"instruction\":\"", "\"remark\":\"", "\"text\":\"", "\"mediationRecord\":\"",
        "\"rp\":\"", "\"re\":\"", "\"nt\":\"", "\"ins\":\"", "\"rk\":\"", "\"tx\":\"", "\"mr\":\"",
    ];

    /// <summary>Whether a stored body keeps a staff text inline.</summary>
    public static bool IsIn(string caseId, long version, string body)
    {
        if (!Array.Exists(Names, n => body.Contains(n, StringComparison.Ordinal)))
        {
            // Cheap test first: most bodies carry no free text at all.
            return false;
        }

        CaseEventJson.DeserializeApart(body, new CaseId(caseId), version, null, out var inline);
        return inline;
    }

    /// <summary>Whether a stored body is the case's erasure event (<see cref="CaseReporterErased"/>).</summary>
    public static bool IsErasure(string caseId, long version, string body) =>
        (body.Contains("\"lg\"", StringComparison.Ordinal) || body.Contains("\"legalGround\"", StringComparison.Ordinal))
        && CaseEventJson.DeserializeApart(body, new CaseId(caseId), version, null).Payload is CaseReporterErased;

    /// <summary>Rewrites a body that <see cref="IsIn"/>, in its own format: the staff texts moved into a fresh personal
    /// document (with the report's personal data, when the event has a report and it was not erased), or, when the
    /// texts were written before the case's erasure (<paramref name="erased"/>), dropped with their document, so they
    /// read back as <see cref="CaseReport.ErasedText"/>.</summary>
    /// <returns>The new body and personal document (null when erased).</returns>
    public static CaseEventParts MoveApart(string caseId, long version, string body, string? personal, bool erased)
    {
        var read = CaseEventJson.DeserializeApart(body, new CaseId(caseId), version, personal);
        var parts = CaseEventJson.SerializeApart(read, InlineReportText.FormatOf(body));
        return erased ? parts with { PersonalData = null } : parts;
    }
}

using System.Text.Json;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;

namespace Fengqiao.Storage.Internal;

/// <summary>Reports stored before the reporter's text moved into the personal document kept it inline in the
/// hash-chained body, where an erasure cannot reach it: finding such bodies and rewriting them with the text apart.</summary>
/// <remarks>Compiled into each store package from <c>src/Shared</c>, for their migrations (SQLite 10, PostgreSQL 6).</remarks>
internal static class InlineReportText
{
    /// <summary>Whether a body's report (of a registration or a joined report) keeps its personal data apart but its
    /// text inline: both the personal digest and the text are in the body.</summary>
    public static bool IsIn(string body)
    {
        // Cheap test first: most bodies carry no report at all.
        if (!body.Contains("\"pe\"", StringComparison.Ordinal) && !body.Contains("\"personal\"", StringComparison.Ordinal))
        {
            return false;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var compact = !root.TryGetProperty("format", out _);
        return root.TryGetProperty(compact ? "d" : "data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(compact ? "r" : "report", out var report) && report.ValueKind == JsonValueKind.Object
            && report.TryGetProperty(compact ? "pe" : "personal", out _) && report.TryGetProperty(compact ? "tx" : "text", out _);
    }

    /// <summary>Rewrites a body that <see cref="IsIn"/>: in its own format, the text moved into a fresh personal document
    /// (new salt, so the digest in the body changes), or, when the case's personal data was erased
    /// (<paramref name="personal"/> null), the text replaced by <see cref="CaseReport.ErasedText"/> and no document.</summary>
    /// <returns>The new body and personal document (null for an erased case).</returns>
    public static CaseEventParts MoveApart(string caseId, long version, string body, string? personal)
    {
        var read = CaseEventJson.DeserializeApart(body, new CaseId(caseId), version, personal);
        if (personal is null)
        {
            read = read.Payload switch
            {
                CaseRegistration registration => read with { Payload = registration with { Report = registration.Report.WithPersonalDataErased() } },
                CaseReportJoined joined => read with { Payload = joined with { Report = joined.Report.WithPersonalDataErased() } },
                _ => read,
            };
        }

        return CaseEventJson.SerializeApart(read, FormatOf(body));
    }

    /// <summary>The format a stored body was written in (2, 3 or the row form 4).</summary>
    public static int FormatOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return root.TryGetProperty("format", out var format) ? format.GetInt32() : root.GetProperty("f").GetInt32();
    }
}

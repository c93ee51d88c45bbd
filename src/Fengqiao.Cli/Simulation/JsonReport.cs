using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The report as JSON (<c>fengqiao simulate --json</c>) for scripts and calibration checks:
/// <c>indicators: [{key, name, chinese, value, simulated, count, published?}]</c>, where <c>published</c> (only for
/// the figures the profile's <c>published:</c> section lists) holds <c>{value, difference, tolerance, within, quote,
/// date}</c> and <c>simulated</c> is the number compared (a count scaled as docs/indicators.md says); then the
/// mediation breakdown, the township and grid tables, the weeks and the trends. Same seed, same bytes.
/// </summary>
internal static class JsonReport
{
    public static string Render(SimulationReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("county", report.County);
            w.WriteNumber("days", report.Days);
            w.WriteNumber("drainDays", report.DrainDays);
            w.WriteNumber("casesPerDay", report.CasesPerDay);
            w.WriteNumber("seed", report.Seed);
            w.WriteStartArray("indicators");
            foreach (var indicator in report.Indicators.Where(i => i.Key.Length > 0))
            {
                var published = report.Published.FirstOrDefault(p => p.Key == indicator.Key);
                w.WriteStartObject();
                w.WriteString("key", indicator.Key);
                w.WriteString("name", indicator.Name);
                w.WriteString("chinese", indicator.Chinese);
                w.WriteString("value", indicator.Value);
                Number(w, "simulated", published is not null ? published.Simulated : indicator.Number);
                w.WriteBoolean("count", indicator.IsCount);
                if (published is not null)
                {
                    w.WriteStartObject("published");
                    w.WriteNumber("value", published.Published);
                    Number(w, "difference", published.Difference);
                    w.WriteNumber("tolerance", Math.Round(published.Tolerance, 2));
                    w.WriteBoolean("atLeast", published.AtLeast);
                    w.WriteBoolean("within", published.Within);
                    w.WriteString("quote", published.Quote);
                    w.WriteString("date", published.Date);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("mediationSuccess");
            foreach (var row in report.MediationSuccess)
            {
                w.WriteStartObject();
                w.WriteString("by", row.By);
                w.WriteString("key", row.Key);
                w.WriteNumber("agreements", row.Agreements);
                w.WriteNumber("concluded", row.Concluded);
                Number(w, "rate", row.Rate);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Areas(w, "townships", report.Townships);
            Areas(w, "grids", report.Grids);
            w.WriteStartArray("weeks");
            foreach (var week in report.Weeks)
            {
                w.WriteStartObject();
                w.WriteNumber("week", week.Week);
                w.WriteNumber("received", week.Received);
                w.WriteNumber("closed", week.Closed);
                Number(w, "onTimeRate", week.OnTimeRate);
                Number(w, "satisfactionRate", week.SatisfactionRate);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("trends");
            foreach (var trend in report.Trends)
            {
                w.WriteStartObject();
                w.WriteString("key", trend.Key);
                Number(w, "before", trend.Before);
                Number(w, "after", trend.After);
                w.WriteString("direction", trend.Direction);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Areas(Utf8JsonWriter w, string name, IReadOnlyList<AreaRow> rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("name", row.Name);
            w.WriteNumber("received", row.Received);
            w.WriteNumber("closed", row.Closed);
            Number(w, "onTimeRate", row.OnTimeRate);
            Number(w, "satisfactionRate", row.SatisfactionRate);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 2));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

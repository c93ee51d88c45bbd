using System.Text.Json;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Hosting;
using Fengqiao.Hosting.Web;
using Fengqiao.Profiles;
using Fengqiao.Sla;

namespace Fengqiao.Portal;

/// <summary>The JSON API (kept stable): reports, the citizen view, rating and, in Development, the clock.</summary>
internal static class Api
{
    public static void MapPortalApi(this WebApplication app)
    {
        app.MapPost("/api/reports", ReportAsync);
        app.MapGet("/api/cases/{queryCode}", CaseAsync);
        app.MapPost("/api/cases/{queryCode}/rating", RateAsync);
        if (app.Environment.IsDevelopment())
        {
            app.MapPost("/api/dev/clock/advance", AdvanceAsync);
        }
    }

    private static async Task<IResult> ReportAsync(HttpRequest http, Intake intake, CancellationToken ct)
    {
        var (request, error) = await ReadAsync<ReportRequest>(http, ct);
        if (request is null)
        {
            return Problems.Malformed(error!);
        }

        var problems = request.Problems();
        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems, title: "请求格式错误 Malformed request");
        }

        try
        {
            var (c, code, joined) = await intake.ReportAsync(request, ct);

            // The code is known only now (the desk keeps its digest); a report that joined an earlier one gets its own
            // code, which follows that case (200 rather than 201: no new case was made).
            return code is not { } given
                ? Results.Ok(new { queryCode = (string?)null, joinedExisting = true, due = Due(c) })
                : !joined
                    ? Results.Created($"/api/cases/{given}", new { queryCode = given.ToString(), due = Due(c) })
                    : Results.Ok(new { queryCode = given.ToString(), joinedExisting = true, due = Due(c) });
        }
        catch (Exception e) when (e is CaseReportRefusedException or CaseActionRefusedException)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> CaseAsync(string queryCode, CaseDesk desk, CitizenViews views, CancellationToken ct)
    {
        if (!Problems.TryParseCode(queryCode, out var code))
        {
            return Problems.Malformed($"'{queryCode}' is not a query code (查询码格式不正确).");
        }

        var c = await desk.FindByQueryCodeAsync(code, ct);
        return c is null ? Problems.NotFound() : Results.Ok(views.From(c, code, await desk.GetHistoryAsync(c.Id, ct)));
    }

    private static async Task<IResult> RateAsync(string queryCode, HttpRequest http, CaseDesk desk, CitizenViews views, FengqiaoTelemetry telemetry, CancellationToken ct)
    {
        if (!Problems.TryParseCode(queryCode, out var code))
        {
            return Problems.Malformed($"'{queryCode}' is not a query code (查询码格式不正确).");
        }

        var (request, error) = await ReadAsync<RatingRequest>(http, ct);
        if (request is null)
        {
            return Problems.Malformed(error!);
        }

        if (!TryRating(request.Rating, out var rating))
        {
            return Problems.Malformed($"'{request.Rating}' is not a rating: satisfied, basicallySatisfied or unsatisfied.");
        }

        var c = await desk.FindByQueryCodeAsync(code, ct);
        if (c is null)
        {
            return Problems.NotFound();
        }

        try
        {
            var rated = await telemetry.TraceAsync("rate", c.Id, () => desk.RateAsync(c.Id, desk.Citizen(code, c), rating, ct));
            return Results.Ok(views.From(rated, code, await desk.GetHistoryAsync(c.Id, ct)));
        }
        catch (CaseActionRefusedException e)
        {
            return Problems.From(e);
        }
    }

    private static async Task<IResult> AdvanceAsync(HttpRequest http, PortalClock clock, CountyDesk county, FengqiaoSweeper sweeper, CancellationToken ct)
    {
        var (request, error) = await ReadAsync<AdvanceRequest>(http, ct);
        if (request is null)
        {
            return Problems.Malformed(error!);
        }

        if (!TimeLimit.TryParse(request.By, out var limit))
        {
            return Problems.Malformed($"'{request.By}' is not a time limit (for example \"4 working days\" or \"3个工作日\").");
        }

        var now = clock.GetCurrentInstant();
        clock.Advance(county.Calendar.Deadline(now, limit).Deadline - now);
        var swept = await sweeper.SweepAsync(ct);
        return Results.Ok(new { now = clock.GetCurrentInstant(), casesSwept = swept.CasesSwept, eventsAppended = swept.EventsAppended });
    }

    internal static bool TryRating(string? text, out CaseRating rating)
    {
        rating = text?.Trim().ToUpperInvariant() switch
        {
            "SATISFIED" or "满意" => CaseRating.Satisfied,
            "BASICALLYSATISFIED" or "BASICALLY-SATISFIED" or "基本满意" => CaseRating.BasicallySatisfied,
            "UNSATISFIED" or "不满意" => CaseRating.Unsatisfied,
            _ => CaseRating.NotRated,
        };
        return rating != CaseRating.NotRated;
    }

    internal static NodaTime.Instant? Due(Case c) => (c.Clock(CaseClockKind.Citizen) ?? c.Clock(CaseClockKind.Unit))?.Deadline;

    private static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest http, CancellationToken ct)
        where T : class
    {
        if (!http.HasJsonContentType())
        {
            return (null, "The body must be JSON (Content-Type: application/json).");
        }

        try
        {
            var value = await http.ReadFromJsonAsync<T>(ct);
            return value is null ? (null, "The body is empty.") : (value, null);
        }
        catch (JsonException e)
        {
            return (null, "The body is not valid JSON for this request: " + e.Message);
        }
    }

    private sealed record RatingRequest(string? Rating);

    private sealed record AdvanceRequest(string? By);
}

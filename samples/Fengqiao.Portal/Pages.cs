using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Hosting;
using Fengqiao.Hosting.Web;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NodaTime;
using static Fengqiao.Portal.Html;

namespace Fengqiao.Portal;

/// <summary>The citizen and staff pages (Chinese labels first, English beside them).</summary>
internal static class Pages
{
    public static void MapPortalPages(this WebApplication app)
    {
        // Every page form carries an antiforgery token; a POST without a valid one is refused with 400 (the JSON API is not a form).
        var pages = app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsPost(http.Request.Method) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return Page("请求已过期 Form expired", "<p class=\"error\" role=\"alert\">表单校验失败，请返回刷新后重试。 The form could not be verified (missing or stale token); go back, reload and try again.</p>", 400);
            }

            return await next(context);
        });
        pages.MapGet("/", (CountyDesk county) => Page("我要反映 Report a matter", ReportForm(county, null, null)));
        pages.MapPost("/report", ReportAsync);
        pages.MapGet("/case", CaseAsync);
        pages.MapPost("/case/rate", RateAsync);
        pages.MapGet("/staff/signin", SignInPage);
        pages.MapPost("/staff/signin", SignInAsync);
        pages.MapPost("/staff/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
        pages.MapGet("/staff", WorklistAsync).RequireAuthorization();
        pages.MapPost("/staff/cases/{id}/{action}", ActAsync).RequireAuthorization();
        pages.MapGet("/staff/dashboard", DashboardAsync).RequireAuthorization();
    }

    private static string ReportForm(CountyDesk county, ReportRequest? filled, string? error)
    {
        var categories = string.Concat(county.Profile.Categories.Select(c =>
            $"<option value=\"{E(c.Key.Key)}\"{(filled?.Category == c.Key.Key ? " selected" : "")}>{E(c.Name)} {E(c.Key.Key)}</option>"));
        var grids = string.Concat(county.Tree.Units.Where(u => u.Kind == OrgUnitKind.Grid).Select(u =>
            $"<option value=\"{E(u.Id.Value)}\"{(filled?.Grid == u.Id.Value ? " selected" : "")}>{E(u.Name)}</option>"));
        return $"""
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}
            <form method="post" action="/report">{Token}
              <label for="category">类别 Category</label><select id="category" name="category">{categories}</select>
              <label for="grid">所在网格 Location (grid)</label><select id="grid" name="grid">{grids}</select>
              <label for="address">详细地址 Address <small>(选填 optional)</small></label><input id="address" name="address" value="{E(filled?.Address)}">
              <label for="text">反映内容 What happened</label><textarea id="text" name="text" rows="4" cols="50">{E(filled?.Text)}</textarea>
              <label for="phone">联系电话 Phone</label><input id="phone" name="phone" value="{E(filled?.Phone)}">
              <p><button type="submit" id="submit-report">提交 Submit</button></p>
            </form>
            <p><small>您的电话只用于回访，不会公开。 Your phone is used only to call you back and is never shown.</small></p>
            """;
    }

    private static async Task<IResult> ReportAsync(HttpRequest http, CountyDesk county, Intake intake, CancellationToken ct)
    {
        var form = await http.ReadFormAsync(ct);
        var request = new ReportRequest(form["category"], form["grid"], form["text"], form["phone"], null, form["address"]);
        var problems = request.Problems();
        if (problems.Count > 0)
        {
            return Page("我要反映 Report a matter", ReportForm(county, request, string.Join(" ", problems.SelectMany(p => p.Value))), 400);
        }

        try
        {
            var (c, code, joined) = await intake.ReportAsync(request, ct);
            if (code is not { } given)
            {
                return Page("已受理 Received", $"""
                    <p id="joined">您反映的事项已在办理中，我们会电话回访您。 The matter you report is already being handled; we will call you back.</p>
                    <p>办理期限 Answer due by: <strong id="due">{E(When(county, Api.Due(c)))}</strong></p>
                    """);
            }

            if (joined)
            {
                // A joined report's own code: it follows the case already being handled (its rating stays with the
                // first reporter; this reporter is called back).
                return Page("已受理 Received", $"""
                    <p id="joined">您反映的事项已在办理中，我们会电话回访您。 The matter you report is already being handled; we will call you back.</p>
                    <p>您的查询码 Your query code (查询码):</p>
                    <p class="code" id="query-code">{E(given.ToString())}</p>
                    <p>办理期限 Answer due by: <strong id="due">{E(When(county, Api.Due(c)))}</strong></p>
                    <p>请保存查询码，它只显示这一次，用它查看办理进度。 Keep the code — it is shown only this once: it shows the progress of the case.</p>
                    <p><a id="follow" href="/case?code={Uri.EscapeDataString(given.ToString())}">查看进度 Follow this case</a></p>
                    """);
            }

            // The only time the code is shown: the desk keeps only its digest and cannot show it again.
            return Page("已受理 Received", $"""
                <p>您的查询码 Your query code (查询码):</p>
                <p class="code" id="query-code">{E(given.ToString())}</p>
                <p>办理期限 Answer due by: <strong id="due">{E(When(county, Api.Due(c)))}</strong></p>
                <p>请保存查询码，它只显示这一次，用它查看办理进度并评价。 Keep the code — it is shown only this once: it shows the progress and lets you rate the answer.</p>
                <p><a id="follow" href="/case?code={Uri.EscapeDataString(given.ToString())}">查看进度 Follow this case</a></p>
                """);
        }
        catch (Exception e) when (e is CaseReportRefusedException or CaseActionRefusedException)
        {
            var reason = e is CaseReportRefusedException r ? r.Reason : e.Message;
            return Page("我要反映 Report a matter", ReportForm(county, request, "不能受理 Refused: " + reason), 400);
        }
    }

    private static async Task<IResult> CaseAsync(string? code, CountyDesk county, CitizenViews views, CancellationToken ct)
    {
        const string Lookup = """
            <form method="get" action="/case"><label for="code">查询码 Query code</label><input id="code" name="code"> <button type="submit">查询 Look up</button></form>
            """;
        if (string.IsNullOrWhiteSpace(code))
        {
            return Page("查询进度 Look up a case", Lookup);
        }

        if (!Problems.TryParseCode(code, out var parsed))
        {
            return Page("查询进度 Look up a case", $"<p class=\"error\" role=\"alert\">查询码格式不正确 '{E(code)}' is not a query code.</p>" + Lookup, 400);
        }

        var c = await county.Desk.FindByQueryCodeAsync(parsed, ct);
        if (c is null)
        {
            return Page("查询进度 Look up a case", $"<p class=\"error\" role=\"alert\">查询码不存在 No case has the code {E(code)}.</p>" + Lookup, 404);
        }

        var view = views.From(c, parsed, await county.Desk.GetHistoryAsync(c.Id, ct));
        var timeline = new StringBuilder();
        foreach (var step in view.Timeline)
        {
            timeline.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(When(county, step.At))}</td><td>{E(step.Label)}</td>{(step.StaffName is null ? "" : $"<td class=\"staff\">{E(step.StaffName)}</td>")}</tr>");
        }

        var rate = view.CanRate
            ? $"""
              <form method="post" action="/case/rate">{Token}<input type="hidden" name="code" value="{E(view.QueryCode)}">
                <p>请评价办理结果 Please rate the answer:</p>
                <button name="rating" value="satisfied">满意 Satisfied</button>
                <button name="rating" value="basicallySatisfied">基本满意 Basically satisfied</button>
                <button name="rating" value="unsatisfied" id="rate-unsatisfied">不满意 Unsatisfied</button>
              </form>
              """
            : "";
        return Page("办理进度 Case progress", $"""
            <p>查询码 Query code: <span class="code">{E(view.QueryCode)}</span></p>
            <p>当前状态 State: <strong id="state">{E(view.StateLabel)}</strong></p>
            <p>办理期限 Due: {E(When(county, view.Due))}</p>
            {(view.HandledBy is null ? "" : $"<p>经办人 Handled by: <span id=\"handled-by\">{E(view.HandledBy)}</span></p>")}
            {(view.Reply is null ? "" : $"<p>答复 Answer: <span id=\"reply\">{E(view.Reply)}</span></p>")}
            {(view.Rating == CaseRating.NotRated ? "" : $"<p>您的评价 Your rating: {E(view.Rating.ToString())}</p>")}
            {rate}
            <h2>办理过程 Timeline</h2>
            <table id="timeline"><tr><th>时间 When</th><th>状态 State</th></tr>{timeline}</table>
            """);
    }

    private static async Task<IResult> RateAsync(HttpRequest http, CountyDesk county, FengqiaoTelemetry telemetry, CancellationToken ct)
    {
        var form = await http.ReadFormAsync(ct);
        string code = form["code"].ToString();
        if (!Problems.TryParseCode(code, out var parsed) || !Api.TryRating(form["rating"], out var rating))
        {
            return Page("评价 Rating", "<p class=\"error\" role=\"alert\">请求格式错误 Malformed rating.</p>", 400);
        }

        var c = await county.Desk.FindByQueryCodeAsync(parsed, ct);
        if (c is null)
        {
            return Page("评价 Rating", "<p class=\"error\" role=\"alert\">查询码不存在 Unknown query code.</p>", 404);
        }

        try
        {
            await telemetry.TraceAsync("rate", c.Id, () => county.Desk.RateAsync(c.Id, county.Desk.Citizen(parsed, c), rating, ct));
        }
        catch (CaseActionRefusedException e)
        {
            return Page("评价 Rating", $"<p class=\"error\" role=\"alert\">不能评价 Cannot rate now: {E(e.Reason)}</p>", 409);
        }

        return Results.Redirect("/case?code=" + Uri.EscapeDataString(parsed.ToString()));
    }

    private static IResult SignInPage(CountyDesk county)
    {
        var options = new StringBuilder();
        foreach (var unit in county.Tree.Units)
        {
            foreach (var member in unit.Members)
            {
                var roles = string.Join(",", member.Roles.Select(r => r.ToString()));
                options.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(unit.Id.Value)}|{E(member.Id.Value)}\">{E(member.Name)} · {E(unit.Name)} ({E(roles)})</option>");
            }
        }

        return Page("工作人员登录 Staff sign-in", $"""
            <p><small>演示用户来自县区配置文件，无需密码。 Demo users come from the county profile; no password.</small></p>
            <form method="post" action="/staff/signin">{Token}<label for="member">身份 Sign in as</label>
            <select id="member" name="member">{options}</select> <button type="submit" id="sign-in">登录 Sign in</button></form>
            """);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, CountyDesk county)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var parts = form["member"].ToString().Split('|');
        var unit = parts.Length == 2 ? county.Tree.Find(new OrgUnitId(parts[0])) : null;
        var member = unit?.Members.FirstOrDefault(m => m.Id.Value == parts[1]);
        if (unit is null || member is null)
        {
            return Page("工作人员登录 Staff sign-in", "<p class=\"error\" role=\"alert\">没有这个用户 No such member of the profile.</p>", 403);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Auth.Principal(unit, member));
        return Results.Redirect("/staff");
    }

    private const int WorklistPageSize = 20;

    // The states a case is still being worked in (the listing port stores leaf states only).
    private static readonly System.Collections.Immutable.ImmutableArray<CaseState> OpenStates =
        [.. Enum.GetValues<CaseState>().Where(s => s is not (CaseState.Open or CaseState.Handling) && !CaseLabels.IsFinished(s))];

    private static async Task<IResult> WorklistAsync(string? after, HttpContext http, CountyDesk county, ICaseListing listing, IClock clock, CancellationToken ct)
    {
        var unit = Auth.Unit(http.User);
        var now = clock.GetCurrentInstant();
        CaseListingToken? from = null;
        if (!string.IsNullOrEmpty(after))
        {
            try
            {
                from = CaseListingToken.Parse(after);
            }
            catch (CaseListingTokenFormatException e)
            {
                return Page("工作台 Worklist", $"<p class=\"error\" role=\"alert\">翻页参数无效 Bad page link: {E(e.Message)}</p><p><a href=\"/staff\">第一页 First page</a></p>", 400, http.User.Identity?.Name);
            }
        }

        // The cases the signed-in member's unit and the units under it hold, oldest first, one page at a time (keyset
        // paging): one listing query over the set of holders (a county's tree is far below the query's 1,000 units).
        var holders = county.Tree.Units.Where(u => county.Tree.IsWithin(u.Id, unit)).Select(u => u.Id).ToImmutableArray();
        var page = await listing.ListAsync(new CaseListingQuery { HoldingUnits = holders, States = OpenStates, PageSize = WorklistPageSize, After = from }, ct);
        var entries = page.Entries;
        var continuation = page.Continuation;
        var cases = new List<Case>(entries.Length);
        foreach (var entry in entries)
        {
            if (await county.Desk.FindAsync(entry.Id, ct) is { } found)
            {
                cases.Add(found);
            }
        }

        var targets = string.Concat(county.Tree.Units.Where(u => u.Kind is not OrgUnitKind.Grid).Select(u => $"<option value=\"{E(u.Id.Value)}\">{E(u.Name)}</option>"));
        var rows = new StringBuilder();
        foreach (var c in cases)
        {
            var stage = c.Clock(CaseClockKind.Unit)?.At(now).Stage;
            var css = stage switch { SlaStage.Overdue => "overdue", SlaStage.Warning => "warning", _ => "ontrack" };
            var id = E(c.Id.Value);
            string Act(string action, string label, string? field = null) =>
                $"<form class=\"inline\" method=\"post\" action=\"/staff/cases/{id}/{action}\">{Token}{field}<button type=\"submit\" data-action=\"{action}\">{label}</button></form>";
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{css}" data-case="{id}">
                  <td>{id}<br><small>{E(c.Report.Category.Key)}</small></td>
                  <td>{E(c.Report.Text)}</td>
                  <td>{E(CaseLabels.State(c.State))}<br><small>{E(county.Tree.Find(c.HoldingUnit!.Value)?.Name)}</small></td>
                  <td>{E(When(county, c.Clock(CaseClockKind.Unit)?.Deadline))}<br><small>{E(stage?.ToString())}</small></td>
                  <td>
                    {Act("claim", "签收 Claim")}
                    {Act("answer", "答复 Answer", "<input name=\"text\" placeholder=\"答复内容 reply\" aria-label=\"reply\">")}
                    {Act("approve", "审核通过 Approve")}
                    {Act("return", "退回 Return", "<input name=\"text\" placeholder=\"理由 reason\" aria-label=\"return reason\">")}
                    {Act("extension", "申请延期 Extension", "<input name=\"text\" placeholder=\"理由 reason\" aria-label=\"extension reason\">")}
                    {Act("dispatch", "派单 Dispatch", $"<select name=\"unit\" aria-label=\"dispatch to\">{targets}</select>")}
                  </td>
                </tr>
                """);
        }

        return Page("工作台 Worklist", $"""
            <p>单位 Unit: <strong>{E(county.Tree.Find(unit)?.Name)}</strong> ·
            <form class="inline" method="post" action="/staff/signout">{Token}<button type="submit">退出 Sign out</button></form></p>
            <p><small><span class="ontrack">正常 on track</span> <span class="warning">预警 warning</span> <span class="overdue">超期 overdue</span></small></p>
            <table id="worklist"><tr><th>查询码 Code</th><th>内容 Report</th><th>状态 State</th><th>期限 Due</th><th>操作 Actions</th></tr>{rows}</table>
            {(cases.Count == 0 ? "<p id=\"empty\">暂无待办 Nothing to do.</p>" : "")}
            <p>{(from is null ? "" : "<a id=\"first-page\" href=\"/staff\">第一页 First page</a> ")}{(continuation is { } next ? $"<a id=\"next-page\" href=\"/staff?after={Uri.EscapeDataString(next.ToString())}\">下一页 Next page</a>" : "")}</p>
            """, user: http.User.Identity?.Name);
    }

    private static async Task<IResult> ActAsync(string id, string action, HttpContext http, CountyDesk county, FengqiaoTelemetry telemetry, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var text = form["text"].ToString();
        var actor = Auth.Actor(http.User);
        var desk = county.Desk;
        var caseId = new CaseId(id);
        try
        {
            switch (action)
            {
                case "claim":
                    await telemetry.TraceAsync(action, caseId, () => desk.ClaimAsync(caseId, actor, ct));
                    break;
                case "answer":
                    var current = await desk.FindAsync(caseId, ct) ?? throw new CaseNotFoundException(caseId);
                    if (current.State == CaseState.Claimed)
                    {
                        await telemetry.TraceAsync("start", caseId, () => desk.StartAsync(caseId, actor, ct));
                    }

                    await telemetry.TraceAsync("resolve", caseId, () => desk.ResolveAsync(caseId, actor, text, ct));
                    await telemetry.TraceAsync("submit", caseId, () => desk.SubmitForReviewAsync(caseId, actor, ct));
                    break;
                case "approve":
                    await telemetry.TraceAsync(action, caseId, () => desk.ApproveAsync(caseId, actor, ct));
                    break;
                case "return":
                    await telemetry.TraceAsync(action, caseId, () => desk.ReturnAsync(caseId, actor, text, ct));
                    break;
                case "extension":
                    await telemetry.TraceAsync(action, caseId, () => desk.RequestExtensionAsync(caseId, actor, text, null, ct));
                    break;
                case "dispatch":
                    var unit = new OrgUnitId(form["unit"].ToString());
                    await telemetry.TraceAsync(action, caseId, () => desk.DispatchAsync(caseId, actor, unit, ct));
                    break;
                default:
                    return Page("操作 Action", $"<p class=\"error\" role=\"alert\">没有这个操作 No action '{E(action)}'.</p>", 404);
            }
        }
        catch (CaseActionRefusedException e)
        {
            var permitted = string.Join(", ", e.PermittedTriggers);
            return Page("不能操作 Refused", $"""
                <p class="error" role="alert">{E(e.Message)}</p><p>可进行的操作 Permitted next: {E(permitted)}</p><p><a href="/staff">返回 Back</a></p>
                """, e.Kind == CaseRefusalKind.Unauthorized ? 403 : 409);
        }
        catch (CaseNotFoundException)
        {
            return Page("不能操作 Refused", "<p class=\"error\" role=\"alert\">没有这个案件 No such case.</p>", 404);
        }

        return Results.Redirect("/staff");
    }

    private static async Task<IResult> DashboardAsync(HttpContext http, CountyDesk county, ICaseListing listing, IClock clock, FengqiaoTelemetry telemetry, CancellationToken ct)
    {
        var openQuery = new CaseListingQuery { States = OpenStates };
        var open = await listing.CountAsync(openQuery, ct);
        var overdue = await listing.CountAsync(openQuery with { OverdueAt = clock.GetCurrentInstant() }, ct);
        var escalatedPage = await listing.ListAsync(new CaseListingQuery { States = [CaseState.Escalated], PageSize = CaseListingQuery.MaxPageSize }, ct);
        var escalated = new List<Case>(escalatedPage.Entries.Length);
        foreach (var entry in escalatedPage.Entries)
        {
            if (await county.Desk.FindAsync(entry.Id, ct) is { } found)
            {
                escalated.Add(found);
            }
        }

        // Per township from the per-grid counts: each grid is placed under its street once.
        var rows = new StringBuilder();
        var townships = open.ByGrid.Keys.Concat(overdue.ByGrid.Keys).Distinct().GroupBy(g => Township(county, g));
        foreach (var group in townships.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var escalatedHere = escalated.Count(c => Township(county, c.Report.Location.Grid) == group.Key);
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(group.Key)}</td><td>{group.Sum(open.InGrid)}</td><td>{group.Sum(overdue.InGrid)}</td><td>{escalatedHere}</td></tr>");
        }

        var escalations = string.Concat(escalated.Select(c =>
            $"<tr class=\"escalated\"><td>{E(c.Id.Value)}</td><td>{E(CaseLabels.State(c.State))}</td><td>{c.EscalationCount}</td><td>{E(county.Tree.Find(c.HoldingUnit ?? default)?.Name)}</td></tr>"));
        return Page("督办看板 Supervisor dashboard", $"""
            <p>在办 Open: <strong id="open">{open.Total}</strong> · 超期 Overdue: <strong id="overdue">{overdue.Total}</strong> ·
               上报 Escalated: <strong id="escalated">{open.In(CaseState.Escalated)}</strong> · 最近一次巡检超期 Overdue at last sweep: {telemetry.Overdue}</p>
            <h2>按街道 Per township</h2>
            <table id="townships"><tr><th>街道 Township</th><th>在办 Open</th><th>超期 Overdue</th><th>上报 Escalated</th></tr>{rows}</table>
            <h2>上报案件 Escalations</h2>
            <table id="escalations"><tr><th>查询码 Code</th><th>状态 State</th><th>上报次数 Times</th><th>现办理单位 Now held by</th></tr>{escalations}</table>
            """, user: http.User.Identity?.Name);
    }

    private static string Township(CountyDesk county, OrgUnitId grid) =>
        county.Tree.PathToRoot(grid).FirstOrDefault(u => u.Kind == OrgUnitKind.Street)?.Name ?? "区直 District";

    private static string When(CountyDesk county, Instant? at) =>
        at is { } value ? value.InZone(county.Calendar.Zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}

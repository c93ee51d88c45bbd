using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Hosting;
using Fengqiao.Profiles;

namespace Fengqiao.Portal;

/// <summary>A citizen's web report: registered, accepted and dispatched at once by the county's routing (自动分拨).</summary>
internal sealed class Intake(CountyDesk county, FengqiaoTelemetry telemetry)
{
    /// <summary>Registers the report; returns the case and the reporter's query code — the only time the code is known:
    /// the desk keeps its digest. A report that joined an earlier one gets a code of its own, which follows that case.</summary>
    public async Task<(Case Case, QueryCode? Code, bool Joined)> ReportAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var channel = request.Channel is { Length: > 0 } key ? CaseChannels.Parse(key) : CaseChannel.OnlineMessage;
        var report = new CaseReport(channel, new CaseCategory(request.Category!), CasePriority.Normal,
            new CaseLocation(new OrgUnitId(request.Grid!), request.Address), new Reporter(request.Name is { Length: > 0 } n ? n : "网上市民", request.Phone),
            request.Text!);
        var desk = county.Desk;
        CaseRegistrationResult? result = null;
        var registered = await telemetry.TraceAsync("register", null, async () => result = await desk.RegisterAsync(report, CaseActor.System, cancellationToken));
        var code = result!.QueryCode;
        if (result.JoinedExisting || registered.State != Cases.CaseLifecycle.CaseState.Registered)
        {
            return (registered, code, result.JoinedExisting); // joined an earlier report of the same matter
        }

        var route = county.Routing.Route(report, registered.RegisteredAt)
            ?? throw new CaseReportRefusedException(report, "the county's routing cannot place it");
        // The street's dispatcher above the grid accepts and dispatches (the portal acts for them, as 自动分拨).
        var dispatcher = county.Tree.PathToRoot(report.Location.Grid)
            .SelectMany(u => u.Members.Where(m => m.Holds(MemberRole.Dispatcher)).Select(m => CaseActor.Staff(m.Id, u.Id)))
            .FirstOrDefault();
        if (dispatcher is null)
        {
            return (registered, code, false); // no dispatcher above this grid: the case waits for staff to accept it
        }

        await telemetry.TraceAsync("accept", registered.Id, () => desk.AcceptAsync(registered.Id, dispatcher, cancellationToken));
        return (await telemetry.TraceAsync("dispatch", registered.Id, () => desk.DispatchAsync(registered.Id, dispatcher, route.Owner, cancellationToken)), code, false);
    }
}

/// <summary>The body of <c>POST /api/reports</c>.</summary>
internal sealed record ReportRequest(string? Category, string? Grid, string? Text, string? Phone, string? Channel = null, string? Address = null, string? Name = null)
{
    public IDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        void Require(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems[name] = [$"{name} is required (必填)."];
            }
        }

        Require("category", Category);
        Require("grid", Grid);
        Require("text", Text);
        Require("phone", Phone);
        if (Phone is { Length: > 0 } p && (p.Length is < 5 or > 20 || !p.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
        {
            problems["phone"] = [$"'{p}' is not a phone number (电话号码格式不正确)."];
        }

        if (Text is { Length: > 2000 })
        {
            problems["text"] = ["text is longer than 2000 characters."];
        }

        if (Channel is { Length: > 0 } c2)
        {
            try
            {
                CaseChannels.Parse(c2);
            }
            catch (FormatException)
            {
                problems["channel"] = [$"'{c2}' is not a channel."];
            }
        }

        return problems;
    }
}

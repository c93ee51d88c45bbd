using Fengqiao.Cases.Desk;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Storage.Sqlite;

namespace Fengqiao.Portal;

/// <summary>Maps the desk's typed errors to RFC 7807 problem details.</summary>
internal static class Problems
{
    public static IResult From(Exception e) => e switch
    {
        CaseActionRefusedException { Kind: CaseRefusalKind.Unauthorized } r => Results.Problem(
            r.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作 Not permitted for you",
            extensions: new Dictionary<string, object?> { ["caseId"] = r.CaseId.Value, ["state"] = r.State.ToString(), ["trigger"] = r.Trigger.ToString() }),
        CaseActionRefusedException r => Results.Problem(
            r.Message, statusCode: StatusCodes.Status409Conflict, title: "当前状态不允许此操作 Refused in this state",
            extensions: new Dictionary<string, object?>
            {
                ["caseId"] = r.CaseId.Value,
                ["state"] = r.State.ToString(),
                ["trigger"] = r.Trigger.ToString(),
                ["permittedNextActions"] = r.PermittedTriggers.Select(t => t.ToString()).ToArray(),
            }),
        CaseReportRefusedException r => Results.Problem(r.Reason, statusCode: StatusCodes.Status400BadRequest, title: "报告不能受理 Report refused"),
        CaseNotFoundException => NotFound(),
        SqliteCaseStoreException { IsBusy: true } => Results.Problem("The case store is busy; try again.", statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => throw e,
    };

    public static IResult NotFound() =>
        Results.Problem("No case has this query code.", statusCode: StatusCodes.Status404NotFound, title: "查询码不存在 Unknown query code");

    public static IResult Malformed(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "请求格式错误 Malformed request");

    public static bool TryParseCode(string? text, out QueryCode code) => QueryCode.TryParse(text?.Trim(), out code);
}

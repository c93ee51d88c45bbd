using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Fengqiao.Portal;

/// <summary>Server-rendered pages: one layout, inline CSS, no scripts, fonts or files from any other host.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Put inside every <c>method="post"</c> form: replaced by the antiforgery token's hidden field when the page is sent.</summary>
    public const string Token = "<!--fengqiao:antiforgery-->";

    public static IResult Page(string title, string body, int status = 200, string? user = null) =>
        new PageResult(Layout(title, body, user), status);

    // Renders the page, filling each form's antiforgery field with this request's token (and storing its cookie).
    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var text = html;
            if (text.Contains(Token, StringComparison.Ordinal))
            {
                var tokens = httpContext.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(httpContext);
                text = text.Replace(Token, $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">", StringComparison.Ordinal);
            }

            return Results.Content(text, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }

    private static string Layout(string title, string body, string? user) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} · 枫桥 Fengqiao</title>
        <style>
          body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f6f6f4; color: #222; }
          header { background: #8b1a1a; color: #fff; padding: .6rem 1rem; display: flex; gap: 1.2rem; align-items: baseline; }
          header a { color: #fff; }
          main { max-width: 64rem; margin: 1rem auto; background: #fff; padding: 1rem 1.5rem; border-radius: 6px; }
          label { display: block; margin: .5rem 0 .2rem; font-weight: 600; }
          input, select, textarea { font: inherit; padding: .3rem; min-width: 18rem; }
          button { font: inherit; padding: .3rem .8rem; margin: .2rem .2rem .2rem 0; cursor: pointer; }
          table { border-collapse: collapse; width: 100%; }
          th, td { border-bottom: 1px solid #ddd; padding: .35rem; text-align: left; vertical-align: top; }
          .code { font-size: 1.6rem; font-weight: 700; letter-spacing: .1em; }
          .ontrack { background: #e8f5e9; } .warning { background: #fff3cd; } .overdue { background: #f8d7da; }
          .error { background: #f8d7da; padding: .6rem; border-radius: 4px; }
          .inline { display: inline; } .inline input { min-width: 8rem; }
          small { color: #666; }
        </style>
        </head>
        <body>
        <header><strong>枫桥 · 百姓说事 <small style="color:#fdd">Fengqiao citizen portal</small></strong>
          <a href="/">我要反映 Report</a><a href="/case">查询 Look up</a><a href="/staff">工作台 Staff</a><a href="/staff/dashboard">督办看板 Dashboard</a>
          {{(user is null ? "" : $"<span>{E(user)}</span>")}}</header>
        <main>
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """;
}

// Fengqiao portal: `dotnet run --project samples/Fengqiao.Portal`, then open http://localhost:5080.
using Fengqiao.Hosting;
using Fengqiao.Hosting.Web;
using Fengqiao.Portal;
using NodaTime;

var builder = WebApplication.CreateBuilder(args);
PortalPaths.ResolveAgainstContentRoot(builder.Configuration, builder.Environment);
PortalPaths.EnsureQueryCodeKey(builder.Configuration);

// The library wiring: a clock the Development tools may move, the county's desk from configuration, web JSON.
builder.Services.AddSingleton<PortalClock>().AddSingleton<IClock>(sp => sp.GetRequiredService<PortalClock>());
builder.Services.AddFengqiao(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => FengqiaoJson.Configure(o.SerializerOptions));
builder.Services.AddPortalAuthentication();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapPortalApi();
app.MapPortalPages();
app.Run();

/// <summary>The portal's entry point (public for WebApplicationFactory).</summary>
public partial class Program;

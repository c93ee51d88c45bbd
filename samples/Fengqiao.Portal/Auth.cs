using System.Security.Claims;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Fengqiao.Portal;

/// <summary>Staff sign in as a member of the county profile (demo users, no passwords): a cookie carries actor and unit.</summary>
internal static class Auth
{
    public const string UnitClaim = "fengqiao:unit";

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<Intake>();
        services.AddSingleton<CitizenViews>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/staff/signin";
                o.Cookie.Name = "fengqiao-staff";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.HttpOnly = true;
            });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fengqiao-antiforgery";
            o.FormFieldName = "__fengqiao_token";
        });
        return services;
    }

    public static ClaimsPrincipal Principal(OrgUnit unit, OrgMember member) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, member.Id.Value), new Claim(ClaimTypes.Name, member.Name), new Claim(UnitClaim, unit.Id.Value)],
            CookieAuthenticationDefaults.AuthenticationScheme));

    public static CaseActor Actor(ClaimsPrincipal user) =>
        CaseActor.Staff(new ActorId(user.FindFirstValue(ClaimTypes.NameIdentifier)!), Unit(user));

    public static OrgUnitId Unit(ClaimsPrincipal user) => new(user.FindFirstValue(UnitClaim)!);
}

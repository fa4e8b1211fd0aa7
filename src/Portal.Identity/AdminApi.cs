using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Core;
using Portal.Identity.Tokens;

namespace Portal.Identity;

/// <summary>The staff API: bearer tokens only (no cookies, so no cross-site request can act for a signed-in user).</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints, string prefix) =>
        endpoints.MapGroup("/api/v1/admin" + prefix);

    /// <summary>Requires an API token whose user holds <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute(permission) { AuthenticationSchemes = ApiTokenAuthenticationHandler.SchemeName });

    /// <remarks>A 503 (the database stayed locked; nothing was stored) says when to send it again.</remarks>
    public static IResult Problem(Refusal refusal)
    {
        var problem = Results.Problem(statusCode: refusal.Status, title: refusal.Message, detail: refusal.Message,
            extensions: refusal.Field is null ? null : new Dictionary<string, object?> { ["field"] = refusal.Field });
        return refusal.Status == StatusCodes.Status503ServiceUnavailable ? new RetryAfter(problem) : problem;
    }

    private sealed class RetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Portal.Core.Data.DatabaseBusyAnswer.RetryAfterSeconds;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

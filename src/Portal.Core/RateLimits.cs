using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core;

public static class RateLimits
{
    /// <summary>
    /// A named policy allowing <paramref name="limit"/> requests per client IP address per <paramref name="window"/>
    /// (one minute by default), answered with 429 and <c>Retry-After</c> by the host. With <paramref name="postsOnly"/>,
    /// reading a form again is free and only submissions count.
    /// </summary>
    public static IServiceCollection AddPerAddressLimit(this IServiceCollection services, string policy, Func<HttpContext, int> limit,
        Func<HttpContext, TimeSpan>? window = null, bool postsOnly = false) =>
        services.AddRateLimiter(o => o.AddPolicy(policy, http =>
        {
            if (postsOnly && !HttpMethods.IsPost(http.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }
            var permits = limit(http);
            var span = window?.Invoke(http) ?? TimeSpan.FromMinutes(1);
            return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = span, QueueLimit = 0 });
        }));
}

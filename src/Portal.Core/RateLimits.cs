using System.Net;
using System.Net.Sockets;
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
            return RateLimitPartition.GetFixedWindowLimiter(ClientKey(http.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = span, QueueLimit = 0 });
        }));

    /// <summary>
    /// What one client's requests are counted under: an IPv4 address, or the /64 network of an IPv6 address. A home
    /// or a phone is given a whole /64 and picks new addresses in it at will (privacy addresses), so counting single
    /// IPv6 addresses would let one client step around any limit. Behind a load balancer this is the address the
    /// trusted balancer forwarded (see the host's TrustedProxies).
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Web.Hosting;

/// <summary>
/// The reverse proxies (load balancers) allowed to say who the client is: <c>Portal:ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>KnownNetworks</c> (CIDR ranges), each a list or one comma-separated value. Behind a balancer
/// every request comes from the balancer's address over plain HTTP, so without this the per-address limits would
/// count the whole public as one client, every comment would carry the same source hash, HSTS would never be sent and
/// feeds would link to http://. Anyone can send X-Forwarded-For, so it is believed only from the addresses listed;
/// nothing is listed by default, which is right for a site reached directly.
/// </summary>
internal static class TrustedProxies
{
    private const string Section = "Portal:ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Entries(configuration, "KnownProxies").Select(e => IPAddress.TryParse(e, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies: '{e}' is not an IP address (a range goes in {Section}:KnownNetworks, e.g. 10.0.0.0/24).")).ToList();
        var networks = Entries(configuration, "KnownNetworks").Select(e => System.Net.IPNetwork.TryParse(e, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks: '{e}' is not an address range such as 10.0.0.0/24 (no bits set after the prefix).")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The host (Host header) is not taken from a proxy: the site does not check host names, and the balancer
            // passes the one the citizen asked for.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; only what is configured here is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // A chain of listed proxies (a CDN in front of the balancer) is walked back to the first address not listed,
            // which is the client's; whatever the client wrote in front of that is never reached.
            o.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Only when a proxy is listed: with none, X-Forwarded-* are ordinary headers that nothing reads.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    private static IEnumerable<string> Entries(IConfiguration configuration, string key)
    {
        var setting = configuration.GetSection($"{Section}:{key}");
        return new[] { setting.Value }.Concat(setting.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

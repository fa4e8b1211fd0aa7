using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Support;

/// <summary>
/// The in-memory test server has no TCP connection, so no remote address. These tests give each request the address
/// of the machine it would come from (a load balancer, a citizen's phone) in <see cref="Header"/>; a startup filter
/// sets it as the connection's address before the site's own pipeline sees the request, and removes the header.
/// </summary>
public static class PeerAddress
{
    public const string Header = "X-Test-Peer";

    public static void FromTestHeader(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    /// <summary>A client whose requests arrive from <paramref name="peer"/>, with <paramref name="headers"/> (X-Forwarded-For…) on every request.</summary>
    public static HttpClient ClientFrom(this PortalFactory factory, string peer, IDictionary<string, string>? headers = null, string baseAddress = "http://localhost")
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });
        client.DefaultRequestHeaders.Add(Header, peer);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }
        return client;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }
                await nextMiddleware();
            });
            next(app);
        };
    }
}

using Portal.Core;
using Portal.Web.Hosting;
using Portal.Web.Operations;

if (args is ["export", ..])
{
    return await ExportVerb.RunAsync(args);
}

MemoryFootprint.LimitMallocArenas();
var builder = WebApplication.CreateBuilder(Verbs.ConfigurationArgs(args));
builder.AddPortal();
var app = builder.Build();

if (Verbs.IsVerb(args))
{
    return await Verbs.RunAsync(app, args);
}

// Held until the process ends: a restore cannot replace the database under this site (see SiteLock).
using var running = SiteLock.TryShared(app.Services.GetRequiredService<PortalPaths>(), out var refusal);
if (running is null)
{
    Console.Error.WriteLine(refusal);
    return 1;
}
running.Record();
// Nodes on other machines sharing one PostgreSQL database: the same rule, held in the database (see PostgresSiteLock).
var (databaseLock, databaseRefusal) = await PostgresSiteLock.TryForSiteAsync(app);
if (databaseRefusal is not null)
{
    Console.Error.WriteLine(databaseRefusal);
    return 1;
}
await using var sharingDatabase = databaseLock;

using (var scope = app.Services.CreateScope())
{
    // Migrations and (on a new site) the recipe run on one core while the request pipeline is put together on another.
    // Nothing is served, and no background service starts, before both are done.
    var initializing = Task.Run(() => scope.ServiceProvider.GetRequiredService<SiteInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping));
    app.UsePortal();
    await initializing;
}

MemoryFootprint.TrimAfterStart(app.Lifetime, TimeSpan.FromSeconds(2));
MemoryFootprint.TrimNativeHeapPeriodically(app.Lifetime, TimeSpan.FromSeconds(10));
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

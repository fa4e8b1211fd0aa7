using Portal.Web.Hosting;

MemoryFootprint.LimitMallocArenas();
var builder = WebApplication.CreateBuilder(Verbs.ConfigurationArgs(args));
builder.AddPortal();
var app = builder.Build();

if (Verbs.IsVerb(args))
{
    return await Verbs.RunAsync(app, args);
}

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<SiteInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}

app.UsePortal();
MemoryFootprint.TrimAfterStart(app.Lifetime, TimeSpan.FromSeconds(2));
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

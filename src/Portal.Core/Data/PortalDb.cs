using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Modules;
using Portal.Core.Settings;

namespace Portal.Core.Data;

/// <summary>
/// The one database of a site. Modules add their entities in <see cref="IPortalModule.ConfigureModel"/>;
/// the provider-specific subclasses in the host own the migrations.
/// </summary>
public abstract class PortalDb(DbContextOptions options)
    : IdentityDbContext<StaffUser, StaffRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<SiteSetting> Settings => Set<SiteSetting>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();

    public bool IsSqlite => Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;

    /// <summary>
    /// Holds the connection open until the result is disposed, for a page that runs several queries: EF otherwise opens and
    /// closes it around each one, and on SQLite every open of a pooled connection registers EF's SQL functions again
    /// (a tenth of an uncached consultation page's time, by a trace). A connection that was already open stays open.
    /// </summary>
    public async Task<IAsyncDisposable> KeepConnectionOpenAsync(CancellationToken cancellationToken)
    {
        if (Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            return NothingToClose.Instance;
        }
        await Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(this);
    }

    private sealed class OpenConnection(PortalDb db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }

    private sealed class NothingToClose : IAsyncDisposable
    {
        public static readonly NothingToClose Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<SiteSetting>(e =>
        {
            e.ToTable("SiteSettings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(4000);
        });
        ContentChange.Configure(builder);
        builder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<StaffRole>().Property(r => r.Description).HasMaxLength(400);
        foreach (var module in ModuleCatalog.AllModules)
        {
            module.ConfigureModel(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // SQLite has no DateTimeOffset type; storing UTC ticks keeps ordering and comparisons in SQL correct.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }
}

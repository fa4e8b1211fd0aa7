using Portal.Core;
using Portal.Web.Data;

namespace Portal.Web.Operations;

/// <summary>How one database provider is written into a backup and read back from it.</summary>
internal interface IDatabaseDump
{
    /// <summary>The <c>Portal:Database:Provider</c> value the dump belongs to.</summary>
    string Provider { get; }

    /// <summary>The file's name under <c>database/</c> in the archive.</summary>
    string FileName { get; }

    Task DumpAsync(string target, CancellationToken cancellationToken);

    /// <summary>Why the configured database is not empty (so a restore would overwrite it), or null when it is.</summary>
    Task<string?> DescribeContentsAsync(CancellationToken cancellationToken);

    Task RestoreAsync(string source, CancellationToken cancellationToken);
}

internal static class DatabaseDumps
{
    public static IDatabaseDump For(IConfiguration configuration, PortalPaths paths) =>
        DatabaseSetup.IsPostgres(configuration)
            ? new PostgresDump(configuration.GetConnectionString("Portal") ?? throw new BackupException("Portal:Database:Provider is Postgres but ConnectionStrings:Portal is not set."), configuration["Portal:Backup:PostgresBin"])
            : new SqliteDump(paths);
}

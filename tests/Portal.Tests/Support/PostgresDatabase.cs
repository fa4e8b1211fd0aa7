using Npgsql;
using Portal.Tests.Integration;

namespace Portal.Tests.Support;

/// <summary>A fresh database on the test PostgreSQL server, dropped (with its connections) when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public string Name { get; } = "portal_test_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresTests.ServerConnectionString) { Database = Name }.ToString();

    /// <summary>The settings that put a site on this database.</summary>
    public void Use(IDictionary<string, string?> settings)
    {
        settings["Portal:Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Portal"] = ConnectionString;
    }

    /// <summary>The same settings as environment variables, for a site or verb started as a process (<see cref="SiteProcess"/>).</summary>
    public Dictionary<string, string?> ProcessSettings() => new()
    {
        ["Portal__Database__Provider"] = "Postgres",
        ["ConnectionStrings__Portal"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresTests.ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

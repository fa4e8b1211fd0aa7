using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Data;

/// <summary>The SQLite flavour of the site database; owns the migrations under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqlitePortalDb(DbContextOptions<SqlitePortalDb> options) : PortalDb(options);

/// <summary>The PostgreSQL flavour; owns the migrations under <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresPortalDb(DbContextOptions<PostgresPortalDb> options) : PortalDb(options);

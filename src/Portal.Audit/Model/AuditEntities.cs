using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;

namespace Portal.Audit.Model;

/// <summary>
/// One step someone took. Written in the same transaction as the change it describes; sealed into the hash chain
/// moments later by <see cref="AuditChain"/>, which gives it its <see cref="Sequence"/>, the previous entry's hash
/// and its own. Rows are never updated after sealing and never deleted.
/// </summary>
[NotAudited]
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Position in the chain (1, 2, 3 …); null until sealed.</summary>
    public long? Sequence { get; set; }

    public DateTimeOffset OccurredUtc { get; set; }

    /// <summary>Staff user name, <c>public</c> for a citizen's request, or <c>system</c> for background work and recipes.</summary>
    public string Actor { get; set; } = "";

    /// <summary>e.g. <c>create</c>, <c>update</c>, <c>delete</c>, <c>sign-in</c>, <c>sign-in-failed</c>.</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityKey { get; set; } = "";

    /// <summary>What changed: property names, and old → new values only for non-text properties and public titles.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The request that caused it (<c>POST /admin/consultations/edit</c>), without its query string.</summary>
    public string Context { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

/// <summary>The end of the chain: one row, locked by whoever seals, so two web nodes never fork the chain.</summary>
[NotAudited]
public sealed class AuditHead
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public string Hash { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>The chain head as published on one day (site time): an outsider who kept it can later prove the record was not rewritten.</summary>
[NotAudited]
public sealed class AuditCheckpoint
{
    public DateOnly Date { get; set; }

    public long Sequence { get; set; }

    public string Hash { get; set; } = "";

    public DateTimeOffset PublishedUtc { get; set; }
}

internal static class AuditModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasIndex(a => a.Sequence).IsUnique();
            e.HasIndex(a => a.OccurredUtc);
            e.HasIndex(a => new { a.EntityType, a.EntityKey });
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityKey).HasMaxLength(200);
            e.Property(a => a.Summary).HasMaxLength(2000);
            e.Property(a => a.Context).HasMaxLength(300);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
        });
        model.Entity<AuditHead>(e =>
        {
            e.ToTable("AuditHead");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
            e.HasData(new AuditHead { Id = 1, Sequence = 0, Hash = "", Version = 0 });
        });
        model.Entity<AuditCheckpoint>(e =>
        {
            e.ToTable("AuditCheckpoints");
            e.HasKey(c => c.Date);
            e.Property(c => c.Hash).HasMaxLength(64);
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Statements.Model;

internal static class StatementsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Statement>(e =>
        {
            e.ToTable("Statements");
            e.HasIndex(s => s.Slug).IsUnique();
            e.HasIndex(s => new { s.State, s.PublishUtc });
            e.HasIndex(s => new { s.RelatedSource, s.RelatedSlug });
            e.Property(s => s.Slug).HasMaxLength(120);
            e.Property(s => s.Title).HasMaxLength(300);
            e.Property(s => s.Summary).HasMaxLength(2000);
            e.Property(s => s.Speaker).HasMaxLength(200);
            e.Property(s => s.RelatedSource).HasMaxLength(40);
            e.Property(s => s.RelatedSlug).HasMaxLength(200);
            e.Property(s => s.Author).HasMaxLength(100);
            e.Property(s => s.ReviewedBy).HasMaxLength(100);
            e.Property(s => s.PublishedBy).HasMaxLength(100);
            e.Property(s => s.CorrectionNote).HasMaxLength(500);
            e.Property(s => s.RetractionReason).HasMaxLength(1000);
            e.Property(s => s.Questions).HasJsonConversion();
            e.Property(s => s.State).IsConcurrencyToken();
            e.HasMany(s => s.Revisions).WithOne().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Attachments).WithOne().HasForeignKey(a => a.StatementId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StatementRevision>(e =>
        {
            e.ToTable("StatementRevisions");
            e.HasIndex(r => new { r.StatementId, r.Number }).IsUnique();
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Summary).HasMaxLength(2000);
            e.Property(r => r.Note).HasMaxLength(500);
            e.Property(r => r.Author).HasMaxLength(100);
            e.Property(r => r.Questions).HasJsonConversion();
        });
        model.Entity<StatementAttachment>(e =>
        {
            e.ToTable("StatementAttachments");
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.StoredName).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
        });
    }
}

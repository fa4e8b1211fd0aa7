using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Disclosure.Model;

internal static class DisclosureModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Section>(e =>
        {
            e.ToTable("Sections");
            e.HasIndex(s => s.Slug).IsUnique();
            e.Property(s => s.Slug).HasMaxLength(64);
            e.Property(s => s.NameZh).HasMaxLength(100);
            e.Property(s => s.NameEn).HasMaxLength(100);
            e.Property(s => s.DescriptionZh).HasMaxLength(1000);
            e.Property(s => s.DescriptionEn).HasMaxLength(1000);
            e.Property(s => s.ShowOnHome).HasDefaultValue(true);
        });
        model.Entity<Document>(e =>
        {
            e.ToTable("Documents");
            e.HasIndex(d => d.Slug).IsUnique();
            e.HasIndex(d => new { d.SectionId, d.State, d.PublishedUtc });
            e.Property(d => d.Slug).HasMaxLength(120);
            e.Property(d => d.IndexNumber).HasMaxLength(64);
            e.Property(d => d.Title).HasMaxLength(300);
            e.Property(d => d.DocNumber).HasMaxLength(100);
            e.Property(d => d.IssuingBody).HasMaxLength(200);
            e.Property(d => d.Topics).HasMaxLength(500);
            e.Property(d => d.Summary).HasMaxLength(1000);
            e.HasOne(d => d.Section).WithMany().HasForeignKey(d => d.SectionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(d => d.Attachments).WithOne().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Revisions).WithOne().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(d => d.TopicList);
        });
        model.Entity<DocumentRevision>(e =>
        {
            e.ToTable("DocumentRevisions");
            e.HasIndex(r => new { r.DocumentId, r.Number }).IsUnique();
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.ChangeNote).HasMaxLength(500);
            e.Property(r => r.Author).HasMaxLength(100);
        });
        model.Entity<Attachment>(e =>
        {
            e.ToTable("Attachments");
            e.Property(a => a.OwnerKind).HasMaxLength(40);
            e.HasIndex(a => new { a.OwnerKind, a.OwnerId });
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.StoredName).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
        });
        model.Entity<ServiceGuide>(e =>
        {
            e.ToTable("ServiceGuides");
            e.HasIndex(g => g.Slug).IsUnique();
            e.Property(g => g.Slug).HasMaxLength(120);
            e.Property(g => g.ItemName).HasMaxLength(200);
            e.Property(g => g.ItemCode).HasMaxLength(64);
            e.Property(g => g.Department).HasMaxLength(200);
            e.Property(g => g.Category).HasMaxLength(100);
            e.Property(g => g.Summary).HasMaxLength(1000);
            e.Property(g => g.Where).HasMaxLength(300);
            e.Property(g => g.Hours).HasMaxLength(200);
            e.Property(g => g.Phone).HasMaxLength(100);
            e.Property(g => g.Online).HasMaxLength(300);
            e.Property(g => g.LegalBasis).HasJsonConversion();
            e.Property(g => g.Conditions).HasJsonConversion();
            e.Property(g => g.Materials).HasJsonConversion();
            e.Property(g => g.Steps).HasJsonConversion();
            e.Property(g => g.Fees).HasJsonConversion();
            e.Property(g => g.Faq).HasJsonConversion();
            e.HasMany(g => g.Forms).WithOne().HasForeignKey(a => a.ServiceGuideId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<FeeItem>(e =>
        {
            e.ToTable("FeeItems");
            e.HasIndex(f => f.Slug).IsUnique();
            e.Property(f => f.Slug).HasMaxLength(120);
            e.Property(f => f.Code).HasMaxLength(32);
            e.Property(f => f.Name).HasMaxLength(200);
            e.Property(f => f.Standard).HasMaxLength(500);
            e.Property(f => f.Unit).HasMaxLength(50);
            e.Property(f => f.Basis).HasMaxLength(1000);
            e.Property(f => f.Department).HasMaxLength(200);
            e.Property(f => f.Note).HasMaxLength(1000);
        });
    }
}

/// <summary>The one rule for what the public may see, shared by pages, lists, the home page and the API.</summary>
public static class Visibility
{
    public static IQueryable<Document> PublicAt(this IQueryable<Document> documents, DateTimeOffset now) =>
        documents.Where(d => d.State == PublicationState.Published && d.PublishedUtc <= now);

    public static IQueryable<ServiceGuide> PublicAt(this IQueryable<ServiceGuide> guides, DateTimeOffset now) =>
        guides.Where(g => g.State == PublicationState.Published && g.PublishedUtc <= now);

    public static IQueryable<FeeItem> PublicAt(this IQueryable<FeeItem> fees, DateTimeOffset now) =>
        fees.Where(f => f.State == PublicationState.Published && f.PublishedUtc <= now);
}

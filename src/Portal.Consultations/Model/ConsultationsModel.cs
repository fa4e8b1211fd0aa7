using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Consultations.Model;

internal static class ConsultationsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Consultation>(e =>
        {
            e.ToTable("Consultations");
            e.HasIndex(c => c.Slug).IsUnique();
            e.HasIndex(c => new { c.State, c.ClosesUtc });
            e.Property(c => c.Slug).HasMaxLength(120);
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.Summary).HasMaxLength(2000);
            e.Property(c => c.Department).HasMaxLength(200);
            e.Property(c => c.ShortPeriodReason).HasMaxLength(1000);
            e.Property(c => c.Contact).HasMaxLength(1000);
            e.Property(c => c.OutcomeReason).HasMaxLength(4000);
            e.Property(c => c.FinalizedBy).HasMaxLength(100);
            e.Property(c => c.Articles).HasJsonConversion();
            e.Property(c => c.FinalArticles).HasJsonConversion();
            e.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ConsultationVersion>(e =>
        {
            e.ToTable("ConsultationVersions");
            e.HasIndex(v => new { v.ConsultationId, v.Number }).IsUnique();
            e.Property(v => v.Title).HasMaxLength(300);
            e.Property(v => v.ChangeNote).HasMaxLength(500);
            e.Property(v => v.Author).HasMaxLength(100);
            e.Property(v => v.Articles).HasJsonConversion();
        });
        model.Entity<Comment>(e =>
        {
            e.ToTable("Comments");
            e.HasIndex(c => c.ReceiptNumber).IsUnique();
            e.HasIndex(c => new { c.ConsultationId, c.Status, c.SubmittedUtc });
            // The public page: counts by status, article and disposition (and group sizes) from the index alone,
            // and comments in submission order without sorting the whole consultation.
            e.HasIndex(c => new { c.ConsultationId, c.Status, c.ArticleNumber, c.Disposition, c.GroupId });
            e.HasIndex(c => new { c.ConsultationId, c.SubmittedUtc, c.Id });
            // The per-address hourly limit: both equalities and the time range in one index (with the (consultation, time) index
            // also there, SQLite otherwise chose that one and read every comment of the last hour for each new comment).
            e.HasIndex(c => new { c.ConsultationId, c.Email, c.SubmittedUtc });
            e.HasIndex(c => new { c.ConsultationId, c.Band0 });
            e.HasIndex(c => new { c.ConsultationId, c.Band1 });
            e.HasIndex(c => new { c.ConsultationId, c.Band2 });
            e.HasIndex(c => new { c.ConsultationId, c.Band3 });
            e.HasIndex(c => new { c.ConsultationId, c.Band4 });
            e.HasIndex(c => new { c.ConsultationId, c.Band5 });
            e.HasIndex(c => new { c.ConsultationId, c.Band6 });
            e.HasIndex(c => new { c.ConsultationId, c.Band7 });
            e.HasIndex(c => c.GroupId);
            e.Property(c => c.ReceiptNumber).HasMaxLength(20);
            e.Property(c => c.AccessToken).HasMaxLength(64);
            e.Property(c => c.Name).HasMaxLength(50);
            e.Property(c => c.Email).HasMaxLength(200);
            e.Property(c => c.Phone).HasMaxLength(30);
            e.Property(c => c.Organization).HasMaxLength(100);
            e.Property(c => c.Body).HasMaxLength(5000);
            e.Property(c => c.PublicBody).HasMaxLength(5000);
            e.Property(c => c.ModeratedBy).HasMaxLength(100);
            e.Property(c => c.ResponseReason).HasMaxLength(4000);
            e.Property(c => c.ResponseArticles).HasMaxLength(200);
            e.Property(c => c.RespondedBy).HasMaxLength(100);
            e.Property(c => c.SourceHash).HasMaxLength(64);
            e.HasOne(c => c.Consultation).WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ReceiptCounter>(e =>
        {
            e.ToTable("ReceiptCounters");
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
        });
    }
}

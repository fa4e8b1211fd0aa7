using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Hearings.Model;

internal static class HearingsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Hearing>(e =>
        {
            e.ToTable("Hearings");
            e.HasIndex(h => h.Slug).IsUnique();
            e.HasIndex(h => new { h.State, h.StartsUtc });
            e.Property(h => h.Slug).HasMaxLength(120);
            e.Property(h => h.Title).HasMaxLength(300);
            e.Property(h => h.Matters).HasMaxLength(20000);
            e.Property(h => h.MattersHtml).HasMaxLength(40000);
            e.Property(h => h.LegalBasis).HasMaxLength(4000);
            e.Property(h => h.Organizer).HasMaxLength(200);
            e.Property(h => h.ConsultationSlug).HasMaxLength(120);
            e.Property(h => h.VenueName).HasMaxLength(200);
            e.Property(h => h.VenueAddress).HasMaxLength(400);
            e.Property(h => h.Directions).HasMaxLength(2000);
            e.Property(h => h.Accessibility).HasMaxLength(2000);
            e.Property(h => h.OnlineOption).HasMaxLength(2000);
            e.Property(h => h.SelectionRules).HasMaxLength(4000);
            e.Property(h => h.LotterySeedPhrase).HasMaxLength(400);
            e.Property(h => h.LotterySeed).HasMaxLength(64);
            e.Property(h => h.CancellationReason).HasMaxLength(1000);
            e.Property(h => h.Categories).HasJsonConversion();
            e.Property(h => h.Materials).HasJsonConversion();
            e.Property(h => h.Statements).HasJsonConversion();
        });
        model.Entity<Registration>(e =>
        {
            e.ToTable("HearingRegistrations");
            e.HasIndex(r => r.Code).IsUnique();
            e.HasIndex(r => new { r.HearingId, r.Email }).IsUnique();
            e.HasIndex(r => new { r.HearingId, r.Status, r.Rank, r.Id });
            e.Property(r => r.Code).HasMaxLength(20);
            e.Property(r => r.CancelToken).HasMaxLength(64);
            e.Property(r => r.Name).HasMaxLength(50);
            e.Property(r => r.Email).HasMaxLength(200);
            e.Property(r => r.Phone).HasMaxLength(30);
            e.Property(r => r.Affiliation).HasMaxLength(100);
            e.Property(r => r.Category).HasMaxLength(40);
            e.Property(r => r.StatementSummary).HasMaxLength(2000);
            e.Property(r => r.AccessibilityNeeds).HasMaxLength(500);
            e.Property(r => r.Culture).HasMaxLength(10);
            e.HasOne(r => r.Hearing).WithMany().HasForeignKey(r => r.HearingId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

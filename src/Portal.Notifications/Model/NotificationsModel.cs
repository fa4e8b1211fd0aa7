using Microsoft.EntityFrameworkCore;

namespace Portal.Notifications.Model;

internal static class NotificationsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasIndex(m => new { m.Status, m.NextAttemptUtc });
            e.HasIndex(m => m.DeduplicationKey).IsUnique();
            e.HasIndex(m => m.MessageId).IsUnique();
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.Template).HasMaxLength(100);
            e.Property(m => m.To).HasMaxLength(200);
            e.Property(m => m.Culture).HasMaxLength(10);
            e.Property(m => m.DeduplicationKey).HasMaxLength(200);
            e.Property(m => m.UnsubscribeToken).HasMaxLength(64);
            e.Property(m => m.LeaseOwner).HasMaxLength(64);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OutboxAttachment>(e =>
        {
            e.ToTable("OutboxAttachments");
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
        });
        model.Entity<Subscription>(e =>
        {
            e.ToTable("Subscriptions");
            e.HasIndex(s => new { s.Email, s.Topic }).IsUnique();
            e.HasIndex(s => s.Token).IsUnique();
            e.HasIndex(s => s.Topic);
            e.Property(s => s.Email).HasMaxLength(200);
            e.Property(s => s.Topic).HasMaxLength(160);
            e.Property(s => s.Culture).HasMaxLength(10);
            e.Property(s => s.Token).HasMaxLength(64);
            e.Ignore(s => s.IsActive);
        });
        model.Entity<DigestEntry>(e =>
        {
            e.ToTable("DigestEntries");
            e.HasIndex(d => new { d.SubscriptionId, d.Source, d.Key }).IsUnique();
            e.Property(d => d.Source).HasMaxLength(40);
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.Title).HasMaxLength(300);
            e.Property(d => d.Url).HasMaxLength(400);
            e.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ChangeCursor>(e =>
        {
            e.ToTable("NotificationCursors");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(40);
        });
        model.Entity<HandledChange>(e =>
        {
            e.ToTable("NotificationHandledChanges");
            e.HasKey(c => c.ChangeId);
            e.Property(c => c.ChangeId).ValueGeneratedNever();
        });
        model.Entity<JobLease>(e =>
        {
            e.ToTable("JobLeases");
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(40);
            e.Property(l => l.Owner).HasMaxLength(64);
        });
    }
}

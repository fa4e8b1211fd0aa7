using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Notifications;
using Portal.Notifications.Model;
using Portal.Notifications.Outbox;
using Portal.Core.Text;

namespace Portal.Notifications.Subscriptions;

/// <summary>
/// Follow a topic without an account: a pending subscription and a confirmation mail (double opt-in). The answer is
/// the same whether the address was new, pending or already confirmed, so the form reveals nobody's subscriptions.
/// </summary>
public sealed class Subscribe(PortalDb db, TimeProvider clock, DatabaseOutbox outbox, Topics topics, TextCatalog text,
    IOptions<NotificationOptions> options, ILogger<Subscribe> log)
{
    public const string ConfirmTemplate = "subscription-confirm";

    public sealed record Command(string Email, string Topic, string Frequency, string Culture, string? Honeypot = null);

    public async Task<Result<string>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(command.Honeypot))
        {
            return new Refusal(text.Translate("The form could not be accepted. Leave the field marked 'leave empty' empty and send it again."), "Website", 422);
        }
        var email = command.Email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length is 0 or > 200 || !MailAddress.TryCreate(email, out _))
        {
            return new Refusal(text.Translate("Enter a valid email address, for example name@example.com."), "Email", 422);
        }
        var label = await topics.LabelAsync(command.Topic, command.Culture, cancellationToken);
        if (label is null)
        {
            return new Refusal(text.Translate("Choose what you want to follow."), "Topic", 422);
        }
        if (!EnumNames.TryParse<DigestFrequency>(command.Frequency, out var frequency))
        {
            return new Refusal(text.Translate("Choose how often you want to hear from us."), "Frequency", 422);
        }
        var now = clock.GetUtcNow();
        var since = now.AddHours(-1);
        var recent = await db.Set<OutboxMessage>().CountAsync(m => m.Template == ConfirmTemplate && m.To == email && m.CreatedUtc > since, cancellationToken);
        if (recent >= options.Value.ConfirmationsPerEmailPerHour)
        {
            return new Refusal(text.Translate("We have sent several confirmation emails to this address in the last hour. Please confirm from one of them, or try again later."), "Email", 429);
        }
        var subscription = await db.Set<Subscription>().FirstOrDefaultAsync(s => s.Email == email && s.Topic == command.Topic, cancellationToken);
        if (subscription is { IsActive: true })
        {
            return label;
        }
        if (subscription is null)
        {
            subscription = new Subscription { Email = email, Topic = command.Topic, CreatedUtc = now, Token = RandomNumberGenerator.GetHexString(40, lowercase: true) };
            db.Add(subscription);
        }
        subscription.Frequency = frequency;
        subscription.Culture = command.Culture;
        subscription.UnsubscribedUtc = null;
        subscription.ConfirmedUtc = null;
        outbox.Add(new OutgoingMessage(ConfirmTemplate, email, command.Culture, new Dictionary<string, string>
        {
            ["topic_label"] = label,
            ["frequency"] = FrequencyLabel(text, frequency, command.Culture),
            ["confirm_url"] = $"/subscriptions/confirm/{subscription.Token}",
        }), subscription.Token);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address and topic sent twice at once: the other request holds the subscription.
            db.ChangeTracker.Clear();
        }
        log.LogInformation("Subscription to {Topic} requested by {Email}", command.Topic, AddressMask.Mask(email));
        return label;
    }

    public static string FrequencyLabel(TextCatalog text, DigestFrequency frequency, string culture) => text.Translate(frequency switch
    {
        DigestFrequency.Daily => "Once a day",
        DigestFrequency.Weekly => "Once a week",
        _ => "As soon as something is published",
    }, System.Globalization.CultureInfo.GetCultureInfo(culture));
}

/// <summary>Confirming and leaving: the token in the link is the only credential.</summary>
public sealed class ManageSubscription(PortalDb db, TimeProvider clock, ILogger<ManageSubscription> log)
{
    public async Task<Subscription?> FindAsync(string token, CancellationToken cancellationToken) =>
        token.Length is < 20 or > 64 ? null : await db.Set<Subscription>().FirstOrDefaultAsync(s => s.Token == token, cancellationToken);

    public async Task<Subscription?> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null || subscription.UnsubscribedUtc is not null)
        {
            return null;
        }
        if (subscription.ConfirmedUtc is null)
        {
            subscription.ConfirmedUtc = clock.GetUtcNow();
            subscription.LastDigestUtc = subscription.ConfirmedUtc;
            await db.SaveChangesAsync(cancellationToken);
            log.LogInformation("Subscription {Id} to {Topic} confirmed", subscription.Id, subscription.Topic);
        }
        return subscription;
    }

    public async Task<Subscription?> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null)
        {
            return null;
        }
        if (subscription.UnsubscribedUtc is null)
        {
            subscription.UnsubscribedUtc = clock.GetUtcNow();
            await db.Set<DigestEntry>().Where(d => d.SubscriptionId == subscription.Id).ExecuteDeleteAsync(cancellationToken);
            // Mail already queued for this subscription is not sent either.
            await db.Set<OutboxMessage>().Where(m => m.UnsubscribeToken == token && m.Status == OutboxStatus.Queued && m.Template != Subscribe.ConfirmTemplate)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            log.LogInformation("Subscription {Id} to {Topic} ended", subscription.Id, subscription.Topic);
        }
        return subscription;
    }
}

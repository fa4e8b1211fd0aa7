using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Settings;
using Portal.Core.Text;

namespace Portal.Consultations.Public;

/// <summary>A citizen's comment on a draft (the whole draft or one article), answered at once with a receipt.</summary>
public static class SubmitComment
{
    public const int MaxBodyLength = 5000;

    public sealed record Command(
        string Name, string Email, string? Phone, string? Organization, int? Article, string Body, bool PublishName,
        bool ConsentToPublish = true, string? Honeypot = null, string? SourceAddress = null);

    public sealed record Receipt(string ReceiptNumber, string Status, string AccessToken);

    public sealed class Handler(
        GroupCommit writes, IOptions<ConsultationOptions> options, TextCatalog text, ISiteSettings settings, IEnumerable<SiteSettingChoice> choices)
    {
        public async Task<Result<Receipt>> HandleAsync(string slug, Command command, CancellationToken cancellationToken)
        {
            command = command with
            {
                Name = PlainText.Clean(command.Name), Email = PlainText.Clean(command.Email), Phone = PlainText.CleanOrNull(command.Phone),
                Organization = PlainText.CleanOrNull(command.Organization), Body = PlainText.Clean(command.Body),
            };
            if (Validate(command) is { } invalid)
            {
                return invalid;
            }
            var email = command.Email.Trim().ToLowerInvariant();
            var moderation = choices.FirstOrDefault(c => c.Key == ConsultationOptions.ModerationKey) ?? ConsultationOptions.ModerationSetting(options.Value.PostModeration);
            var postModeration = moderation.ValueIn(await settings.GetAsync(cancellationToken)) == "post";
            // What needs no database is done here, in parallel; the writer stores this comment with the others arriving
            // now, in one transaction, and answers once it is committed.
            var prepared = Prepare(command, email, postModeration);
            return await writes.WriteAsync((services, ct) => services.GetRequiredService<Store>().StoreAsync(slug, prepared, ct));
        }

        /// <summary>The comment as far as it needs no database (a retried write builds a fresh entity from it).</summary>
        private static Prepared Prepare(Command command, string email, bool postModeration)
        {
            var body = command.Body.Trim();
            return new Prepared(command.Article, command.Name.Trim(), command.PublishName && command.Name.Trim().Length > 0, email,
                string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim(),
                string.IsNullOrWhiteSpace(command.Organization) ? null : command.Organization.Trim(),
                body, CommentText.Mask(body), CommentText.Fingerprint(body), command.ConsentToPublish,
                postModeration ? CommentStatus.Published : CommentStatus.Pending,
                RandomNumberGenerator.GetHexString(32, lowercase: true),
                command.SourceAddress is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command.SourceAddress)))[..32]);
        }

        private Refusal? Validate(Command command)
        {
            if (!string.IsNullOrEmpty(command.Honeypot))
            {
                return new Refusal(text.Translate("The form could not be accepted. Leave the field marked 'leave empty' empty and send it again."), "Website", 422);
            }
            if (command.Name.Trim().Length > 50)
            {
                return new Refusal(text.Translate("The name is at most 50 characters."), "Name", 422);
            }
            if (command.PublishName && string.IsNullOrWhiteSpace(command.Name))
            {
                return new Refusal(text.Translate("Give your name, or choose to appear as anonymous."), "Name", 422);
            }
            if (string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > 200 || !MailAddress.TryCreate(command.Email.Trim(), out _))
            {
                return new Refusal(text.Translate("An email address is required so that we can send your receipt and our answer. It is never shown."), "Email", 422);
            }
            if (command.Phone is { Length: > 0 } phone && (phone.Length > 30 || phone.Any(c => !(char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')'))))
            {
                return new Refusal(text.Translate("The phone number may hold digits, spaces, '+', '-' and brackets only."), "Phone", 422);
            }
            if (command.Organization?.Length > 100)
            {
                return new Refusal(text.Translate("The organisation is at most 100 characters."), "Organization", 422);
            }
            if (string.IsNullOrWhiteSpace(command.Body))
            {
                return new Refusal(text.Translate("Write your comment before sending it."), "Body", 422);
            }
            if (command.Body.Trim().Length > MaxBodyLength)
            {
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("A comment is at most {0} characters; this one has {1}. Shorten it or send two comments."), MaxBodyLength, command.Body.Trim().Length), "Body", 422);
            }
            if (CommentText.Mask(command.Body.Trim()).Length > MaxBodyLength)
            {
                // A masked address (a***@example.cn) can be longer than the one it hides; the public copy must fit too.
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("With the email addresses and phone numbers in it masked for publication, this comment is longer than {0} characters. Shorten it or send two comments."), MaxBodyLength), "Body", 422);
            }
            return null;
        }
    }

    internal sealed record Prepared(
        int? Article, string Name, bool PublishName, string Email, string? Phone, string? Organization, string Body, string PublicBody,
        long Fingerprint, bool ConsentToPublish, CommentStatus Status, string AccessToken, string SourceHash);

    /// <summary>The checks that need the database, the receipt and the insert, inside the group commit's transaction.</summary>
    internal sealed class Store(PortalDb db, TimeProvider clock, IEventPublisher events, IOptions<ConsultationOptions> options, TextCatalog text)
    {
        public async Task<Result<Receipt>> StoreAsync(string slug, Prepared prepared, CancellationToken cancellationToken)
        {
            // The deadline and the write share one transaction: a correction that moves the close, or the close
            // itself, cannot slip between the check and the insert.
            var consultation = await Queries.Open.For(db)(db, slug, cancellationToken);
            if (consultation is null)
            {
                return new Refusal(text.Translate("There is no consultation at this address."), Status: 404);
            }
            var now = clock.GetUtcNow();
            var status = consultation.StatusAt(now);
            if (status == ConsultationStatus.Scheduled)
            {
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("Comments open on {0}."), SiteClock.FormatDateTime(consultation.OpensUtc)), Status: 409);
            }
            if (status != ConsultationStatus.Open)
            {
                return Closed(consultation);
            }
            if (prepared.Article is { } article && (article < 1 || article > consultation.Articles.Count))
            {
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("The draft has articles 1 to {0}."), consultation.Articles.Count), "Article", 422);
            }
            var comment = new Comment
            {
                ConsultationId = consultation.Id,
                ReceiptNumber = await Receipts.NextAsync(db, SiteClock.ToLocal(now).Year, cancellationToken),
                AccessToken = prepared.AccessToken,
                ArticleNumber = prepared.Article,
                Name = prepared.Name,
                PublishName = prepared.PublishName,
                Email = prepared.Email,
                Phone = prepared.Phone,
                Organization = prepared.Organization,
                Body = prepared.Body,
                PublicBody = prepared.PublicBody,
                ConsentToPublish = prepared.ConsentToPublish,
                Status = prepared.Status,
                SubmittedUtc = now,
                SourceHash = prepared.SourceHash,
            };
            comment.SetFingerprint(prepared.Fingerprint);
            // The count and the deadline are settled by one conditional UPDATE that takes the consultation's row lock:
            // a close that passed, or a correction that moved it, since the check above refuses the comment here,
            // and parallel comments on any number of web nodes each add exactly one.
            var counted = await db.Set<Consultation>()
                .Where(c => c.Id == consultation.Id && c.State == ConsultationState.Published && c.ClosesUtc > now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount + 1), cancellationToken);
            if (counted == 0)
            {
                return Closed(consultation);
            }
            if (await TooManyFromEmailAsync(consultation.Id, prepared.Email, now, cancellationToken))
            {
                // The refusal rolls back to the submission's savepoint: the count, the receipt number and the group go too.
                return new Refusal(text.Translate("You have sent several comments from this email address in the last hour. Please wait an hour, or put your points into one comment."), "Email", 429);
            }
            // Grouped under the row lock: a copy of the same campaign stored meanwhile on another node is committed by now
            // and seen here, so two copies never start two groups.
            await Grouping.AssignAsync(db, comment, cancellationToken);
            db.Add(comment);
            await events.PublishAsync(new CommentSubmitted(consultation.Id, comment.ReceiptNumber, comment.Email, comment.AccessToken), cancellationToken);
            if (comment.Status == CommentStatus.Published)
            {
                await events.PublishAsync(new CommentPublished(consultation.Id, comment.ReceiptNumber), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            return new Result<Receipt>(new Receipt(comment.ReceiptNumber, comment.Status.ToString().ToLowerInvariant(), comment.AccessToken), null);
        }

        /// <summary>
        /// Counted only once this transaction holds the consultation's row (the UPDATE above): every comment on it is
        /// inserted under that lock, so another node's comment from the same address is committed, and counted, or not
        /// yet begun. Counted before it, two nodes could each see one short of the limit and both accept. The lock is the
        /// one every comment on the consultation already takes, so nothing else waits longer than before; a lock of
        /// the address's own taken earlier would deadlock with another node's batch holding the receipt counter.
        /// </summary>
        private async Task<bool> TooManyFromEmailAsync(int consultationId, string email, DateTimeOffset now, CancellationToken cancellationToken) =>
            await Queries.RecentFromEmail.For(db)(db, consultationId, email, now.AddHours(-1), cancellationToken) >= options.Value.CommentsPerEmailPerHour;

        /// <summary>Compiled: they run for every comment, one after another in the group commit's single writer.</summary>
        private static class Queries
        {
            public static readonly PerProvider<Func<PortalDb, string, CancellationToken, Task<Consultation?>>> Open = new(() => EF.CompileAsyncQuery((PortalDb db, string slug, CancellationToken ct) =>
                db.Set<Consultation>().AsNoTracking().FirstOrDefault(c => c.Slug == slug && c.State != ConsultationState.Draft)));

            public static readonly PerProvider<Func<PortalDb, int, string, DateTimeOffset, CancellationToken, Task<int>>> RecentFromEmail = new(() => EF.CompileAsyncQuery(
                (PortalDb db, int id, string email, DateTimeOffset since, CancellationToken ct) =>
                    db.Set<Comment>().Count(c => c.ConsultationId == id && c.Email == email && c.SubmittedUtc > since)));
        }

        private Refusal Closed(Consultation consultation) => new(string.Format(System.Globalization.CultureInfo.CurrentCulture,
            text.Translate("The comment period closed on {0}. Comments can no longer be submitted."), SiteClock.FormatDateTime(consultation.ClosesUtc)), Status: 409);
    }
}

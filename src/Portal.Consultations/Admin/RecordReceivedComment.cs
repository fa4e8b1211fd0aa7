using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Consultations.Public;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Admin;

/// <summary>
/// Opinions that reach the office by letter, email, telephone or in person (the draft's contact text invites them)
/// are recorded by staff, get a receipt number, are published with phones and ID numbers masked like any other, and
/// are answered in the response work view and counted in the outcome report. Accepted while the draft is open to
/// comment, and after the close for an opinion received by the closing day; the day received is what is shown.
/// Takes the decision's row lock, so nothing lands after the outcome is published.
/// </summary>
public sealed class RecordReceivedComment(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public static readonly IReadOnlyList<CommentChannel> Channels = [CommentChannel.Letter, CommentChannel.Email, CommentChannel.Phone, CommentChannel.InPerson];

    public sealed record Command(
        CommentChannel Channel, DateOnly? ReceivedOn, string? Name, string? Organization, bool PublishName, int? Article, string? Body, bool ConsentToPublish);

    public async Task<Result<Comment>> HandleAsync(int consultationId, Command command, string recordedBy, CancellationToken cancellationToken)
    {
        string F(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, text.Translate(key), args);
        if (!Channels.Contains(command.Channel))
        {
            return new Refusal(text.Translate("Choose how the opinion reached the office: letter, email, telephone or in person."), "Channel", 422);
        }
        var body = PlainText.CleanOrNull(command.Body)?.Trim() ?? "";
        if (body.Length is 0 or > SubmitComment.MaxBodyLength)
        {
            return new Refusal(F("Write the opinion as received (1 to {0} characters); for a long letter, its main points and a note that the full text is on file.", SubmitComment.MaxBodyLength), "Body", 422);
        }
        var name = PlainText.CleanOrNull(command.Name)?.Trim() ?? "";
        var organization = PlainText.CleanOrNull(command.Organization)?.Trim();
        if (name.Length > 50 || organization?.Length > 100)
        {
            return new Refusal(text.Translate("A name is at most 50 characters and an organisation at most 100."), "Name", 422);
        }
        if (command.ReceivedOn is not { } received || !SiteClock.IsPlausible(received))
        {
            return new Refusal(text.Translate("Enter the day the opinion was received."), "ReceivedOn", 422);
        }
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
        {
            return new Refusal(text.Translate("This consultation does not exist."), Status: 404);
        }
        var now = clock.GetUtcNow();
        var opened = SiteClock.LocalDate(consultation.OpensUtc);
        var closed = SiteClock.LocalDate(consultation.ClosesUtc);
        if (received < opened || received > closed)
        {
            return new Refusal(F("Only opinions received during the comment period ({0} to {1}) are recorded and answered.", SiteClock.FormatDate(opened), SiteClock.FormatDate(closed)), "ReceivedOn", 422);
        }
        if (received > SiteClock.LocalDate(now))
        {
            return new Refusal(text.Translate("The day received cannot be in the future."), "ReceivedOn", 422);
        }
        if (command.Article is { } article && (article < 1 || article > consultation.Articles.Count))
        {
            return new Refusal(F("The draft has articles 1 to {0}.", consultation.Articles.Count), "Article", 422);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (consultation.State != ConsultationState.Published || !await DecisionLock.TakeAsync(db, consultation.Id, now, cancellationToken))
        {
            return new Refusal(text.Translate("Opinions are recorded while the draft is published and its decision is not yet final."), Status: 409);
        }
        var comment = await StaffEnteredComments.NewAsync(db, consultation.Id, body, now, cancellationToken);
        comment.ArticleNumber = command.Article;
        comment.Name = name;
        comment.PublishName = command.PublishName && name.Length > 0;
        comment.Organization = string.IsNullOrEmpty(organization) ? null : organization;
        comment.ConsentToPublish = command.ConsentToPublish;
        // Shown as the day received; the time of day is not known.
        comment.SubmittedUtc = SiteClock.FromLocal(received.ToDateTime(new TimeOnly(12, 0)));
        comment.ModeratedBy = recordedBy;
        comment.Channel = command.Channel;
        await StaffEnteredComments.AddAsync(db, events, consultation, [comment], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return comment;
    }
}

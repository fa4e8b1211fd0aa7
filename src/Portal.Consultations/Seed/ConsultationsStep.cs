using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Consultations.Admin;
using Portal.Consultations.Model;
using Portal.Consultations.Public;
using Portal.Core.Content;
using Portal.Core.Localization;
using Portal.Core.Recipes;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Disclosure.Seed;

namespace Portal.Consultations.Seed;

/// <summary>
/// <c>{ "name": "consultations", "from": "content-seed/consultations" }</c>: decision drafts with their comments,
/// responses and outcomes, one YAML file each, upserted by slug. The period rules are enforced as for staff.
/// </summary>
internal sealed class ConsultationsStep(IOptions<ConsultationOptions> options, TextCatalog text, AttachmentStore store) : IRecipeStep
{
    public string Name => "consultations";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolveContentPath("from", context.RequiredString("from"));
        var db = context.Db;
        var files = new SeedAttachments(context, store);
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml").Order(StringComparer.Ordinal))
        {
            var display = ContentFiles.Display(context, file);
            var slug = ContentFiles.SlugOf(file);
            var seed = ContentFiles.ReadYaml<ConsultationSeed>(context, file, await File.ReadAllTextAsync(file, cancellationToken));
            if (string.IsNullOrWhiteSpace(seed.Title) || seed.Articles is not { Count: > 0 })
            {
                throw context.Error(string.IsNullOrWhiteSpace(seed.Title) ? "title" : "articles", "is required", display);
            }
            var kind = seed.Kind switch
            {
                null or "ordinary" => DecisionKind.Ordinary,
                "major" => DecisionKind.Major,
                _ => throw context.Error("kind", $"'{seed.Kind}' is not ordinary or major", display),
            };
            var opens = ContentFiles.ParseDate(context, file, "opens", seed.Opens);
            var closes = ContentFiles.ParseDate(context, file, "closes", seed.Closes);
            var planned = ContentFiles.ParseLocalDate(context, file, "planned_adoption", seed.PlannedAdoption)
                ?? throw context.Error("planned_adoption", "is required", display);
            if (PeriodRules.Check(kind, opens, closes, planned, seed.ShortPeriodReason, options.Value, text) is { } refusal)
            {
                throw context.Error(refusal.Field ?? "closes", refusal.Message, display);
            }
            var existing = await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
            if (existing is not null)
            {
                // Re-importing replaces the demo consultation with its file, comments included. The old receipts go into the
                // change log, so every node's search index drops them (the new comments get new receipt numbers).
                foreach (var receipt in await db.Set<Comment>().Where(c => c.ConsultationId == existing.Id).Select(c => c.ReceiptNumber).ToListAsync(cancellationToken))
                {
                    db.RecordChange(CommentSource.Name, receipt, context.ImportUtc);
                }
                await db.Set<Comment>().Where(c => c.ConsultationId == existing.Id).ExecuteDeleteAsync(cancellationToken);
                await DecisionDrafts.AttachmentsOf(db, existing.Id).ExecuteDeleteAsync(cancellationToken);
                db.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }
            var consultation = new Consultation
            {
                Slug = slug,
                Title = seed.Title.Trim(),
                Summary = seed.Summary?.Trim() ?? "",
                Department = seed.Department?.Trim() ?? "",
                Kind = kind,
                ShortPeriodReason = seed.ShortPeriodReason?.Trim() ?? "",
                Contact = seed.Contact?.Trim() ?? "",
                OpensUtc = opens,
                ClosesUtc = closes,
                PlannedAdoptionDate = planned,
                Articles = DecisionDrafts.ToArticles(seed.Articles),
                State = ConsultationState.Published,
                PublishedUtc = opens,
                VersionCount = 1,
                CreatedUtc = context.ImportUtc,
                ModifiedUtc = context.ImportUtc,
            };
            consultation.Versions.Add(new ConsultationVersion { Number = 1, Title = consultation.Title, Articles = consultation.Articles, ChangeNote = "首次发布", Author = consultation.Department, PublishedUtc = opens });
            db.Add(consultation);
            await db.SaveChangesAsync(cancellationToken);
            var order = 0;
            foreach (var a in seed.Attachments ?? [])
            {
                var attachment = await files.LoadAsync(file, "attachments", a.File ?? "", a.Title, cancellationToken);
                attachment.OwnerKind = DecisionDrafts.AttachmentKind;
                attachment.OwnerId = consultation.Id;
                attachment.Order = order++;
                db.Add(attachment);
            }

            var index = 0;
            foreach (var c in (seed.Comments ?? []).OrderBy(c => ContentFiles.ParseDate(context, file, "comments[].submitted", c.Submitted)))
            {
                var field = $"comments[{index++}]";
                var submitted = ContentFiles.ParseDate(context, file, field + ".submitted", c.Submitted);
                if (submitted < opens || submitted >= closes)
                {
                    throw context.Error(field + ".submitted", "a comment is submitted while the period is open", display);
                }
                if (c.Article is { } article && (article < 1 || article > consultation.Articles.Count))
                {
                    throw context.Error(field + ".article", $"the draft has articles 1 to {consultation.Articles.Count}", display);
                }
                var status = c.Status switch
                {
                    null or "published" => CommentStatus.Published,
                    "pending" => CommentStatus.Pending,
                    "rejected" => CommentStatus.Rejected,
                    _ => throw context.Error(field + ".status", $"'{c.Status}' is not pending, published or rejected", display),
                };
                var body = (c.Body ?? "").Trim();
                if (body.Length == 0 || body.Length > SubmitComment.MaxBodyLength)
                {
                    throw context.Error(field + ".body", $"is required and at most {SubmitComment.MaxBodyLength} characters", display);
                }
                var fingerprint = CommentText.Fingerprint(body);
                var comment = new Comment
                {
                    ConsultationId = consultation.Id,
                    ReceiptNumber = await Receipts.NextAsync(db, SiteClock.ToLocal(submitted).Year, cancellationToken),
                    AccessToken = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true),
                    ArticleNumber = c.Article,
                    Name = c.Name?.Trim() ?? "",
                    PublishName = c.PublishName && !string.IsNullOrWhiteSpace(c.Name),
                    Email = (c.Email ?? "").Trim().ToLowerInvariant(),
                    Phone = string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim(),
                    Organization = string.IsNullOrWhiteSpace(c.Organization) ? null : c.Organization.Trim(),
                    Body = body,
                    PublicBody = CommentText.Mask(body),
                    ConsentToPublish = true,
                    Status = status,
                    RejectReason = status == CommentStatus.Rejected
                        ? Labels.ParseRejectCode(c.RejectReason) ?? throw context.Error(field + ".reject_reason", "spam, abusive, personal_data, off_topic or duplicate", display)
                        : RejectReason.None,
                    SubmittedUtc = submitted,
                    ModeratedUtc = status == CommentStatus.Pending ? null : submitted.AddHours(2),
                    ModeratedBy = status == CommentStatus.Pending ? "" : "moderator",
                };
                if (c.Response is { } response)
                {
                    var disposition = Labels.ParseDisposition(response.Disposition)
                        ?? throw context.Error(field + ".response.disposition", "adopted, partly_adopted, not_adopted or out_of_scope", display);
                    if (status != CommentStatus.Published || (disposition != Disposition.Adopted && string.IsNullOrWhiteSpace(response.Reason)))
                    {
                        throw context.Error(field + ".response", "responses go to published comments, with a reason unless adopted", display);
                    }
                    comment.Disposition = disposition;
                    comment.ResponseReason = response.Reason?.Trim() ?? "";
                    comment.ResponseArticles = string.Join(',', response.Articles ?? []);
                    comment.RespondedUtc = closes.AddDays(1);
                    comment.RespondedBy = "decisions";
                }
                comment.SetFingerprint(fingerprint);
                await Grouping.AssignAsync(db, comment, cancellationToken);
                db.Add(comment);
                consultation.CommentCount++;
                await db.SaveChangesAsync(cancellationToken);
            }

            if (seed.Outcome is { Length: > 0 } outcome)
            {
                consultation.State = outcome switch
                {
                    "adopted" => ConsultationState.Adopted,
                    "rejected" => ConsultationState.Rejected,
                    "withdrawn" => ConsultationState.Withdrawn,
                    _ => throw context.Error("outcome", $"'{outcome}' is not adopted, rejected or withdrawn", display),
                };
                consultation.OutcomeReason = seed.OutcomeReason?.Trim() ?? "";
                consultation.FinalizedUtc = ContentFiles.ParseDate(context, file, "finalized", seed.Finalized);
                consultation.FinalizedBy = "decisions";
                consultation.FinalArticles = consultation.State == ConsultationState.Adopted
                    ? DecisionDrafts.ToArticles(seed.FinalArticles is { Count: > 0 } final ? final : seed.Articles)
                    : [];
                await db.SaveChangesAsync(cancellationToken);
            }
            await ConsultationChanges.RecordAllAsync(db, consultation.Id, context.ImportUtc, cancellationToken);
            await context.ItemDoneAsync(cancellationToken);
        }
    }

    internal sealed class ConsultationSeed
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Department { get; set; }
        public string? Kind { get; set; }
        public string? ShortPeriodReason { get; set; }
        public string? Contact { get; set; }
        public string? Opens { get; set; }
        public string? Closes { get; set; }
        public string? PlannedAdoption { get; set; }
        public List<string>? Articles { get; set; }
        public string? Outcome { get; set; }
        public string? OutcomeReason { get; set; }
        public string? Finalized { get; set; }
        public List<string>? FinalArticles { get; set; }
        public List<CommentSeed>? Comments { get; set; }
        public List<AttachmentSeed>? Attachments { get; set; }
    }

    internal sealed class AttachmentSeed
    {
        public string? File { get; set; }
        public string? Title { get; set; }
    }

    internal sealed class CommentSeed
    {
        public string? Name { get; set; }
        public bool PublishName { get; set; } = true;
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Organization { get; set; }
        public int? Article { get; set; }
        public string? Body { get; set; }
        public string? Submitted { get; set; }
        public string? Status { get; set; }
        public string? RejectReason { get; set; }
        public ResponseSeed? Response { get; set; }
    }

    internal sealed class ResponseSeed
    {
        public string? Disposition { get; set; }
        public string? Reason { get; set; }
        public List<int>? Articles { get; set; }
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Admin;
using Portal.Core.Content;
using Portal.Core.Recipes;
using Portal.Core.Text;
using Portal.Hearings.Model;

namespace Portal.Hearings.Seed;

/// <summary>
/// <c>{ "name": "hearings", "from": "content-seed/hearings" }</c>: hearings with their demo sign-ups, draw and record,
/// one YAML file each, upserted by slug. Statements of a hearing linked to a consultation become its comments.
/// </summary>
internal sealed class HearingsStep : IRecipeStep
{
    public string Name => "hearings";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolveContentPath("from", context.RequiredString("from"));
        var db = context.Db;
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml").Order(StringComparer.Ordinal))
        {
            var display = ContentFiles.Display(context, file);
            var slug = ContentFiles.SlugOf(file);
            var seed = ContentFiles.ReadYaml<HearingSeed>(context, file, await File.ReadAllTextAsync(file, cancellationToken));
            if (string.IsNullOrWhiteSpace(seed.Title))
            {
                throw context.Error("title", "is required", display);
            }
            DateTimeOffset Date(string field, string? value) => ContentFiles.ParseDate(context, file, field, value);
            DateTimeOffset? Optional(string field, string? value) => string.IsNullOrWhiteSpace(value) ? null : Date(field, value);
            var selection = Labels.ParseSelection(seed.Selection ?? "first_come") ?? throw context.Error("selection", "first_come or lottery", display);
            var existing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Slug == slug, cancellationToken);
            if (existing is not null)
            {
                db.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }
            var starts = Date("starts", seed.Starts);
            var hearing = new Hearing
            {
                Slug = slug,
                Title = seed.Title.Trim(),
                Matters = seed.Matters?.Trim() ?? "",
                MattersHtml = RichText.MarkdownToSafeHtml(seed.Matters),
                LegalBasis = seed.LegalBasis?.Trim() ?? "",
                Organizer = seed.Organizer?.Trim() ?? "",
                ConsultationSlug = string.IsNullOrWhiteSpace(seed.Consultation) ? null : seed.Consultation.Trim(),
                StartsUtc = starts,
                EndsUtc = Date("ends", seed.Ends),
                VenueName = seed.VenueName?.Trim() ?? "",
                VenueAddress = seed.VenueAddress?.Trim() ?? "",
                Directions = seed.Directions?.Trim() ?? "",
                Accessibility = seed.Accessibility?.Trim() ?? "",
                OnlineOption = seed.OnlineOption?.Trim() ?? "",
                Seats = seed.Seats,
                SpeakerSlots = seed.SpeakerSlots,
                RegistrationOpensUtc = Date("registration_opens", seed.RegistrationOpens),
                RegistrationClosesUtc = Date("registration_closes", seed.RegistrationCloses),
                Selection = selection,
                Categories = (seed.Categories ?? []).Select(c => new CategoryQuota(c.Key ?? "", c.Label ?? "", c.Seats)).ToList(),
                SelectionRules = seed.SelectionRules?.Trim() ?? "",
                State = HearingState.Published,
                PublishedUtc = Optional("published", seed.Published) ?? context.ImportUtc,
                ParticipantsPublishedUtc = Optional("participants_published", seed.ParticipantsPublished),
                CreatedUtc = context.ImportUtc,
                ModifiedUtc = context.ImportUtc,
            };
            if (hearing.EndsUtc <= hearing.StartsUtc || hearing.Seats < 1 || hearing.RegistrationClosesUtc > hearing.StartsUtc || hearing.RegistrationOpensUtc >= hearing.RegistrationClosesUtc)
            {
                throw context.Error("starts", "dates or seats are inconsistent: registration opens < closes <= starts < ends, seats >= 1", display);
            }
            if (hearing.ConsultationSlug is { } linked && !await db.Set<Portal.Consultations.Model.Consultation>().AnyAsync(c => c.Slug == linked, cancellationToken))
            {
                throw context.Error("consultation", $"no consultation '{linked}'", display);
            }
            db.Add(hearing);
            await db.SaveChangesAsync(cancellationToken);

            var index = 0;
            foreach (var r in seed.Registrations ?? [])
            {
                var field = $"registrations[{index++}]";
                var status = r.Status switch
                {
                    null => selection == SelectionMethod.Lottery && hearing.DrawnUtc is null ? RegistrationStatus.Registered : RegistrationStatus.Confirmed,
                    "confirmed" => RegistrationStatus.Confirmed,
                    "waitlisted" => RegistrationStatus.Waitlisted,
                    "registered" => RegistrationStatus.Registered,
                    _ => throw context.Error(field + ".status", "confirmed, waitlisted or registered", display),
                };
                if (status == RegistrationStatus.Confirmed && hearing.SeatsTaken >= hearing.Seats)
                {
                    throw context.Error(field, "more confirmed registrations than seats", display);
                }
                var created = Date(field + ".created", r.Created ?? seed.RegistrationOpens);
                db.Add(new Registration
                {
                    HearingId = hearing.Id,
                    Code = RegistrationCodes.New(),
                    CancelToken = RegistrationCodes.NewToken(),
                    Name = r.Name?.Trim() ?? throw context.Error(field + ".name", "is required", display),
                    Email = (r.Email ?? $"participant{index}@example.cn").Trim().ToLowerInvariant(),
                    Affiliation = r.Affiliation,
                    Category = r.Category,
                    WantsToSpeak = !string.IsNullOrWhiteSpace(r.Statement),
                    StatementSummary = r.Statement,
                    ConsentToList = r.Listed,
                    Culture = "zh-CN",
                    Status = status,
                    CreatedUtc = created,
                    ConfirmedUtc = status == RegistrationStatus.Confirmed ? created : null,
                    AttendedUtc = r.Attended ? hearing.StartsUtc : null,
                });
                hearing.SeatsTaken += status == RegistrationStatus.Confirmed ? 1 : 0;
            }
            await db.SaveChangesAsync(cancellationToken);

            if (!string.IsNullOrWhiteSpace(seed.Record))
            {
                var heard = hearing.StartsUtc;
                var statements = (seed.Statements ?? []).Select(s => new HearingStatementEntry(s.Speaker ?? "", s.Affiliation ?? "", (s.Text ?? "").Trim())).ToList();
                if (hearing.ConsultationSlug is { } consultation && statements.Count > 0)
                {
                    var receipts = await HearingOpinionSeed.AddAsync(db, consultation, hearing.Slug, hearing.Title, heard,
                        (seed.Statements ?? []).Select(s => new HearingOpinionSeed.Answered(s.Speaker ?? "", s.Affiliation, (s.Text ?? "").Trim(), s.Disposition, s.Reason)).ToList(),
                        context.ImportUtc, cancellationToken);
                    statements = statements.Select((s, i) => s with { CommentReceipt = receipts[i] }).ToList();
                }
                hearing.RecordMarkdown = seed.Record.Trim();
                hearing.RecordHtml = RichText.MarkdownToSafeHtml(hearing.RecordMarkdown);
                hearing.Statements = statements;
                hearing.RecordPublishedUtc = Optional("record_published", seed.RecordPublished) ?? hearing.EndsUtc.AddDays(2);
            }
            HearingChanges.Record(db, hearing, context.ImportUtc);
            await context.ItemDoneAsync(cancellationToken);
        }
    }

    internal sealed class HearingSeed
    {
        public string? Title { get; set; }
        public string? Matters { get; set; }
        public string? LegalBasis { get; set; }
        public string? Organizer { get; set; }
        public string? Consultation { get; set; }
        public string? Published { get; set; }
        public string? Starts { get; set; }
        public string? Ends { get; set; }
        public string? VenueName { get; set; }
        public string? VenueAddress { get; set; }
        public string? Directions { get; set; }
        public string? Accessibility { get; set; }
        public string? OnlineOption { get; set; }
        public int Seats { get; set; }
        public int SpeakerSlots { get; set; }
        public string? RegistrationOpens { get; set; }
        public string? RegistrationCloses { get; set; }
        public string? Selection { get; set; }
        public List<CategorySeed>? Categories { get; set; }
        public string? SelectionRules { get; set; }
        public string? ParticipantsPublished { get; set; }
        public List<RegistrationSeed>? Registrations { get; set; }
        public string? Record { get; set; }
        public string? RecordPublished { get; set; }
        public List<StatementSeed>? Statements { get; set; }
    }

    internal sealed class CategorySeed
    {
        public string? Key { get; set; }
        public string? Label { get; set; }
        public int Seats { get; set; }
    }

    internal sealed class RegistrationSeed
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Affiliation { get; set; }
        public string? Category { get; set; }
        public string? Statement { get; set; }
        public string? Status { get; set; }
        public string? Created { get; set; }
        public bool Listed { get; set; } = true;
        public bool Attended { get; set; }
    }

    internal sealed class StatementSeed
    {
        public string? Speaker { get; set; }
        public string? Affiliation { get; set; }
        public string? Text { get; set; }
        public string? Disposition { get; set; }
        public string? Reason { get; set; }
    }
}

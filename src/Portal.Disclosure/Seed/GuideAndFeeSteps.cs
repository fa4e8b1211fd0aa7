using Microsoft.EntityFrameworkCore;
using Portal.Core.Recipes;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Seed;

/// <summary><c>{ "name": "serviceGuides", "from": "content-seed/guides" }</c>: one YAML file per guide, upsert by slug.</summary>
internal sealed class ServiceGuidesStep(AttachmentStore store) : IRecipeStep
{
    public string Name => "serviceGuides";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolveContentPath("from", context.RequiredString("from"));
        var attachments = new SeedAttachments(context, store);
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml").Order(StringComparer.Ordinal))
        {
            var display = ContentFiles.Display(context, file);
            var slug = ContentFiles.SlugOf(file);
            if (!ContentFiles.IsValidSlug(slug))
            {
                throw context.Error("slug", $"file name '{slug}' is not a slug", display);
            }
            var seed = ContentFiles.ReadYaml<GuideSeed>(context, file, await File.ReadAllTextAsync(file, cancellationToken));
            if (string.IsNullOrWhiteSpace(seed.ItemName))
            {
                throw context.Error("item_name", "is required", display);
            }
            if (seed.PromisedDays < 0 || seed.StatutoryDays < seed.PromisedDays)
            {
                throw context.Error("promised_days", "the promised time limit must be between 0 and the statutory limit", display);
            }
            var set = context.Db.Set<ServiceGuide>();
            var guide = await set.Include(g => g.Forms).FirstOrDefaultAsync(g => g.Slug == slug, cancellationToken)
                ?? set.Add(new ServiceGuide { Slug = slug }).Entity;
            guide.ItemName = seed.ItemName.Trim();
            guide.ItemCode = seed.ItemCode ?? "";
            guide.Department = seed.Department ?? "";
            guide.Category = seed.Category ?? "";
            guide.Summary = seed.Summary?.Trim() ?? "";
            guide.LegalBasis = seed.LegalBasis ?? [];
            guide.Conditions = seed.Conditions ?? [];
            guide.Materials = (seed.Materials ?? []).Select(m => new GuideMaterial(m.Name, m.Original, m.Copies, m.Note ?? "")).ToList();
            guide.Steps = (seed.Steps ?? []).Select(s => new GuideStep(s.Name, s.Actor ?? "", s.Description ?? "", s.Days)).ToList();
            guide.PromisedDays = seed.PromisedDays;
            guide.StatutoryDays = seed.StatutoryDays;
            guide.Fees = (seed.Fees ?? []).Select(f => new GuideFee(f.Item, f.Standard ?? "", f.Basis ?? "")).ToList();
            guide.Faq = (seed.Faq ?? []).Select(q => new GuideQuestion(q.Q, q.A)).ToList();
            guide.Where = seed.Where ?? "";
            guide.Hours = seed.Hours ?? "";
            guide.Phone = seed.Phone ?? "";
            guide.Online = seed.Online ?? "";
            guide.State = PublicationState.Published;
            guide.PublishedUtc = ContentFiles.ParseDate(context, file, "published", seed.Published);
            guide.ModifiedUtc = context.ImportUtc;
            Portal.Core.Content.ContentChangeLog.RecordChange(context.Db, Public.GuideSource.Name, guide.Slug, context.ImportUtc, guide.PublishedUtc);
            context.Db.RemoveRange(guide.Forms);
            guide.Forms.Clear();
            var order = 0;
            foreach (var form in seed.Forms ?? [])
            {
                var attachment = await attachments.LoadAsync(file, "forms", form.File, form.Title, cancellationToken);
                attachment.IsSample = form.Sample;
                attachment.Order = order++;
                guide.Forms.Add(attachment);
            }
        }
    }

    internal sealed class GuideSeed
    {
        public string? ItemName { get; set; }
        public string? ItemCode { get; set; }
        public string? Department { get; set; }
        public string? Category { get; set; }
        public string? Summary { get; set; }
        public List<string>? LegalBasis { get; set; }
        public List<string>? Conditions { get; set; }
        public List<MaterialSeed>? Materials { get; set; }
        public List<StepSeed>? Steps { get; set; }
        public int PromisedDays { get; set; }
        public int StatutoryDays { get; set; }
        public List<FeeSeed>? Fees { get; set; }
        public List<DocumentsStep.AttachmentSeed>? Forms { get; set; }
        public string? Where { get; set; }
        public string? Hours { get; set; }
        public string? Phone { get; set; }
        public string? Online { get; set; }
        public string? Published { get; set; }
        public List<QuestionSeed>? Faq { get; set; }
    }

    internal sealed class MaterialSeed
    {
        public string Name { get; set; } = "";
        public int Original { get; set; }
        public int Copies { get; set; }
        public string? Note { get; set; }
    }

    internal sealed class StepSeed
    {
        public string Name { get; set; } = "";
        public string? Actor { get; set; }
        public string? Description { get; set; }
        public int Days { get; set; }
    }

    internal sealed class FeeSeed
    {
        public string Item { get; set; } = "";
        public string? Standard { get; set; }
        public string? Basis { get; set; }
    }

    internal sealed class QuestionSeed
    {
        public string Q { get; set; } = "";
        public string A { get; set; } = "";
    }
}

/// <summary><c>{ "name": "fees", "from": "content-seed/fees" }</c>: the fee schedule, one YAML file per charge.</summary>
internal sealed class FeesStep : IRecipeStep
{
    public string Name => "fees";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolveContentPath("from", context.RequiredString("from"));
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml").Order(StringComparer.Ordinal))
        {
            var display = ContentFiles.Display(context, file);
            var slug = ContentFiles.SlugOf(file);
            var seed = ContentFiles.ReadYaml<FeeSeed>(context, file, await File.ReadAllTextAsync(file, cancellationToken));
            if (string.IsNullOrWhiteSpace(seed.Name) || string.IsNullOrWhiteSpace(seed.Standard))
            {
                throw context.Error(string.IsNullOrWhiteSpace(seed.Name) ? "name" : "standard", "is required", display);
            }
            var set = context.Db.Set<FeeItem>();
            var existing = await set.FirstOrDefaultAsync(f => f.Slug == slug, cancellationToken);
            var fee = existing ?? set.Add(new FeeItem { Slug = slug }).Entity;
            var before = (fee.Name, fee.Code, fee.Order, fee.Standard, fee.Unit, fee.Basis, fee.Department, fee.Note, fee.State);
            fee.Name = seed.Name.Trim();
            fee.Code = seed.Code ?? "";
            fee.Order = seed.Order;
            fee.Standard = seed.Standard.Trim();
            fee.Unit = seed.Unit ?? "";
            fee.Basis = seed.Basis ?? "";
            fee.Department = seed.Department ?? "";
            fee.Note = seed.Note ?? "";
            fee.State = PublicationState.Published;
            fee.PublishedUtc = ContentFiles.ParseDate(context, file, "published", seed.Published);
            // The fee schedule shows its last change: a new row dates from its publication, a row whose text the import
            // changed from the import, and one it left alone keeps its date (a relative publication date moves with
            // every import, which is no change to the row).
            if (existing is null)
            {
                fee.ModifiedUtc = fee.PublishedUtc.Value;
            }
            else if (before != (fee.Name, fee.Code, fee.Order, fee.Standard, fee.Unit, fee.Basis, fee.Department, fee.Note, fee.State))
            {
                fee.ModifiedUtc = context.ImportUtc;
            }
            Portal.Core.Content.ContentChangeLog.RecordChange(context.Db, Public.FeeSource.Name, fee.Slug, context.ImportUtc, fee.PublishedUtc);
        }
    }

    internal sealed class FeeSeed
    {
        public string? Name { get; set; }
        public string? Code { get; set; }
        public int Order { get; set; }
        public string? Standard { get; set; }
        public string? Unit { get; set; }
        public string? Basis { get; set; }
        public string? Department { get; set; }
        public string? Note { get; set; }
        public string? Published { get; set; }
    }
}

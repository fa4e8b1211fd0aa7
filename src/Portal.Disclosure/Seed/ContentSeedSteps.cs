using Microsoft.EntityFrameworkCore;
using Portal.Core.Recipes;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Seed;

/// <summary>
/// <c>{ "name": "documents", "from": "content-seed/documents" }</c>: one Markdown file per document in a folder named
/// after its section. Upserts by slug (the file name).
/// </summary>
internal sealed class DocumentsStep(AttachmentStore store) : IRecipeStep
{
    public string Name => "documents";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolveContentPath("from", context.RequiredString("from"));
        if (!Directory.Exists(root))
        {
            throw context.Error("from", $"folder {root} does not exist");
        }
        var sections = await context.Db.Set<Section>().ToDictionaryAsync(s => s.Slug, cancellationToken);
        var attachments = new SeedAttachments(context, store);
        foreach (var file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var display = ContentFiles.Display(context, file);
            var sectionSlug = Path.GetFileName(Path.GetDirectoryName(file)!);
            if (!sections.TryGetValue(sectionSlug, out var section))
            {
                throw context.Error("section", $"folder '{sectionSlug}' is not a section slug (known: {string.Join(", ", sections.Keys)})", display);
            }
            var slug = ContentFiles.SlugOf(file);
            if (!ContentFiles.IsValidSlug(slug))
            {
                throw context.Error("slug", $"file name '{slug}' is not a slug (lowercase letters, digits and '-')", display);
            }
            var (meta, body) = ContentFiles.ReadMarkdown<DocumentSeed>(context, file);
            if (string.IsNullOrWhiteSpace(meta.Title))
            {
                throw context.Error("title", "is required", display);
            }
            var validity = meta.Status switch
            {
                null or "" or "in_force" => DocumentValidity.InForce,
                "amended" => DocumentValidity.Amended,
                "abolished" => DocumentValidity.Abolished,
                _ => throw context.Error("status", $"'{meta.Status}' is not in_force, amended or abolished", display),
            };
            var published = ContentFiles.ParseDate(context, file, "published", meta.Published);
            var set = context.Db.Set<Document>();
            var document = await set.Include(d => d.Attachments).FirstOrDefaultAsync(d => d.Slug == slug, cancellationToken)
                ?? set.Add(new Document { Slug = slug, CreatedUtc = context.ImportUtc }).Entity;
            document.SectionId = section.Id;
            document.Title = meta.Title.Trim();
            document.IndexNumber = meta.IndexNumber ?? "";
            document.DocNumber = string.IsNullOrWhiteSpace(meta.DocNumber) ? null : meta.DocNumber.Trim();
            document.IssuingBody = meta.IssuingBody ?? "";
            document.WrittenOn = ContentFiles.ParseLocalDate(context, file, "written", meta.Written);
            document.EffectiveOn = ContentFiles.ParseLocalDate(context, file, "effective", meta.Effective);
            document.Validity = validity;
            document.AbolishedOn = ContentFiles.ParseLocalDate(context, file, "abolished", meta.Abolished);
            if (validity == DocumentValidity.Abolished && document.AbolishedOn is null)
            {
                throw context.Error("abolished", "an abolished document needs the date it was abolished", display);
            }
            document.Topics = Document.JoinTopics(meta.Topics ?? []);
            document.Summary = meta.Summary?.Trim() ?? "";
            document.BodyMarkdown = body;
            document.BodySanitizedHtml = RichText.MarkdownToSafeHtml(body);
            document.State = PublicationState.Published;
            document.PublishedUtc = published;
            document.ModifiedUtc = context.ImportUtc;
            Portal.Core.Content.ContentChangeLog.RecordChange(context.Db, Public.DocumentSource.Name, slug, context.ImportUtc, published);
            if (document.RevisionCount == 0)
            {
                document.RevisionCount = 1;
                document.Revisions.Add(new DocumentRevision
                {
                    Number = 1, Title = document.Title, BodySanitizedHtml = document.BodySanitizedHtml,
                    ChangeNote = "首次发布", Author = document.IssuingBody, PublishedUtc = published,
                });
            }
            // Attachments belong to their document; re-importing replaces them rather than orphaning the old rows.
            context.Db.RemoveRange(document.Attachments);
            document.Attachments.Clear();
            var order = 0;
            foreach (var a in meta.Attachments ?? [])
            {
                var attachment = await attachments.LoadAsync(file, "attachments", a.File, a.Title, cancellationToken);
                attachment.Order = order++;
                document.Attachments.Add(attachment);
            }
        }
    }

    internal sealed class DocumentSeed
    {
        public string? Title { get; set; }
        public string? IndexNumber { get; set; }
        public string? DocNumber { get; set; }
        public string? IssuingBody { get; set; }
        public string? Written { get; set; }
        public string? Published { get; set; }
        public string? Effective { get; set; }
        public string? Status { get; set; }
        public string? Abolished { get; set; }
        public List<string>? Topics { get; set; }
        public string? Summary { get; set; }
        public List<AttachmentSeed>? Attachments { get; set; }
    }

    internal sealed class AttachmentSeed
    {
        public string File { get; set; } = "";
        public string? Title { get; set; }
        public bool Sample { get; set; }
    }
}

/// <summary>Copies a content-seed attachment into the upload store once per recipe run, even if many items share it.</summary>
public sealed class SeedAttachments(RecipeStepContext context, AttachmentStore store)
{
    private readonly Dictionary<string, AttachmentStore.Stored> stored = new(StringComparer.Ordinal);

    public async Task<Attachment> LoadAsync(string ownerFile, string field, string name, string? title, CancellationToken cancellationToken)
    {
        var display = ContentFiles.Display(context, ownerFile);
        var path = Path.GetFullPath(Path.Combine(context.Paths.ContentSeed, "attachments", name));
        if (!path.StartsWith(Path.Combine(context.Paths.ContentSeed, "attachments"), StringComparison.Ordinal) || !File.Exists(path))
        {
            throw context.Error(field, $"attachment '{name}' is not in content-seed/attachments", display);
        }
        if (!stored.TryGetValue(name, out var file))
        {
            await using var stream = File.OpenRead(path);
            var (result, error) = await store.SaveAsync(stream, name, cancellationToken);
            file = result ?? throw context.Error(field, $"attachment '{name}': {error}", display);
            stored[name] = file;
        }
        return new Attachment
        {
            Title = string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(name) : title.Trim(),
            FileName = name,
            ContentType = file.ContentType,
            Size = file.Size,
            StoredName = file.StoredName,
            Sha256 = file.Sha256,
        };
    }
}

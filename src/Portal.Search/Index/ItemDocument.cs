using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Portal.Core.Content;
using Portal.Core.Text;

namespace Portal.Search.Index;

/// <summary>How a <see cref="PublicItem"/> is stored in the index. Facet values live in doc values for the collector.</summary>
internal static class ItemDocument
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Body = "body";
    public const string TitleChars = "title_chars";
    public const string BodyChars = "body_chars";
    public const string Url = "url";
    public const string Type = "type";
    public const string Section = "section";
    public const string Status = "status";
    public const string Year = "year";
    public const string Date = "date";
    public const string PartOf = "part_of";

    /// <summary>The document number as typed by its publisher (stored) and as one normalized term (indexed).</summary>
    public const string DocumentNumber = "doc_number";
    public const string DocumentNumberKey = "doc_number_key";

    /// <summary>Longer bodies are cut: the first 50,000 characters carry what a person searches for.</summary>
    public const int MaxBody = 50_000;

    /// <summary>Single Han characters only: counted, not placed (no positions), since no phrase is asked of them.</summary>
    private static readonly FieldType Characters = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    public static string IdOf(string source, string key) => source + "/" + key;

    public static Term TermOf(string source, string key) => new(Id, IdOf(source, key));

    public static Document Create(PublicItem item)
    {
        var body = item.Body.Length > MaxBody ? item.Body[..MaxBody] : item.Body;
        var year = SiteClock.ToLocal(item.DateUtc).Year.ToString(CultureInfo.InvariantCulture);
        var document = new Document
        {
            new StringField(Id, IdOf(item.Source, item.Key), Field.Store.YES),
            // Parts of another page (a comment, a fee row) rank below pages of their own on the same words.
            new TextField(Title, item.Title, Field.Store.YES) { Boost = item.HasOwnPage ? 1f : 0.4f },
            new TextField(Body, body, Field.Store.YES) { Boost = item.HasOwnPage ? 1f : 0.7f },
            new Field(TitleChars, item.Title, Characters) { Boost = item.HasOwnPage ? 1f : 0.4f },
            new Field(BodyChars, body, Characters) { Boost = item.HasOwnPage ? 1f : 0.7f },
            new StoredField(Url, item.Url),
            new Int64Field(Date, item.DateUtc.UtcTicks, Field.Store.YES),
            new NumericDocValuesField(Date, item.DateUtc.UtcTicks),
        };
        Facet(document, Type, item.Type);
        Facet(document, Section, item.Section);
        Facet(document, Status, item.Status);
        Facet(document, Year, year);
        if (DocumentNumbers.Normalize(item.DocumentNumber) is { } number)
        {
            document.Add(new StoredField(DocumentNumber, item.DocumentNumber));
            document.Add(new StringField(DocumentNumberKey, number, Field.Store.NO));
        }
        if (!string.IsNullOrEmpty(item.PartOf))
        {
            document.Add(new SortedDocValuesField(PartOf, new BytesRef(item.PartOf)));
        }
        return document;
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private static void Facet(Document document, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        document.Add(new StringField(field, value, Field.Store.YES));
        document.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }
}

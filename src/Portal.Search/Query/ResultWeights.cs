namespace Portal.Search.Query;

/// <summary>
/// What people most often come for, as a factor on the relevance score: the answer to "how do I" (a service guide) and
/// the rules themselves (documents, fee items) before what was said about them (statements, drafts and hearings) and
/// far before one citizen's comment on a draft. A factor, not a sort: a comment that matches much better still comes
/// first. Withdrawn texts (an abolished document, a retracted statement) come after current ones on the same words.
/// Sorting by date ignores both.
/// </summary>
public static class ResultWeights
{
    public static float OfType(string? type) => type switch
    {
        "guide" => 1.6f,
        "document" => 1.3f,
        "fee" => 1.1f,
        "consultation" or "hearing" or "statement" => 0.9f,
        "comment" => 0.45f,
        _ => 1f,
    };

    public static float OfStatus(string? status) => status switch
    {
        "abolished" or "retracted" => 0.7f,
        _ => 1f,
    };
}

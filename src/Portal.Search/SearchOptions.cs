namespace Portal.Search;

public sealed class SearchOptions
{
    /// <summary>How often each node reads the change log; a publish is searchable within about this time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// On PostgreSQL ids are taken at insert and committed later, so a smaller id can appear after a larger one was
    /// read. Rows this recent (by id distance and by age) are read again on every poll and applied once.
    /// </summary>
    public int TrailingIds { get; set; } = 1000;

    public TimeSpan TrailingAge { get; set; } = TimeSpan.FromMinutes(2);
}

using Portal.Core.Content;

namespace Portal.Tests.Unit;

/// <summary>The page cache's generation: a scheduled change moves it at its second, however the watcher's reads interleave.</summary>
public sealed class ContentGenerationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ScheduledTime_NotedBySave_SurvivesAWatcherReadTakenBeforeTheCommit()
    {
        var generation = new ContentGeneration();
        var due = Now.AddHours(2);
        generation.NoteDue(due);                 // the local save of a scheduled publication
        generation.SetNextDue(null, Now);        // the watcher's read of the log, taken before that save committed
        var before = generation.CurrentAt(Now);

        Assert.Equal(before, generation.CurrentAt(due.AddSeconds(-1)));
        Assert.NotEqual(before, generation.CurrentAt(due));
    }

    [Fact]
    public void EarlierTimeFromTheLog_Wins_AndEachTimeMovesTheGenerationOnce()
    {
        var generation = new ContentGeneration();
        generation.NoteDue(Now.AddHours(2));
        generation.SetNextDue(Now.AddHours(1), Now);     // another node scheduled something sooner
        var start = generation.CurrentAt(Now);

        var afterFirst = generation.CurrentAt(Now.AddHours(1));
        Assert.NotEqual(start, afterFirst);
        Assert.Equal(afterFirst, generation.CurrentAt(Now.AddHours(1).AddMinutes(1)));

        generation.SetNextDue(Now.AddHours(2), Now.AddHours(1).AddMinutes(1));
        Assert.NotEqual(afterFirst, generation.CurrentAt(Now.AddHours(2)));
    }

    [Fact]
    public void OnlyGenerationsACacheEntryWasStoredUnder_AndThatAreSuperseded_AreGivenForEviction_EachOnce()
    {
        var generation = new ContentGeneration();
        var old = generation.Current;
        generation.NoteStored(old);
        Assert.Empty(generation.TakeSuperseded());          // still current: its pages are the right answer

        generation.Bump();
        var current = generation.Current;
        generation.NoteStored(current);                     // a page stored after the change, before the watcher's poll
        Assert.Equal([old], generation.TakeSuperseded());
        Assert.Empty(generation.TakeSuperseded());

        generation.NoteStored(old);                         // a request begun before the change, stored after the poll
        Assert.Equal([old], generation.TakeSuperseded());
    }
}

using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Consultations.Model;
using Portal.Core.Data;

namespace Portal.Consultations.Public;

/// <summary>Puts a comment into the group of a near-identical earlier comment (a campaign), if there is one.</summary>
internal static class Grouping
{
    private const int Page = 50;
    private const int Bands = 8;

    /// <summary>
    /// The group of the first (lowest id) near-duplicate. A near-duplicate differs in at most 7 bits, so it shares at
    /// least one of the eight bands: the first near-duplicate found in each band's index, in id order, is a candidate,
    /// and the lowest of those is the answer. Each band is read a page at a time, in id order, only below the best id
    /// so far, and only until its first near-duplicate, so neither a campaign of thousands of identical comments nor
    /// thousands of unrelated ones are read in full (paging, because PostgreSQL sends a whole result set even when
    /// the reader stops early). The first page of all eight bands is one statement: this runs for every comment, inside
    /// the group commit's single writer, so its statement count is intake's ceiling.
    /// </summary>
    public static async Task AssignAsync(PortalDb db, Comment comment, CancellationToken cancellationToken)
    {
        // Inside a transaction the connection is open; elsewhere (the demo import) it is opened for these reads.
        var opening = db.Database.GetDbConnection().State != ConnectionState.Open;
        if (opening)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await AssignOpenAsync(db, comment, cancellationToken);
        }
        finally
        {
            if (opening)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task AssignOpenAsync(PortalDb db, Comment comment, CancellationToken cancellationToken)
    {
        var pages = await FirstPagesAsync(db, comment, cancellationToken);
        long? matchId = null;
        long? matchGroup = null;
        for (var band = 0; band < Bands; band++)
        {
            var page = pages[band];
            while (true)
            {
                if (page.FirstOrDefault(c => c.Id < (matchId ?? long.MaxValue) && CommentText.AreNearDuplicates(c.Fingerprint, comment.Fingerprint)) is { Id: > 0 } found)
                {
                    (matchId, matchGroup) = (found.Id, found.GroupId);
                    break;
                }
                if (page.Count < Page || page[^1].Id >= (matchId ?? long.MaxValue))
                {
                    break;
                }
                page = await NextPageAsync(db, comment, band, after: page[^1].Id, below: matchId ?? long.MaxValue, cancellationToken);
            }
        }
        if (matchId is not { } id)
        {
            return;
        }
        if (matchGroup is null && await db.Set<Comment>().FindAsync([id], cancellationToken) is { } first)
        {
            // The first of a new group becomes its root (tracked, so the change is saved and audited with the comment).
            first.GroupId ??= first.Id;
            matchGroup = first.GroupId;
        }
        comment.GroupId = matchGroup ?? id;
    }

    private readonly record struct Candidate(long Id, long Fingerprint, long? GroupId);

    private static readonly string FirstPagesSql = string.Join(" UNION ALL ", Enumerable.Range(0, Bands).Select(band =>
        $"""SELECT {band} AS "B", "Id", "Fingerprint", "GroupId" FROM (SELECT "Id", "Fingerprint", "GroupId" FROM "Comments" WHERE "ConsultationId" = @c AND "Band{band}" = @b{band} ORDER BY "Id" LIMIT {Page}) AS b{band}"""));

    /// <summary>The first page of each band, in one statement.</summary>
    private static async Task<List<Candidate>[]> FirstPagesAsync(PortalDb db, Comment comment, CancellationToken cancellationToken)
    {
        await using var command = Command(db, FirstPagesSql);
        Parameter(command, "c", comment.ConsultationId);
        for (var band = 0; band < Bands; band++)
        {
            Parameter(command, $"b{band}", CommentText.Band(comment.Fingerprint, band));
        }
        var pages = Enumerable.Range(0, Bands).Select(_ => new List<Candidate>(Page)).ToArray();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pages[reader.GetInt32(0)].Add(Read(reader, 1));
        }
        // UNION ALL keeps each part's rows together but promises no order between or within them once combined.
        foreach (var page in pages)
        {
            page.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
        return pages;
    }

    private static async Task<List<Candidate>> NextPageAsync(PortalDb db, Comment comment, int band, long after, long below, CancellationToken cancellationToken)
    {
        await using var command = Command(db,
            $"""SELECT "Id", "Fingerprint", "GroupId" FROM "Comments" WHERE "ConsultationId" = @c AND "Band{band}" = @b AND "Id" > @after AND "Id" < @below ORDER BY "Id" LIMIT {Page}""");
        Parameter(command, "c", comment.ConsultationId);
        Parameter(command, "b", CommentText.Band(comment.Fingerprint, band));
        Parameter(command, "after", after);
        Parameter(command, "below", below);
        var page = new List<Candidate>(Page);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(Read(reader, 0));
        }
        return page;
    }

    private static Candidate Read(DbDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetInt64(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetInt64(first + 2));

    /// <summary>A command on the context's connection, in its transaction (the caller's unit of work sees its own rows).</summary>
    private static DbCommand Command(PortalDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Parameter<T>(DbCommand command, string name, T value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
